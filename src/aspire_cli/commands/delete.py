"""`aspire delete` and `aspire restore`: a record written by mistake taken away, and brought back.

A delete asks first, in a terminal (without one it needs --yes), then moves the record, its readable
copy and the follow-ups of its actions into the employee's .versions/ (storage/deleted.py). Every
listing reads the records in place, so it is gone from all of them at once. Its action numbers are
never given again (storage/numbers_given.py). It says how to bring it back: `aspire restore`, which
moves it all back, committed like every other change, rather than moves by hand (which a synced home
would commit only at the next sync, and which could overwrite a record held that day since).

Both hold the employee's interview lock of the record's kind, as an edit does, so that no talk can
hand out action numbers meanwhile; and both refuse what would change an action's number (talks
written before numbers were stored are numbered by their order: domain/action_numbers.py).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from aspire_cli.commands.command_line import usage_mistake
from aspire_cli.commands.edit import record_lock
from aspire_cli.errors import Aborted, AspireError, NotATerminal
from aspire_cli.safe_text import one_line

if TYPE_CHECKING:
    from aspire_cli.domain.action_numbers import Talk
    from aspire_cli.domain.ids import RecordDay
    from aspire_cli.storage.index import IndexedRecord
    from aspire_cli.storage.store import RecordFile, Store


def run_delete(store: Store, employee: str, day: RecordDay | None, kind: str | None, yes: bool) -> int:
    """`aspire delete EMPLOYEE --date D [--kind K] [--yes]`: 0 deleted, 1 not (the leader said no)."""
    from aspire_cli.storage.looking_back import find_record

    if day is None:
        which = f"say which record: --date YYYY-MM-DD[-N]{_records_of(store, employee)}"
        raise usage_mistake(which, "delete")
    found = find_record(store, employee, day, kind)
    what = f"{employee}'s {found.kind} of {found.day.isoformat()}{f'-{found.seq}' if found.seq > 1 else ''}"
    if not yes and not sys.stdin.isatty():
        raise NotATerminal(
            f"aspire delete asks before it deletes, and stdin is not a terminal: to delete {what} "
            "without asking, add --yes"
        )
    with record_lock(store, employee, found.kind):
        return _delete(store, found, what, yes)


def _delete(store: Store, found: RecordFile, what: str, yes: bool) -> int:
    from datetime import UTC, datetime

    from aspire_cli.storage.deleted import take_away
    from aspire_cli.storage.files import RECORD_LIMIT, read_regular

    was = read_regular(found.path, RECORD_LIMIT)
    numbers, talks = _numbers_and_talks(store, found, was)
    refuse_renumbering(talks, [t for t in talks if t.key != found.path.name], "nothing deleted")
    follow_ups = sum(1 for name in store.follow_ups.names(found.path.parent.name) if _action(name) in numbers)
    if not yes and not _confirmed(found, what, numbers, follow_ups):
        say(f"Nothing deleted: {found.path} is as it was.")
        return 1
    also = _also(found, follow_ups)
    kept = take_away(store, found, was, numbers, datetime.now(UTC))
    say(f"Deleted {what}; kept{also} as {kept}")
    if numbers:
        say(f"Its action numbers ({listed(numbers)}) are never given again.")
    say(f"Bring it back with: {_restore_command(found)}")
    return 0


def _confirmed(found: RecordFile, what: str, numbers: set[int], follow_ups: int) -> bool:
    """Asked in the terminal: what the record holds, in lines that fit, then a short question."""
    from aspire_cli.interview import prompts

    held = [f"action{'s' if len(numbers) > 1 else ''} {listed(numbers)}"] if numbers else []
    held += [f"{follow_ups} follow-up{'s' if follow_ups > 1 else ''}"] if follow_ups else []
    holds = f": {'; '.join(held)}" if held else ""
    about = f"{found.path.name}{holds}. A delete keeps it all, and aspire restore brings it back."
    say(about)
    try:
        return prompts.confirm(f"Delete {what}?", default=False)
    except Aborted as stop:
        raise Aborted(f"{stop.message}; nothing deleted", stop.exit_code) from None


def _numbers_and_talks(store: Store, found: RecordFile, was: bytes) -> tuple[set[int], list[Talk]]:
    """The numbers of the record's actions (as written, and as numbered with the other talks), and
    the employee's talks as their action numbers go."""
    from aspire_cli.domain.tracking import numbered
    from aspire_cli.storage.looking_back import agreed_actions
    from aspire_cli.storage.numbers_given import numbers_written

    records, talks = employee_talks(store, found.path.parent.name)
    if found.kind != "talk":
        return set(), talks
    numbers = {n for n, item in numbered(agreed_actions(records)) if item.record == found.path.name}
    return numbers | numbers_written(was), talks


def employee_talks(store: Store, employee: str) -> tuple[list[IndexedRecord], list[Talk]]:
    """The employee's talks, as the index holds them and as their action numbers go."""
    from aspire_cli.storage.looking_back import folder_contents

    records = folder_contents(store, [employee], frozenset({"talk"}), answers=False)[employee].records
    return records, [talk(r.name, date.fromisoformat(r.day), r.seq, _stored(r.actions)) for r in records]


def _stored(actions: dict[str, list[dict[str, Any]]]) -> list[int | None]:
    return [item.get("number") for items in actions.values() for item in items]


def talk(key: str, day: date, seq: int, numbers: list[int | None]) -> Talk:
    from aspire_cli.domain.action_numbers import Talk

    return Talk(key, (day, seq), numbers)


def refuse_renumbering(before: list[Talk], after: list[Talk], nothing: str) -> None:
    from aspire_cli.domain.action_numbers import numbers_changed

    changed = numbers_changed(before, after)
    if changed:
        raise AspireError(
            f"that would make action number{'s' if len(changed) > 1 else ''} {listed(set(changed))} "
            "name another action, or two, and follow-ups name actions by number (talks written before "
            f"actions were numbered count theirs by their order); {nothing}"
        )


def _also(found: RecordFile, follow_ups: int) -> str:
    from aspire_cli.storage.layout import markdown_path

    parts = ["its readable copy"] if markdown_path(found.path).exists() else []
    parts += [f"{follow_ups} follow-up{'s' if follow_ups > 1 else ''}"] if follow_ups else []
    return f", with {' and '.join(parts)}," if parts else ""


def _restore_command(found: RecordFile) -> str:
    seq = f"-{found.seq}" if found.seq > 1 else ""
    kind = " --kind prep" if found.kind == "prep" else ""
    return f"aspire restore {found.path.parent.name} --date {found.day.isoformat()}{seq}{kind}"


def listed(numbers: set[int]) -> str:
    return ", ".join(str(n) for n in sorted(numbers))


def _action(name: str) -> int | None:
    from aspire_cli.storage.layout import parse_follow_up_name

    named = parse_follow_up_name(name)
    return named.action if named else None


def _records_of(store: Store, employee: str) -> str:
    from aspire_cli.storage.looking_back import record_label

    labels = [record_label(r.day, r.seq, r.kind) for r in store.records.listed(employee)]
    return f"; {employee}'s records: {', '.join(labels)}" if labels else f"; {employee} has no records"


def say(text: str) -> None:
    """One line of text, in lines that fit the terminal (broken between words); piped, as it is."""
    from aspire_cli.views.width import fit_width, fitted

    print(fitted(one_line(text), fit_width() if sys.stdout.isatty() else None, rest=""))
