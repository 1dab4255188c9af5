"""Tracked actions: the actions agreed in talks, numbered, with a status derived from follow-ups.

Pure: plain data in (what the index holds), plain data out; the day is passed in.

Numbers. Every action is stored with its number when its talk is written: one more than the
highest the employee has, so a number is never reused and never changes, wherever it is shown.
Actions written before numbers existed are numbered 1, 2, 3... in the order agreed (talk date,
then the talk's number that day, then their place in it), skipping numbers already stored: new
numbers are always above them, so these stay put too.

Status. A follow-up never rewrites a talk: each is a small file of its own (done, dropped, or
open again), and the latest for a number says where that action stands. Latest by sequence, not by
clock: a follow-up's sequence is one more than the highest among its action's follow-ups when it was
written, so it outranks every one its home knew of, whatever another machine's clock (or a file
written by hand) says. Two of one sequence (written on two machines before a sync) are ordered by
the time recorded, then by name, alike everywhere; files from before sequences count as 0. An open
action past its due date is overdue.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

OPEN, OVERDUE, DONE, DROPPED = "open", "overdue", "done", "dropped"
STATUSES = (OPEN, OVERDUE, DONE, DROPPED)
FOLLOW_UP_STATUSES = (DONE, DROPPED, OPEN)  # what a follow-up file can say ("open": reopened)
SEQUENCE_MAX = 10**9  # the highest sequence a follow-up may hold: no action is followed up that often


class Agreed(NamedTuple):
    """An action as a talk holds it (dates as ISO text, as the index keeps them)."""

    number: int | None  # None: written before actions were numbered
    action: str
    measure: str
    due: str | None
    agreed: str  # the talk's date
    record: str  # the talk's file name


class FollowUpNote(NamedTuple):
    """What one follow-up file says about one action."""

    action: int
    status: str  # done, dropped or open
    day: str  # when it was done, dropped or reopened
    sequence: int  # orders the notes of one action (0: written before sequences)
    recorded: str  # when aspire wrote it (ISO date-time, UTC): breaks a tie of sequence
    note: str | None
    name: str  # the file's name: breaks a tie between two notes recorded at one instant


class TrackedAction(NamedTuple):
    """An action with its number and status. A NamedTuple, not a frozen dataclass: a team's list
    makes tens of thousands, and a frozen dataclass takes about five times as long to build."""

    employee: str
    number: int
    action: str
    measure: str
    due: date | None
    agreed: date
    record: str
    status: str
    closed: date | None  # the day it was done or dropped
    note: str | None

    @property
    def is_open(self) -> bool:
        return self.status in (OPEN, OVERDUE)

    def as_json(self) -> dict[str, Any]:
        return {
            "employee": self.employee,
            "number": self.number,
            "action": self.action,
            "measure": self.measure,
            "due": self.due.isoformat() if self.due else None,
            "agreed": self.agreed.isoformat(),
            "status": self.status,
            "closed": self.closed.isoformat() if self.closed else None,
            "note": self.note,
        }


def numbered(agreed: list[Agreed]) -> list[tuple[int, Agreed]]:
    """Each action with its number; `agreed` is in the order agreed."""
    taken = {item.number for item in agreed if item.number is not None}
    result: list[tuple[int, Agreed]] = []
    legacy = 0
    for item in agreed:
        if item.number is not None:
            result.append((item.number, item))
            continue
        legacy += 1
        while legacy in taken:
            legacy += 1
        result.append((legacy, item))
    return result


def next_number(agreed: list[Agreed]) -> int:
    """The number the next action agreed with this employee gets."""
    return max((number for number, _ in numbered(agreed)), default=0) + 1


def track(
    employee: str, agreed: list[Agreed], notes: list[FollowUpNote], today: date
) -> tuple[list[TrackedAction], list[str]]:
    """Every action of one employee with its status on `today`, in number order; and a line for each
    follow-up that names no action of theirs (the file is kept; it simply does not count)."""
    latest: dict[int, FollowUpNote] = {}
    for note in sorted(notes, key=follow_up_order):
        latest[note.action] = note
    actions: list[TrackedAction] = []
    numbers: set[int] = set()
    for number, item in numbered(agreed):
        numbers.add(number)
        due = date.fromisoformat(item.due) if item.due else None
        follow = latest.get(number)
        status, closed, remark = OPEN, None, None
        if follow is not None:
            remark = follow.note
            if follow.status in (DONE, DROPPED):
                status, closed = follow.status, date.fromisoformat(follow.day)
        if status == OPEN and due is not None and due < today:
            status = OVERDUE
        actions.append(
            TrackedAction(
                employee,
                number,
                item.action,
                item.measure,
                due,
                date.fromisoformat(item.agreed),
                item.record,
                status,
                closed,
                remark,
            )
        )
    actions.sort(key=lambda a: a.number)
    problems = [
        f"{note.name}: follows up action {note.action}, which no talk with {employee} has; "
        "fix the number in it or delete it"
        for note in notes
        if note.action not in numbers
    ]
    return actions, problems


def follow_up_order(note: FollowUpNote) -> tuple[int, str, str]:
    """Where a note stands among the notes of its action: the last one counts."""
    return note.sequence, note.recorded, note.name


def next_sequence(notes: list[FollowUpNote], action: int) -> int:
    """The sequence of a new follow-up of `action`: above every one of its notes in `notes`."""
    return max((note.sequence for note in notes if note.action == action), default=0) + 1


def listing_order(actions: list[TrackedAction]) -> list[TrackedAction]:
    """Open ones first: overdue, then by due date, undated last; then the closed ones, latest first."""

    def key(a: TrackedAction) -> tuple[Any, ...]:
        if a.is_open:
            return (0, a.status != OVERDUE, a.due is None, a.due or date.min, a.employee, a.number)
        return (1, 0, 0, -(a.closed or date.min).toordinal(), a.employee, a.number)

    return sorted(actions, key=key)
