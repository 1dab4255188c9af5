"""Every test runs against its own aspire home, with colour off and a fixed terminal width."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import PipeInput, create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from aspire_cli.cli.app import app

pytest.register_assert_rewrite("support")  # its helpers assert, and say what they found
pytest_plugins = ["support.git_homes"]  # two machines and a remote, for the sync tests


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
