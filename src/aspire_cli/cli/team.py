"""`aspire team add | edit | list | remove`, as the Typer app declares them."""

from __future__ import annotations

import typer

from aspire_cli.cli.params import (
    CadenceOpt,
    EmployeeArg,
    JsonOpt,
    NameOpt,
    NewEmployeeArg,
    PlainCommand,
    example,
    runs,
)
from aspire_cli.commands import team

app = typer.Typer(
    help="Who you hold discussions with, and how often.",
    epilog=example('aspire team add alice --name "Alice Smith"'),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("add", cls=PlainCommand, epilog=example('aspire team add bob-lee --name "Bob Lee" --cadence 6'))
@runs(team.add)
def add(
    ctx: typer.Context, employee: NewEmployeeArg, name: NameOpt = None, cadence: CadenceOpt = None
) -> None:
    """Add someone to your team.

    Without --cadence, discussions are every cadence_months of your settings: 12 unless
    `aspire config` shows otherwise.
    """


@app.command("edit", cls=PlainCommand, epilog=example("aspire team edit alice --cadence 6"))
@runs(team.edit)
def edit(ctx: typer.Context, employee: EmployeeArg, name: NameOpt = None, cadence: CadenceOpt = None) -> None:
    """Change someone's name or how often you meet."""


@app.command("list", cls=PlainCommand, epilog=example("aspire team list"))
@runs(team.list_members)
def list_members(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Show your team."""


@app.command("remove", cls=PlainCommand, epilog=example("aspire team remove bob-lee"))
@runs(team.remove)
def remove(ctx: typer.Context, employee: EmployeeArg) -> None:
    """Take someone off your team; their records stay."""
