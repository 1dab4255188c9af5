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
    """The end of the run, its exit status checked; what it printed last."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return child.before


def talk_up_to_the_actions(child) -> None:
    """Questions 1-7 of the shipped talk answered, as a person types them."""
    for n, text in enumerate(["Lead a team", "Director"], 1):
        answer(child, f"{n}/9", text)
    choose(child, "3/9", "expert track", "\x1b[B" * 4)  # the last level
    answer(child, "4/9", "Mostly")
    choose(child, "5/9", "no", "\x1b[B" * 2)  # no
    answer(child, "6/9", "Architecture")
    answer(child, "7/9", "Delegation")


def one_action_and_the_rest(child) -> None:
    """From "Action 1:" on: one action agreed (due 2026-06-30), the last question, saved."""
    child.expect("Action 1")
    child.send("Run the guild\r")
    child.expect("measure it")
    child.send("Two a month\r")
    child.expect("Due")
    child.send("2026-06-30\r")
    child.expect("Action 2 \\(Enter when done\\)")
    child.send("\r")
    answer(child, "9/9", "More scope")
    child.expect("Saved")
