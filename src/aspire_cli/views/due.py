"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. A member's latest talk is found by file name alone and only
that record is read and validated, so a broken one is reported (by file) and everyone else listed.
What was learnt is kept in the index (index.py), so a warm `aspire due` reads no record at all.

No one can hide behind a file: a member whose folder or latest talk cannot be read, or whose
latest talk is dated after today, is named as a problem, and everyone else is listed.

This module imports neither pydantic nor Rich unless a file has to be read: see launcher.py.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from aspire_cli.domain.schedule import DueRow, due_row, most_urgent_first
from aspire_cli.storage.index import Index, Latest
from aspire_cli.storage.store import Store


class DueReport(NamedTuple):
    rows: list[DueRow]
    problems: list[str]


def due_report(
    store: Store, as_of: date, within: int, *, today: date | None = None, now_ns: int | None = None
) -> DueReport:
    """`today` (default: `as_of`) is the day after which a talk lies in the future; `now_ns`
    (default: the clock) decides which stamps are old enough to keep in the index."""
    index = Index(store, now_ns)
    try:
        roster, problems = index.roster()
        store.records.exists()  # a link or a file in place of the records folder: no report at all
        latest = index.latest_talks(list(roster))
    finally:
        index.save()
    rows: list[DueRow] = []
    today_iso, as_of_iso = (today or as_of).isoformat(), as_of.isoformat()  # ISO dates sort as days do
    for employee, member in roster.items():
        learnt = latest[employee]
        problem = learnt.problem or _in_the_future(learnt, today_iso)
        if not problem and learnt.day and learnt.day > as_of_iso:
            learnt = _latest_talk_by(store, employee, as_of)  # --as-of a past day: what was known then
            problem = learnt.problem
        if problem:
            problems.append(problem)
            continue
        day = date.fromisoformat(learnt.day) if learnt.day else None
        rows.append(due_row(employee, member.name, member.cadence_months, day, as_of, within))
    return DueReport(most_urgent_first(rows), problems)


def _latest_talk_by(store: Store, employee: str, as_of: date) -> Latest:
    """The latest talk held on or before `as_of`, read from the files (the index keeps the latest)."""
    from aspire_cli.errors import AspireError

    talks = [record for record in store.records.listed(employee, "talk") if record.day <= as_of]
    if not talks:
        return Latest(None, None, None)
    path = talks[-1].path
    try:
        store.records.checked(path)
    except AspireError as exc:
        return Latest(str(path), talks[-1].day.isoformat(), exc.message)
    return Latest(str(path), talks[-1].day.isoformat(), None)


def _in_the_future(learnt: Latest, today: str) -> str | None:
    """A talk dated after `today` (ISO) cannot have been held: it would make its member look fine
    for years."""
    if learnt.day is None or learnt.day <= today:
        return None
    return f"{learnt.file}: dated {learnt.day}, in the future; fix the date"
