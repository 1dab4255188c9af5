"""The installed `aspire` console script, as a user runs it: its path, the environment of a
terminal, and a pseudo-terminal to type at it."""

import os
import sys
import sysconfig
from pathlib import Path

import pexpect

SCRIPTS = Path(sysconfig.get_path("scripts"))


def aspire_script() -> str:
    """The installed console script, as a user runs it."""
    script = SCRIPTS / "aspire"
    if not script.exists():  # e.g. a venv whose scripts live beside sys.executable
        script = Path(sys.executable).parent / "aspire"
    assert script.exists(), f"the aspire console script is not installed in {SCRIPTS}"
    return str(script)


def terminal_env(home: Path) -> dict[str, str]:
    return dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", ASPIRE_HOME=str(home), TERM="xterm")


def spawn(home, *args):
    return pexpect.spawn(
        aspire_script(),
        list(args),
        env=terminal_env(home),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=15,
    )


DONE = "\r"  # Enter submits


def answer(child, prompt, text, submit=DONE):
    child.expect(prompt)
    child.expect("Answer:")
    child.send(text + submit)


def choose(child, prompt, last_choice, keys):
    """A choice question: once its last choice is drawn, `keys` move the highlight, Enter picks."""
    child.expect(prompt)
    child.expect("Answer:")
    child.expect(last_choice)
    child.send(keys + "\r")


def finish(child, code=0):
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
