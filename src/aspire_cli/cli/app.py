"""The Typer app: aspire's interface, declared once. Each command is declared in the module of its
group (see params.py for how), and added here; the launcher's grammar (grammar.py) is generated
from this app and checked against it by tests/unit/test_launcher.py.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from aspire_cli import __version__
from aspire_cli.cli import (
    actions,
    archives,
    config,
    discussions,
    documents,
    listing,
    questions,
    records,
    sync,
    team,
)
from aspire_cli.cli.params import example
from aspire_cli.cli.usage import ReportingGroup

# Plain help and one-line usage errors (rich_markup_mode=None): Typer's Rich help draws multi-line
# panels and loads Rich and markdown-it, which roughly doubles the start-up time of `aspire --help`.
app = typer.Typer(
    cls=ReportingGroup,
    help="Prepare, hold and record career aspiration discussions with every employee, every year.",
    epilog=example("aspire talk alice"),
    no_args_is_help=True,
    # Typer's own --install-completion/--show-completion guess the shell (shellingham); aspire's,
    # on `main` below, are told it. The completing itself is Typer's (usage.ReportingGroup.main).
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# In this order in `aspire --help`: the commands of aspire's own, then the groups.
for commands in (discussions, listing, records, documents, archives):
    app.add_typer(commands.app)
app.add_typer(config.app, name="config")
app.add_typer(team.app, name="team")
app.add_typer(actions.app, name="actions")
app.add_typer(questions.app, name="questions")
app.add_typer(sync.app, name="sync")


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # resilient: a shell completing the line, not running it
        print(f"aspire {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, shell: str | None) -> None:
    if shell is not None and not ctx.resilient_parsing:
        from aspire_cli.cli.completion_scripts import install

        print(install(*_shell(shell, "--install-completion")))
        raise typer.Exit()


def _show_completion(ctx: typer.Context, shell: str | None) -> None:
    if shell is not None and not ctx.resilient_parsing:
        from aspire_cli.cli.completion_scripts import script

        chosen, detected = _shell(shell, "--show-completion")
        if detected:  # on stderr: the script on stdout is piped or saved as it is
            print(f"The {chosen} completion script (your shell, as $SHELL names it):", file=sys.stderr)
        print(script(chosen))
        raise typer.Exit()


def _shell(shell: str, option: str) -> tuple[str, bool]:
    """The shell given (checked), else the one $SHELL names; and whether it was found that way."""
    from aspire_cli.cli.completion import DETECT, SHELLS, shell_from_environment
    from aspire_cli.errors import BadInput
    from aspire_cli.safe_text import one_line

    if shell == DETECT:
        found = shell_from_environment(os.environ)
        if found is None:
            given = os.environ.get("SHELL")
            said = f"is '{one_line(given)}', not bash, zsh or fish" if given else "is not set"
            raise BadInput(f"{option}: $SHELL {said}; name the shell: aspire {option} bash (or zsh, or fish)")
        return found, True
    if shell not in SHELLS:
        raise BadInput(f"{option} '{shell}': must be bash, zsh or fish; see: aspire --help")
    return shell, False


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            metavar="PATH",
            help="Your aspire folder (default: $ASPIRE_HOME, else your user data folder).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="[SHELL]",
            callback=_install_completion,
            is_eager=True,
            help="Complete commands, options and employee ids in SHELL (bash, zsh or fish; "
            "default: your shell, as $SHELL names it) from now on.",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="[SHELL]",
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script for SHELL (default: yours), to install it your own way.",
        ),
    ] = None,
) -> None:
    from aspire_cli.commands.command_line import Home

    ctx.obj = Home(home)  # resolved when the command that runs first needs it (help needs no home)
