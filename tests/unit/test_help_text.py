"""`--help` as the launcher prints it is the Typer app's, word for word.

cli/help_text.py keeps what the Typer app prints for every command's `--help` in a terminal 80
columns wide or wider; the launcher prints it without loading Typer. These tests fail when the two
differ (an option added, a help string changed): `python tests/unit/test_help_text.py` writes it
again from the app.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from aspire_cli.cli import launcher
from aspire_cli.cli.app import app
from aspire_cli.cli.help_text import HELP, WIDE

HELP_FILE = Path(__file__).resolve().parents[2] / "src/aspire_cli/cli/help_text.py"


def command_paths() -> list[str]:
    """Every command and group of the Typer app, as typed after `aspire` ("" for the app itself)."""
    paths = [""]

    def walk(group: TyperGroup, path: str) -> None:
        for name, command in group.commands.items():
            paths.append(f"{path}{name}")
            if isinstance(command, TyperGroup):
                walk(command, f"{path}{name} ")

    walk(typer.main.get_command(app), "")
    return sorted(paths)


def typer_help(path: str, columns: int) -> str:
    """What the Typer app prints for `aspire PATH --help` in a terminal `columns` wide. Not through
    CliRunner, which makes Click wrap at 80 whatever the terminal (a terminal wraps at 78)."""
    out = io.StringIO()
    with (
        patched_env("COLUMNS", str(columns)),
        contextlib.redirect_stdout(out),
        pytest.raises(SystemExit) as stop,
    ):
        typer.main.get_command(app).main([*path.split(), "--help"], "aspire")
    assert stop.value.code == 0
    return out.getvalue()


@contextlib.contextmanager
def patched_env(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def help_source() -> str:
    body = "".join(f"    {path!r}: {typer_help(path, 100)!r},\n" for path in command_paths())
    text = HELP_FILE.read_text(encoding="utf-8")
    start = text.index("HELP: dict[str, str] = {")
    return text[:start] + "HELP: dict[str, str] = {\n" + body + "}\n"


def test_the_kept_help_of_every_command_is_what_the_typer_app_prints():
    assert sorted(HELP) == command_paths()
    for path in command_paths():
        assert HELP[path] == typer_help(path, WIDE), f"aspire {path} --help is stale: run {__file__}"
        assert HELP[path] == typer_help(path, 200)  # Click wraps at 78 in every wider terminal


def run_launcher(monkeypatch, capsys, columns: int, *args: str) -> tuple[str, bool]:
    """What `aspire ARGS` prints in a terminal `columns` wide, and whether Typer was asked."""
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr(sys, "argv", ["aspire", *args])
    asked = []
    monkeypatch.setattr(launcher, "_typer_app", lambda: asked.append(args) or app(prog_name="aspire"))
    with pytest.raises(SystemExit) as stop:
        launcher.main()
    assert stop.value.code in (0, None)
    return capsys.readouterr().out, bool(asked)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["due", "--help"], ["team", "add", "-h"]], ids=" ".join)
def test_the_launcher_prints_the_kept_help_in_a_wide_terminal_without_asking_typer(monkeypatch, capsys, args):
    out, asked = run_launcher(monkeypatch, capsys, 80, *args)
    assert out == HELP[" ".join(args[:-1])] and not asked
    assert out.startswith("Usage: aspire")


def test_in_a_narrow_terminal_the_typer_app_words_the_help_to_fit(monkeypatch, capsys):
    out, asked = run_launcher(monkeypatch, capsys, 60, "due", "--help")
    assert asked and out == typer_help("due", 60) != HELP["due"]
    assert max(len(line) for line in out.splitlines()) <= 60


@pytest.mark.parametrize(
    "args",
    [["nope", "--help"], ["due", "--json", "--help"], ["--help", "due"], ["team add", "--help"]],
    ids=" ".join,
)
def test_anything_but_a_plain_command_and_help_goes_to_the_typer_app(args):
    assert launcher.known_help(args) is None


if __name__ == "__main__":  # python tests/unit/test_help_text.py: write HELP from the Typer app
    HELP_FILE.write_text(help_source(), encoding="utf-8")
    print(f"wrote {HELP_FILE}", file=sys.stderr)
