"""`aspire report`, `aspire export`, `aspire share` and `aspire invite`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from aspire_cli.cli import values
from aspire_cli.cli.params import (
    EmployeeArg,
    IncludePrepOpt,
    OutOpt,
    PlainCommand,
    as_of_option,
    employee_argument,
    example,
    runs,
    within_option,
)
from aspire_cli.commands import documents
from aspire_cli.domain.ids import EmployeeId

app = typer.Typer()  # added to the app without a name: its commands are aspire's own


@app.command(cls=PlainCommand, epilog=example("aspire report --format html --out team.html"))
@runs(documents.report)
def report(
    ctx: typer.Context,
    as_of: Annotated[
        date | None,
        as_of_option("As of this day (default: today)."),
    ] = None,
    format_: Annotated[
        str,
        typer.Option("--format", metavar="table|md|csv|json|html", help="What to write (default: table)."),
    ] = "table",
    out: OutOpt = None,
) -> None:
    """Your team at a glance: due dates, aspirations beside your view, and a potential-by-readiness grid."""


@app.command(cls=PlainCommand, epilog=example("aspire export --since 2026-01-01 --out talks.csv"))
@runs(documents.export)
def export(
    ctx: typer.Context,
    format_: Annotated[
        str | None, typer.Option("--format", metavar="csv|json", help="What to write (default: csv).")
    ] = None,
    out: OutOpt = None,
    include_prep: IncludePrepOpt = False,
    since: Annotated[
        date | None,
        typer.Option(
            "--since",
            parser=values.since,
            metavar="YYYY-MM-DD",
            help="Only discussions on or after this day.",
        ),
    ] = None,
    person: Annotated[
        EmployeeId | None,
        typer.Option(
            "--person",
            metavar="EMPLOYEE",
            parser=values.employee,
            help="Everything held about one person, as one JSON document (an access request).",
        ),
    ] = None,
) -> None:
    """Every talk as one row, for a spreadsheet or an HR system (--person: all about one person)."""


@app.command(cls=PlainCommand, epilog=example("aspire share alice --format html --out alice.html"))
@runs(documents.share)
def share(
    ctx: typer.Context,
    employee: EmployeeArg,
    out: OutOpt = None,
    format_: Annotated[
        str, typer.Option("--format", metavar="md|html", help="What to write (default: md).")
    ] = "md",
) -> None:
    """The employee's own summary of their latest talk, to hand to them (never your prep notes)."""


@app.command(cls=PlainCommand, epilog=example("aspire invite alice --out ~/invitations"))
@runs(documents.invite)
def invite(
    ctx: typer.Context,
    employee: Annotated[
        EmployeeId | None,
        employee_argument("The employee to invite; leave out with --due."),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option("--out", metavar="DIR", help="The folder to write the files in (default: here)."),
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="Everyone whose discussion is due (see aspire due).")
    ] = False,
    within: Annotated[
        int | None,
        within_option("With --due: due within this many days (default: due_soon_days, see aspire config)."),
    ] = None,
) -> None:
    """Before the talk: a pre-read and a form for the employee to answer in their own words."""
