"""`aspire sync [now] | init | status | resolve`, as the Typer app declares them."""

from __future__ import annotations

from typing import Annotated

import typer

from aspire_cli.cli.params import (
    IdentityOpt,
    JsonOpt,
    PlainCommand,
    VerboseOpt,
    employee_argument,
    example,
    public_keys_option,
    runs,
)
from aspire_cli.cli.usage import SyncsUnlessToldOtherwise
from aspire_cli.commands import syncing
from aspire_cli.domain.ids import EmployeeId

app = typer.Typer(
    cls=SyncsUnlessToldOtherwise,
    help="Keep your aspire folder in git and in step with a private remote (the default: sync now).",
    epilog=example("aspire sync"),
    rich_markup_mode=None,
)


@app.command(
    "init", cls=PlainCommand, epilog=example("aspire sync init git@example.com:you/aspire-notes.git")
)
@runs(syncing.init)
def init(
    ctx: typer.Context,
    remote: Annotated[
        str | None, typer.Argument(metavar="REMOTE", help="A git remote URL (a private repository).")
    ] = None,
    encrypt: Annotated[
        bool,
        typer.Option("--encrypt", help="Send only sealed bundles: the remote reads nothing of your notes."),
    ] = False,
    recipient: Annotated[
        list[str] | None,
        public_keys_option(
            "--recipient",
            "With --encrypt: a public key to seal to",
            "each machine (your identity's own is always added).",
        ),
    ] = None,
    identity: IdentityOpt = None,
    verbose: VerboseOpt = False,
) -> None:
    """Make your aspire folder a git repository (or join one): every change becomes a commit."""


@app.command("recipients", cls=PlainCommand, epilog=example("aspire sync recipients add age1..."))
@runs(syncing.recipients)
def recipients(
    ctx: typer.Context,
    action: Annotated[
        str,
        typer.Argument(metavar="list|add|remove", help="What to do (default: list).", show_default=False),
    ] = "list",
    key: Annotated[
        str | None,
        typer.Argument(metavar="KEY", help="For add and remove: an age1... or ssh-ed25519 public key."),
    ] = None,
) -> None:
    """The keys an encrypted remote's bundles are sealed to: list them, add one, remove one."""


@app.command("compact", cls=PlainCommand, epilog=example("aspire sync compact"))
@runs(syncing.compact)
def compact(ctx: typer.Context, verbose: VerboseOpt = False) -> None:
    """Sync, then replace the encrypted remote's content with one sealed bundle of the whole history."""


@app.command("now", cls=PlainCommand, epilog=example("aspire sync now"))
@runs(syncing.now)
def now(ctx: typer.Context, verbose: VerboseOpt = False) -> None:
    """Commit, fetch, merge and push; say what came in (this is what `aspire sync` runs)."""


@app.command("status", cls=PlainCommand, epilog=example("aspire sync status"))
@runs(syncing.status)
def status(ctx: typer.Context, as_json: JsonOpt = False, verbose: VerboseOpt = False) -> None:
    """Whether your folder is a repository, its remote, commits ahead and behind, anything uncommitted."""


@app.command("resolve", cls=PlainCommand, epilog=example("aspire sync resolve alice --keep in-place"))
@runs(syncing.resolve)
def resolve(
    ctx: typer.Context,
    employee: Annotated[
        EmployeeId | None, employee_argument("Only this employee's records (default: every conflict copy).")
    ] = None,
    keep: Annotated[
        str | None,
        typer.Option(
            "--keep",
            metavar="in-place|copy",
            help="Keep this version of every one, without asking (for scripts).",
        ),
    ] = None,
    verbose: VerboseOpt = False,
) -> None:
    """Settle the conflict copies a sync left: see what differs, keep one version, as one commit."""
