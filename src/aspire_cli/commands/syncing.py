"""`aspire sync [now] | init | status | resolve`: the home kept in git, in step with a private remote (the
work itself is in commands/sync.py, sync_init.py and sync_status.py). `--verbose` on each prints every
git command it runs, on stderr (storage/git.traced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.storage.git import traced

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def init(
    home: Home,
    remote: str | None,
    encrypt: bool,
    recipient: list[str] | None,
    identity: str | None,
    verbose: bool,
) -> int:
    from aspire_cli.commands.sync_init import run_init
    from aspire_cli.errors import BadInput

    if not encrypt and (recipient or identity):
        raise BadInput("--recipient and --identity are for an encrypted remote: add --encrypt")
    with traced(verbose):
        if not encrypt:
            return run_init(home.store, remote)
        if remote is None:
            raise BadInput("--encrypt needs the REMOTE: aspire sync init REMOTE --encrypt")
        from aspire_cli.commands.sync_sealed import init_encrypted

        setting = home.settings.identity.value
        return init_encrypted(home.store, remote, list(recipient or []), identity, setting)


def now(home: Home, verbose: bool) -> int:
    from aspire_cli.commands.sync import run_sync

    with traced(verbose):
        return run_sync(home.store, home.settings.identity.value)


def compact(home: Home, verbose: bool) -> int:
    from aspire_cli.commands.sync_sealed import run_compact

    with traced(verbose):
        return run_compact(home.store, home.settings.identity.value)


def recipients(home: Home, action: str, key: str | None) -> int:
    from aspire_cli.commands.sync_recipients import run_recipients

    return run_recipients(home.store, action, key)


def status(home: Home, as_json: bool, verbose: bool) -> int:
    from aspire_cli.commands.sync_status import run_status

    with traced(verbose):
        return run_status(home.store, as_json)


def resolve(home: Home, employee: EmployeeId | None, keep: str | None, verbose: bool) -> int:
    from aspire_cli.commands.sync_resolve import run_resolve

    with traced(verbose):
        return run_resolve(home.store, employee, keep)
