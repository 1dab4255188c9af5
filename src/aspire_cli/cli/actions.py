"""`aspire actions [list] | done | drop | reopen`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from aspire_cli.cli import values
from aspire_cli.cli.params import (
    EmployeeArg,
    JsonOpt,
    NoteOpt,
    NumberArg,
    PlainCommand,
    as_of_option,
    employee_argument,
    example,
    runs,
)
from aspire_cli.cli.usage import ListsUnlessToldOtherwise
from aspire_cli.commands import follow_ups
from aspire_cli.domain.ids import EmployeeId

app = typer.Typer(
    cls=ListsUnlessToldOtherwise,
    help="The actions agreed in talks: list them (the default), mark them done, dropped or open again.",
    epilog=example("aspire actions alice --all"),
    rich_markup_mode=None,
)


@app.command("list", cls=PlainCommand, epilog=example("aspire actions list --as-of 2027-06-30"))
@runs(follow_ups.list_actions)
def list_actions(
    ctx: typer.Context,
    employee: Annotated[
        EmployeeId | None,
        employee_argument("Only this employee's actions (default: the whole team)."),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Done and dropped actions too.")] = False,
    as_json: JsonOpt = False,
    as_of: Annotated[
        date | None,
        as_of_option("Overdue as of this day (default: today)."),
    ] = None,
) -> None:
    """Open actions, overdue first, then by due date (this is what `aspire actions` runs)."""


@app.command(
    "done", cls=PlainCommand, epilog=example('aspire actions done alice 2 --note "First guild session held"')
)
@runs(follow_ups.done)
def done(
    ctx: typer.Context,
    employee: EmployeeArg,
    number: NumberArg,
    date_: Annotated[
        date | None,
        typer.Option(
            "--date", parser=values.day, metavar="YYYY-MM-DD", help="When it was done (default: today)."
        ),
    ] = None,
    note: NoteOpt = None,
) -> None:
    """Mark an action done."""


@app.command(
    "drop", cls=PlainCommand, epilog=example('aspire actions drop alice 3 --note "The guild was wound up"')
)
@runs(follow_ups.drop)
def drop(ctx: typer.Context, employee: EmployeeArg, number: NumberArg, note: NoteOpt = None) -> None:
    """Drop an action that no longer makes sense."""


@app.command("reopen", cls=PlainCommand, epilog=example("aspire actions reopen alice 2"))
@runs(follow_ups.reopen)
def reopen(ctx: typer.Context, employee: EmployeeArg, number: NumberArg) -> None:
    """Open a done or dropped action again."""
