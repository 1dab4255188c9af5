"""`aspire actions [list] | done | drop | reopen`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

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


def _on_day(what: str) -> Any:
    """--date of a follow-up: the day it was done, dropped or opened again (a day already past)."""
    help_text = f"When it was {what} (default: today; not before the talk that agreed it)."
    return typer.Option("--date", parser=values.day, metavar="YYYY-MM-DD", help=help_text)


DoneOn = Annotated[date | None, _on_day("done")]
DroppedOn = Annotated[date | None, _on_day("dropped")]
ReopenedOn = Annotated[date | None, _on_day("opened again")]


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
    date_: DoneOn = None,
    note: NoteOpt = None,
) -> None:
    """Mark an action done."""


@app.command(
    "drop", cls=PlainCommand, epilog=example('aspire actions drop alice 3 --note "The guild was wound up"')
)
@runs(follow_ups.drop)
def drop(
    ctx: typer.Context,
    employee: EmployeeArg,
    number: NumberArg,
    date_: DroppedOn = None,
    note: NoteOpt = None,
) -> None:
    """Drop an action that no longer makes sense."""


@app.command("reopen", cls=PlainCommand, epilog=example("aspire actions reopen alice 2"))
@runs(follow_ups.reopen)
def reopen(ctx: typer.Context, employee: EmployeeArg, number: NumberArg, date_: ReopenedOn = None) -> None:
    """Open a done or dropped action again."""
