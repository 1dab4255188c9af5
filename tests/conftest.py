"""Every test runs against its own aspire home, with colour off and a fixed terminal width."""

from __future__ import annotations

import io
import os
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from aspire_cli.cli.app import app

SCRIPTS = Path(sysconfig.get_path("scripts"))
pytest_plugins = ["git_homes"]  # two machines and a remote, for the sync tests


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("ASPIRE_HOME", str(home))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("EDITOR", raising=False)
    return home


@pytest.fixture
def home(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    """Keystrokes for any questionary prompt created inside the test."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def in_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdin looks like a terminal, so an interview runs in-process (keys come from `keys`)."""
    monkeypatch.setattr(sys, "stdin", _Terminal())


class Run:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None):
        return self.runner.invoke(app, list(args), input=input)


@pytest.fixture
def aspire() -> Run:
    """Invoke the CLI in-process; the result has exit_code, stdout and stderr."""
    return Run()


def aspire_script() -> str:
    """The installed console script, as a user runs it."""
    script = SCRIPTS / "aspire"
    if not script.exists():  # e.g. a venv whose scripts live beside sys.executable
        script = Path(sys.executable).parent / "aspire"
    assert script.exists(), f"the aspire console script is not installed in {SCRIPTS}"
    return str(script)


def terminal_env(home: Path) -> dict[str, str]:
    return dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", ASPIRE_HOME=str(home), TERM="xterm")


PREP_ANSWERS = """\
potential = "Head of platform engineering within five years"
potential_level = "two or more levels up"
readiness = "1-2 years"
development = "Leadership programme; a rotation through product"
strengths = "Systems thinking"
short_term_needs = "Presentation skills"
next_assignment = "Tech lead, payments, mid 2027"
"""

TALK_ANSWERS = """\
short_term_aspiration = "Lead a small team"
long_term_aspiration = "Director of engineering"
aspiration_level = "senior leadership"
knows_path = "Partly: needs people-management experience"
willing = "yes"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
due = 2027-06-30

[[actions]]
action = "Hand release management to Bob"
measure = "Bob runs two releases alone"
"""
