"""`aspire sync [now] | init | status | resolve`: the home kept in git, in step with a private remote (the
work itself is in commands/sync.py, sync_init.py and sync_status.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def init(home: Home, remote: str | None) -> int:
    from aspire_cli.commands.sync_init import run_init

    return run_init(home.store, remote)


def now(home: Home) -> int:
    from aspire_cli.commands.sync import run_sync

    return run_sync(home.store)


def status(home: Home, as_json: bool) -> int:
    from aspire_cli.commands.sync_status import run_status

    return run_status(home.store, as_json)


def resolve(home: Home, employee: EmployeeId | None, keep: str | None) -> int:
    from aspire_cli.commands.sync_resolve import run_resolve

    return run_resolve(home.store, employee, keep)
