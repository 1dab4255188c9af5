"""`aspire actions` (list the actions agreed in talks) and `aspire actions done|drop|reopen`.

The list is a listing like `due`: it reads through the index, so a warm one is plain Python (no
pydantic, Typer or Rich; see launcher.py), prints a plain aligned table, survives any one bad file
(named on stderr in one line, everything else listed, exit 2) and writes nothing but the index.

A follow-up never rewrites the talk it belongs to: it is a small file of its own (store.py), written
from plain checked values, so `actions done` needs no pydantic either. Every check comes before it:
the employee has that action, it is not already where it is asked to go, the day is a real one
between the talk and today, the note is one line of text. Anything typed or read from a file is
printed through safe_text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction, listing_order
from aspire_cli.errors import AspireError, BadFile, BadInput, report, warn
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.index import Index
from aspire_cli.storage.looking_back import TALKS_AND_FOLLOW_UPS, tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.json_text import json_rows
from aspire_cli.views.table import use_colour
from aspire_cli.views.width import column_width, padded, room_for, shorten, terminal_columns

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents
    from aspire_cli.storage.store import RecordFile, Roster, Store

ACTION_MIN, ACTION_MAX = 20, 60  # cells of an action shown in the table (the JSON has it whole)
_COLOURS = {OVERDUE: "31", OPEN: "0", DONE: "32", DROPPED: "2"}
_VERBS = {DONE: "done", DROPPED: "dropped", OPEN: "open again"}


class Found(NamedTuple):
    """The actions of the employees asked about, their names, and a line per file that failed."""

    actions: list[TrackedAction]
    names: dict[str, str]
    problems: list[str]


# -- aspire actions [EMPLOYEE] -----------------------------------------------------------------
def run_actions(store: Store, employee: str | None, *, show_all: bool, as_json: bool, today: date) -> int:
    """Print the open actions (with `show_all`, every one), overdue as of `today`; the exit code:
    2 when a file could not be read, else 0."""
    if employee is not None:
        check_employee_id(employee)
    if not store.has_home():
        from aspire_cli.views.listings import no_home_yet

        print("[]" if as_json else no_home_yet(store, "No actions yet"))
        return 0
    found = _team_actions(store, today) if employee is None else _one_employee(store, employee, today)
    for problem in found.problems:
        report(BadFile(problem))
    shown = listing_order([a for a in found.actions if show_all or a.is_open])
    if as_json:
        print(json_rows([action.as_json() for action in shown]))
    else:
        if shown:
            print(table(shown, found.names, one_employee=employee is not None, colour=use_colour()))
        if employee is None and not found.names and not found.problems:
            from aspire_cli.views.listings import NO_TEAM_YET

            print(NO_TEAM_YET)
        else:
            print(summary(found.actions, employee, found.names, show_all=show_all))
    return 2 if found.problems else 0


def _team_actions(store: Store, today: date) -> Found:
    """The actions of everyone on the roster (a member removed keeps their records, not a place here)."""
    index = Index(store)
    try:
        roster, problems = index.roster()
        store.records.exists()  # a link or a file in place of the records folder: no listing at all
        contents = index.contents(list(roster), TALKS_AND_FOLLOW_UPS, answers=False)
    finally:
        index.save()
    actions: list[TrackedAction] = []
    for employee, held in contents.items():
        theirs, trouble = tracked_actions(held, employee, today)
        actions += theirs
        problems += trouble
    return Found(actions, {employee: member.name for employee, member in roster.items()}, problems)


def _one_employee(store: Store, employee: str, today: date) -> Found:
    """One employee's actions, on the team or not (a member removed still has their records)."""
    roster, held = _contents(store, employee)
    actions, problems = tracked_actions(held, employee, today)
    member = roster.get(employee)
    return Found(actions, {employee: member.name if member else ""}, problems)


def _contents(store: Store, employee: str) -> tuple[Roster, Contents]:
    """The roster, and what the employee's folder holds; a BadInput if they are neither on the team
    nor have any records."""
    index = Index(store)
    try:
        roster, _ = index.roster()  # a member who does not validate is `due`'s and `team list`'s to name
        held = index.contents([employee], TALKS_AND_FOLLOW_UPS, answers=False)[employee]
    finally:
        index.save()
    if employee not in roster and not (held.records or held.follow_ups or held.problems):
        if store.records.listed(employee):  # only preps: not a stranger
            return roster, held
        raise BadInput(_stranger(employee, roster))
    return roster, held


def _stranger(employee: str, roster: Roster) -> str:
    import difflib

    close = difflib.get_close_matches(employee, list(roster), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else "; see who is: aspire team list"
    return f"'{employee}' is not on your team and has no records{hint}"


def table(actions: list[TrackedAction], names: dict[str, str], *, one_employee: bool, colour: bool) -> str:
    """The actions as an aligned table, as views/table.format_table draws one, the action shortened
    to fit the terminal; the status last, coloured when `colour`. Built column by column, each cell
    made safe once: a team's open actions run to tens of thousands of rows."""
    header = ["#", "Action", "Due", "Agreed", "Status"]
    columns = [
        [str(a.number) for a in actions],
        [a.action for a in actions],
        [a.due.isoformat() if a.due else "-" for a in actions],
        [a.agreed.isoformat() for a in actions],
        [status_text(a) for a in actions],
    ]
    if not one_employee:
        shown = {employee: one_line(name) for employee, name in names.items()}
        header[:0] = ["Employee", "Name"]
        columns[:0] = [[a.employee for a in actions], [shown.get(a.employee, "") for a in actions]]
    at = header.index("Action")
    widths = [column_width([title, *column]) for title, column in zip(header, columns, strict=True)]
    room = room_for(widths, [at], terminal_columns(), ACTION_MIN, ACTION_MAX)
    columns[at] = [shorten(text, room) for text in columns[at]]
    widths[at] = column_width([header[at], *columns[at]])
    table = [
        padded([title, *column], width)
        for title, column, width in zip(header[:-1], columns[:-1], widths[:-1], strict=True)
    ]
    last = [header[-1], *columns[-1]]
    if colour:
        last = [f"\x1b[{_COLOURS[a.status]}m{cell}\x1b[0m" for a, cell in zip(actions, last[1:], strict=True)]
        last.insert(0, header[-1])
    lines = ["  ".join(row) for row in zip(*table, last, strict=True)]
    if colour:
        lines[0] = f"\x1b[1m{lines[0]}\x1b[0m"
    return "\n".join(lines)


def summary(
    actions: list[TrackedAction], employee: str | None, names: dict[str, str], *, show_all: bool
) -> str:
    """One line: '12 open, 3 overdue' (overdue ones are open too), and how many are closed."""
    counts = {status: 0 for status in (OPEN, OVERDUE, DONE, DROPPED)}
    for action in actions:
        counts[action.status] += 1
    whose = ""
    if employee:
        whose = f"{employee} ({names[employee]}): " if names.get(employee) else f"{employee}: "
    if not actions and not employee:
        return "No actions yet; they are agreed in a talk: aspire talk EMPLOYEE"
    if not actions:
        return f"{whose}no actions yet; they are agreed in a talk: aspire talk {employee}"
    line = f"{whose}{counts[OPEN] + counts[OVERDUE]} open, {counts[OVERDUE]} overdue"
    closed = counts[DONE] + counts[DROPPED]
    if show_all:
        return f"{line}; {counts[DONE]} done, {counts[DROPPED]} dropped"
    if closed:
        see = f"aspire actions {employee} --all" if employee else "aspire actions --all"
        return f"{line} ({closed} done or dropped: {see})"
    return line


# -- aspire actions done|drop|reopen EMPLOYEE NUMBER -------------------------------------------
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
    day = _follow_up_day(action, done_on, today) if status == DONE else today
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
    _, held = _contents(store, employee)
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


def _follow_up_day(action: TrackedAction, done_on: date | None, today: date) -> date:
    """The day it was done (--date, else today): not after today nor before the talk that agreed it."""
    if done_on is None:
        day = today
    else:
        day = done_on
        if day > today:
            raise BadInput(f"--date {day.isoformat()} is in the future; give the day it was done")
    if day < action.agreed:
        raise BadInput(
            f"--date {day.isoformat()} is before the talk that agreed #{action.number} "
            f"({action.agreed.isoformat()}); give the day it was done"
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
