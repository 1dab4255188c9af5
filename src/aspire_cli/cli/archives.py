"""`aspire handover` and `aspire import`, as the Typer app declares them."""

from __future__ import annotations

from typing import Annotated

import typer

from aspire_cli.cli.params import (
    EmployeeArg,
    IdentityOpt,
    IncludePrepOpt,
    PlainCommand,
    example,
    public_keys_option,
    runs,
)
from aspire_cli.commands import archives

app = typer.Typer()  # added to the app without a name: its commands are aspire's own


@app.command(cls=PlainCommand, epilog=example("aspire handover alice --out alice.tar.gz.age --to age1..."))
@runs(archives.hand_over)
def handover(
    ctx: typer.Context,
    employee: EmployeeArg,
    out: Annotated[str, typer.Option("--out", metavar="FILE", help="The archive to write.")],
    to: Annotated[
        list[str] | None,
        public_keys_option(
            "--to",
            "Seal the archive to the next leader's public key",
            "several. Without it the archive is not encrypted.",
        ),
    ] = None,
    include_prep: IncludePrepOpt = False,
) -> None:
    """One archive of an employee's talks and follow-ups, for their next leader."""


@app.command("import", cls=PlainCommand, epilog=example("aspire import alice.tar.gz"))
@runs(archives.take_in)
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="An archive made by aspire handover.")],
    identity: IdentityOpt = None,
) -> None:
    """Take in an employee's records from their previous leader's hand-over archive."""
