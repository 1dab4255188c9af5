"""`aspire show`, `aspire history`, `aspire edit`, `aspire delete`, `aspire restore` and `aspire
forget`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from aspire_cli.cli import values
from aspire_cli.cli.params import (
    EMPLOYEE_HELP,
    EmployeeArg,
    JsonOpt,
    KindOpt,
    PlainCommand,
    RecordDateOpt,
    employee_argument,
    example,
    record_date_option,
    runs,
)
from aspire_cli.commands import records
from aspire_cli.domain.ids import EmployeeId, RecordDay

app = typer.Typer()  # added to the app without a name: its commands are aspire's own


@app.command(cls=PlainCommand, epilog=example("aspire show alice --date 2026-11-26-2"))
@runs(records.show)
def show(
    ctx: typer.Context, employee: EmployeeArg, date_: RecordDateOpt = None, kind: KindOpt = None
) -> None:
    """One discussion as it was recorded (the latest talk by default), with its actions' status."""


@app.command(cls=PlainCommand, epilog=example("aspire history alice --json"))
@runs(records.history)
def history(ctx: typer.Context, employee: EmployeeArg, as_json: JsonOpt = False) -> None:
    """Every discussion with someone, newest first, with what changed since the one before."""


@app.command(cls=PlainCommand, epilog=example("aspire edit alice --kind prep --date 2026-11-20"))
@runs(records.edit)
def edit(
    ctx: typer.Context, employee: EmployeeArg, date_: RecordDateOpt = None, kind: KindOpt = None
) -> None:
    """Correct a record in your editor ($VISUAL or $EDITOR); it is checked before it is kept."""


@app.command(cls=PlainCommand, epilog=example("aspire delete alice --date 2026-11-26-2"))
@runs(records.delete)
def delete(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: Annotated[
        RecordDay | None, record_date_option("The record of that day; the second of one day is YYYY-MM-DD-2.")
    ] = None,
    kind: KindOpt = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first (needed without a terminal).")] = False,
) -> None:
    """Take away a record written by mistake; it is kept, and `aspire restore` brings it back."""


@app.command(cls=PlainCommand, epilog=example("aspire restore alice --date 2026-11-26-2"))
@runs(records.restore)
def restore(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: Annotated[
        RecordDay | None,
        record_date_option("The day of the deleted record (the second of one day: YYYY-MM-DD-2)."),
    ] = None,
    kind: KindOpt = None,
) -> None:
    """Bring back a record `aspire delete` took away."""


@app.command(cls=PlainCommand, epilog=example("aspire forget alice --before 2020-01-01"))
@runs(records.forget)
def forget(
    ctx: typer.Context,
    employee: Annotated[EmployeeId | None, employee_argument(EMPLOYEE_HELP)] = None,
    before: Annotated[
        date | None,
        typer.Option(
            "--before",
            parser=values.before,
            metavar="YYYY-MM-DD",
            help="Only the records dated before this day.",
        ),
    ] = None,
    expired: Annotated[
        bool, typer.Option("--expired", help="Everyone's records older than retention_years (aspire config).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask first (needed without a terminal).")] = False,
) -> None:
    """Erase for good what you hold about someone (all of it, or the records before a day), from the
    home and its git history: an erasure request, or the end of your retention."""
