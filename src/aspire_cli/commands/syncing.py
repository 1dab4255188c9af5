"""`aspire sync [now] | init | status | resolve`: the home kept in git, in step with a private remote (the
work itself is in commands/sync.py, sync_init.py and sync_status.py). `--verbose` on each prints every
git command it runs, on stderr (storage/git.traced)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.storage.git import traced

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def init(home: Home, remote: str | None, verbose: bool) -> int:
    from aspire_cli.commands.sync_init import run_init

    with traced(verbose):
        return run_init(home.store, remote)


def now(home: Home, verbose: bool) -> int:
    from aspire_cli.commands.sync import run_sync

    with traced(verbose):
        return run_sync(home.store)


def status(home: Home, as_json: bool, verbose: bool) -> int:
    from aspire_cli.commands.sync_status import run_status

    with traced(verbose):
        return run_status(home.store, as_json)


def resolve(home: Home, employee: EmployeeId | None, keep: str | None, verbose: bool) -> int:
    from aspire_cli.commands.sync_resolve import run_resolve

    with traced(verbose):
        return run_resolve(home.store, employee, keep)
