"""`aspire due` and `aspire drafts`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from aspire_cli.cli.params import JsonOpt, PlainCommand, as_of_option, example, runs, within_option
from aspire_cli.commands import listing

app = typer.Typer()  # added to the app without a name: its commands are aspire's own


@app.command(cls=PlainCommand, epilog=example("aspire due --within 14"))
@runs(listing.due)
def due(
    ctx: typer.Context,
    as_of: Annotated[
        date | None,
        as_of_option("Check as of this day (default: today)."),
    ] = None,
    within: Annotated[
        int | None,
        within_option("Count as due soon within this many days (default: due_soon_days, see aspire config)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the rows as a JSON array, for scripts and cron.")
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief", help="One line, or nothing when all is well (for your shell's startup file)."
        ),
    ] = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Write each member's next discussion to an iCalendar file to import ('-': stdout).",
        ),
    ] = None,
    prep_days: Annotated[
        int | None,
        typer.Option(
            "--prep-days",
            metavar="DAYS",
            help="With --ics: an event to prepare, this many days before each discussion.",
        ),
    ] = None,
) -> None:
    """Whose discussion is overdue or due soon, most urgent first."""


@app.command(epilog=example("aspire drafts"))
@runs(listing.drafts)
def drafts(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Unfinished interviews, and how to resume them."""
