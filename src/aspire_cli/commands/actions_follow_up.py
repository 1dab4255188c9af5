"""`aspire actions done|drop|reopen EMPLOYEE NUMBER`: a follow-up that marks an action done, dropped
or open again.

A follow-up never rewrites the talk it belongs to: it is a small file of its own (storage/
follow_ups.py), written from plain checked values, so `actions done` needs no pydantic either.
Every check comes before it: the employee has that action, it is not already where it is asked to
go, the day is a real one between the talk and today, the note is one line of text. Anything typed
or read from a file is printed through safe_text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from aspire_cli.commands.actions import contents_of
from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction
from aspire_cli.errors import AspireError, BadFile, BadInput, warn
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.looking_back import tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.width import shorten

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents
    from aspire_cli.storage.store import RecordFile, Store

_VERBS = {DONE: "done", DROPPED: "dropped", OPEN: "open again"}


def record_follow_up(
    store: Store,
    employee: str,
    number: int,
    status: str,
    done_on: date | None,
    note: str | None,
    today: date,
) -> int:
    """Write a follow-up saying action `number` of `employee` is now `status` (done, dropped, or
    open again), and print one line saying so; an AspireError, and nothing written, if it cannot be."""
    check_employee_id(employee)
    note = checked_note(note)
    if not store.has_home():
        from aspire_cli.views.listings import no_home_yet

        raise AspireError(no_home_yet(store, "No actions yet"))
    action = _action(store, employee, number, today)
    _check_change(action, status)
    day = _follow_up_day(action, status, done_on, today)
    store.follow_ups.write(
        {
            "employee": employee,
            "action": number,
            "status": status,
            "date": day,
            "recorded": datetime.now(UTC),
            "note": note,
        }
    )
    when = day.isoformat()
    if status == OPEN:  # as it stands now
        now = OVERDUE if action.due and action.due < today else OPEN
        when = f"now {status_text(action._replace(status=now, closed=None), due=True)}"
    print(one_line(f"{employee} #{number} {_VERBS[status]} ({when}): {_text(action)}"))
    return 0


def checked_note(note: str | None) -> str | None:
    """The note as typed; None when blank; a BadInput if it holds what could drive a terminal."""
    if note is None or not note.strip():
        return None
    if has_control_characters(note):
        raise BadInput("--note: one line of text, without tabs, newlines or other control characters")
    return note


def _action(store: Store, employee: str, number: int, today: date) -> TrackedAction:
    """The employee's action of that number; a BadInput naming the numbers they have if none."""
    # The talks are listed before the index lists and reads the folder, not after: a talk written
    # in between (another terminal) is then one the index read too, never one taken for unread.
    talks = store.records.listed(employee, "talk")
    _, held = contents_of(store, employee)
    _refuse_unread_talks(talks, held)
    actions, problems = tracked_actions(held, employee, today)
    for problem in problems:  # a broken follow-up: the one written now is the latest anyway
        warn(problem)
    for action in actions:
        if action.number == number:
            return action
    if not actions:
        raise BadInput(f"{employee} has no actions yet; they are agreed in a talk: aspire talk {employee}")
    listed = number_ranges([a.number for a in actions])
    raise BadInput(f"{employee} has no action {number}; their actions are numbered {listed}")


def _refuse_unread_talks(talks: list[RecordFile], held: Contents) -> None:
    """Actions written before they were numbered are numbered in the order agreed, across every
    talk: with one of `talks` unread, a number could point at another action. Fix it first."""
    read = {record.name for record in held.records}
    for talk in talks:
        if talk.path.name not in read:
            gone = f"{talk.path}: does not exist (any more?)"  # removed since it was listed
            why = next((p for p in held.problems if talk.path.name in p), gone)
            raise BadFile(f"{why} (fix it first: the action numbers count on every talk)")


def _check_change(action: TrackedAction, status: str) -> None:
    """An AspireError (exit 1) if the action already stands where it is asked to go."""
    who = f"{action.employee} #{action.number}"
    if status == OPEN and action.is_open:
        hint = f"to close it: aspire actions done {action.employee} {action.number}"
        where = f"is still {status_text(action, due=True)}"
    elif status == action.status:
        hint = f"to open it again: aspire actions reopen {action.employee} {action.number}"
        where = f"is already {status_text(action)}"
    else:
        return
    raise AspireError(f"{who} {where}: {_text(action)}; nothing written ({hint})")


_SAID = {"done": "done", "dropped": "dropped", "open": "opened again"}


def _follow_up_day(action: TrackedAction, status: str, on: date | None, today: date) -> date:
    """The day it was done, dropped or opened again (--date, else today): not after today nor
    before the talk that agreed it."""
    day = today if on is None else on
    said = f"give the day it was {_SAID[status]}"
    if day > today:
        raise BadInput(f"--date {day.isoformat()} is in the future; {said}")
    if day < action.agreed:
        raise BadInput(
            f"--date {day.isoformat()} is before the talk that agreed #{action.number} "
            f"({action.agreed.isoformat()}); {said}"
        )
    return day


def _text(action: TrackedAction) -> str:
    return shorten(action.action, 60)


def number_ranges(numbers: list[int]) -> str:
    """'1-5, 7, 9-10': numbers in order, runs shortened."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)
