"""`aspire actions [list] | done | drop | reopen`: the actions agreed in talks, and a follow-up
that marks one done, dropped or open again (the work itself is in commands/actions.py and
commands/actions_follow_up.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def list_actions(
    home: Home, employee: EmployeeId | None, show_all: bool, as_json: bool, as_of: date | None
) -> int:
    from datetime import date

    from aspire_cli.commands.actions import run_actions

    store = home.store
    return run_actions(store, employee, show_all=show_all, as_json=as_json, today=as_of or date.today())


def done(home: Home, employee: EmployeeId, number: str, date_: date | None, note: str | None) -> int:
    return _follow_up(home, employee, number, "done", date_, note)


def drop(home: Home, employee: EmployeeId, number: str, date_: date | None, note: str | None) -> int:
    return _follow_up(home, employee, number, "dropped", date_, note)


def reopen(home: Home, employee: EmployeeId, number: str, date_: date | None) -> int:
    return _follow_up(home, employee, number, "open", date_, None)


def _follow_up(
    home: Home, employee: EmployeeId, number: str, status: str, day: date | None, note: str | None
) -> int:
    from datetime import date

    from aspire_cli.commands.actions_follow_up import record_follow_up

    home.resolve()
    verb = {"done": "done", "dropped": "drop", "open": "reopen"}[status]
    if not (number.isascii() and number.isdigit() and int(number) > 0):
        raise usage_mistake(f"NUMBER '{number}' is not an action number (1, 2, 3...)", f"actions {verb}")
    return record_follow_up(home.store, employee, int(number), status, day, note, date.today())
