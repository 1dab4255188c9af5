"""`aspire show`, `aspire history` and `aspire edit`, as the Typer app declares them."""

from __future__ import annotations

import typer

from aspire_cli.cli.params import EmployeeArg, JsonOpt, KindOpt, PlainCommand, RecordDateOpt, example, runs
from aspire_cli.commands import records

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
