"""`aspire actions [list] | done | drop | reopen`: the actions agreed in talks, and a follow-up
that marks one done, dropped or open again (the work itself is in commands/actions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home


def list_actions(home: Home, employee: str | None, show_all: bool, as_json: bool, as_of: str | None) -> int:
    from datetime import date

    from aspire_cli.commands.actions import run_actions
    from aspire_cli.domain.ids import parse_day

    home.resolve()
    day = parse_day(as_of, "--as-of") if as_of is not None else date.today()
    return run_actions(home.store, employee, show_all=show_all, as_json=as_json, today=day)


def done(home: Home, employee: str, number: str, date_: str | None, note: str | None) -> int:
    return _follow_up(home, employee, number, "done", date_, note)


def drop(home: Home, employee: str, number: str, note: str | None) -> int:
    return _follow_up(home, employee, number, "dropped", None, note)


def reopen(home: Home, employee: str, number: str) -> int:
    return _follow_up(home, employee, number, "open", None, None)


def _follow_up(home: Home, employee: str, number: str, status: str, day: str | None, note: str | None) -> int:
    from datetime import date

    from aspire_cli.commands.actions import record_follow_up

    home.resolve()
    verb = {"done": "done", "dropped": "drop", "open": "reopen"}[status]
    if not (number.isascii() and number.isdigit() and int(number) > 0):
        raise usage_mistake(f"NUMBER '{number}' is not an action number (1, 2, 3...)", f"actions {verb}")
    return record_follow_up(home.store, employee, int(number), status, day, note, date.today())
