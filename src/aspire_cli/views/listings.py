"""The listings: `aspire due` (a table, JSON or one brief line), `aspire team list`, `aspire drafts`.

Deliberately free of Typer, Rich and pydantic imports, so that the launcher's fast path can run them
(see launcher.py); their tables are plain aligned text (see table.py).

A listing reads and never writes (but for the caches in an existing home): with no home yet it says
where it looked. It survives any one bad file: the file is named on stderr in one line, everyone
else is listed, and the exit status is 2 (but `due --brief`, which runs in every new shell, always
exits 0). Whatever a file holds is printed through safe_text.one_line.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.schedule import DUE_SOON, NEVER_HELD, OK, OVERDUE, DueRow, brief
from aspire_cli.errors import AspireError, BadFile, report
from aspire_cli.safe_text import one_line
from aspire_cli.storage.conflicts import say_unresolved
from aspire_cli.storage.retention import say_expired
from aspire_cli.storage.store import Store
from aspire_cli.views.due import due_report
from aspire_cli.views.json_text import json_text
from aspire_cli.views.table import REPEAT, WHOLE, WRAP, format_table, use_colour
from aspire_cli.views.width import fit_width, fitted

if TYPE_CHECKING:
    from aspire_cli.storage.index import Index
    from aspire_cli.storage.roster import RosterEntry

NO_TEAM_YET = 'No one on your team yet. Add someone: aspire team add alice --name "Alice Smith"'
UNREADABLE = "unreadable"
_COLOURS = {OVERDUE: "31", NEVER_HELD: "33", DUE_SOON: "33", OK: "32"}


def no_home_yet(store: Store, nothing: str = "No one on your team yet") -> str:
    """Where a listing looked, when nothing is there, and how to start: one line."""
    return (
        f"{nothing}. There is no aspire folder at {one_line(str(store.home))} yet; "
        'start with: aspire team add alice --name "Alice Smith"'
    )


def run_due(
    store: Store,
    as_of: date,
    within: int,
    *,
    as_json: bool = False,
    brief_line: bool = False,
    today: date | None = None,
    retention_years: int | None = None,
) -> int:
    """Print the report; the exit code: 2 when a file could not be read (except --brief), else 0.
    `today` (default: the clock) is the day after which a talk lies in the future."""
    today = today or date.today()
    if brief_line:
        return _run_brief(store, as_of, within, today)
    if not store.has_home():
        print("[]" if as_json else fitted(no_home_yet(store), fit_width()))
        return 0
    due = due_report(store, as_of, within, today=today)
    _name_problems(due.problems)
    say_unresolved(store.home)
    say_expired(store, today, retention_years)
    if as_json:
        print(json_text([row.as_json() for row in due.rows]))
    elif not due.rows and not due.problems:
        print(fitted(NO_TEAM_YET, fit_width()))
    elif due.rows:
        print(table(due.rows, colour=use_colour()))
    return 2 if due.problems else 0


def _run_brief(store: Store, as_of: date, within: int, today: date) -> int:
    """One line, or nothing when all is well; always exit 0, whatever the home holds."""
    try:
        if not store.has_home():
            return 0
        due = due_report(store, as_of, within, today=today)
    except (AspireError, OSError) as exc:
        message = exc.message if isinstance(exc, AspireError) else f"{exc.filename}: {exc.strerror}"
        print(f"aspire: {one_line(message)}", file=sys.stderr)
        return 0
    line = brief(due.rows, within)
    if line:
        print(fitted(line, fit_width()))
    if due.problems:
        count = len(due.problems)
        print(f"aspire: {count} file{'s' if count != 1 else ''} to fix; run: aspire due", file=sys.stderr)
    return 0


def _name_problems(problems: list[str]) -> None:
    for problem in problems:
        report(BadFile(problem))  # one line each, made safe to print


def run_team_list(store: Store, *, as_json: bool = False) -> int:
    """The team, by id; a member who does not validate is named on stderr and the others listed.
    `as_json`: a list of {employee, name, cadence_months, added (ISO date or null)}."""
    if not store.has_home():
        print("[]" if as_json else fitted(no_home_yet(store), fit_width()))
        return 0
    roster, problems = store.team.roster_report()
    _name_problems(problems)
    members = sorted(roster.items())
    if as_json:
        print(json_text([_member_json(employee, member) for employee, member in members]))
    elif not roster and not problems:
        print(fitted(NO_TEAM_YET, fit_width()))
    elif roster:
        rows = [
            (employee, member.name, f"{member.cadence_months} months", member.added or "")
            for employee, member in members
        ]
        fits = (WHOLE, WRAP, WHOLE, WHOLE)  # the name is what this list is for: wrapped, never left out
        print(format_table(("Employee", "Name", "Every", "Added"), rows, fits=fits, width=fit_width()))
    return 2 if problems else 0


def _member_json(employee: str, member: RosterEntry) -> dict[str, object]:
    return {
        "employee": employee,
        "name": member.name,
        "cadence_months": member.cadence_months,
        "added": member.added,
    }


def run_drafts(store: Store, *, as_json: bool = False) -> int:
    """Unfinished interviews and how to resume each; an unreadable draft is named on stderr and
    shown as such, and the others listed. `as_json`: a list of _draft_json's objects."""
    if not store.has_home():
        print("[]" if as_json else fitted(no_home_yet(store, "No unfinished drafts"), fit_width()))
        return 0
    paths = store.drafts.listed()
    if not paths:
        print("[]" if as_json else "No unfinished drafts.")
        return 0
    from aspire_cli.storage.index import Index

    index = Index(store)
    try:
        drafts = [_draft(store, index, path) for path in paths]
    finally:
        index.save()
    if as_json:
        print(json_text([_draft_json(*draft) for draft in drafts]))
    else:
        rows = [_draft_row(*draft) for draft in drafts]
        header = ("Employee", "Kind", "Dated", "Answered", "Resume with")
        width = fit_width()
        print(format_table(header, rows, fits=(WHOLE, WHOLE, WHOLE, WRAP, WHOLE), width=width))
        print(fitted(f"Drafts are kept in {one_line(str(store.drafts.root))}", width))
    return 2 if any(isinstance(found, str) for _, found in drafts) else 0  # as due and team list do


Progress = tuple[str, str] | str  # a draft's date and "3 of 8" answered, or the problem with it


def _draft(store: Store, index: Index, path: Path) -> tuple[Path, Progress]:
    from aspire_cli.storage.layout import parse_draft_name

    employee, kind = parse_draft_name(path.name)
    found = index.draft(path, lambda: _draft_progress(store, path, employee, kind))
    if isinstance(found, str):
        report(BadFile(found))
    return path, found


def _draft_row(path: Path, found: Progress) -> tuple[str, str, str, str, str]:
    from aspire_cli.storage.layout import parse_draft_name

    employee, kind = parse_draft_name(path.name)
    if isinstance(found, str):  # the problem with it, named on stderr
        return (employee, kind, "", UNREADABLE, "(see the error above)")
    dated, answered = found
    return (employee, kind, dated, answered, f"aspire {kind} {employee}")


def _draft_json(path: Path, found: Progress) -> dict[str, object]:
    """A draft for scripts: employee, kind, file, date, answered and questions (numbers), resume
    (the command), problem; what an unreadable draft cannot say is null."""
    from aspire_cli.storage.layout import parse_draft_name

    employee, kind = parse_draft_name(path.name)
    problem = found if isinstance(found, str) else None
    dated, answered = (None, "") if isinstance(found, str) else found
    done, _, questions = answered.partition(" of ")  # as _draft_progress words it
    return {
        "employee": employee,
        "kind": kind,
        "file": str(path),
        "date": dated,
        "answered": int(done) if done.isdecimal() else None,
        "questions": int(questions) if questions.isdecimal() else None,
        "resume": None if problem else f"aspire {kind} {employee}",
        "problem": problem,
    }


def _draft_progress(store: Store, path: Path, employee: str, kind: str) -> tuple[str, str]:
    """The draft's date and how many questions it answers, or the AspireError saying why not."""
    from aspire_cli.domain.ids import is_employee_id
    from aspire_cli.storage.files import refuse_symlink
    from aspire_cli.storage.question_sets import set_for

    if kind not in ("prep", "talk") or not is_employee_id(employee):
        raise BadFile(f"{path}: not a draft (drafts are named <employee>.<prep|talk>.toml); move it away")
    refuse_symlink(path)
    qset = set_for(store.home, kind)  # the leader's own set where there is one, as the interview asks
    draft = store.drafts.read(employee, kind, qset)
    if draft is None:
        raise BadFile(f"{path}: vanished while it was being listed")
    answered = sum(1 for key in draft.answers if key != draft.unfinished)  # a list of actions begun: not yet
    return draft.date.isoformat(), f"{answered} of {len(qset.questions)}"  # read back by _draft_json


def status_text(row: DueRow) -> str:
    if row.status == OVERDUE:
        return f"overdue by {-(row.days or 0)} day{'s' if row.days != -1 else ''}"
    if row.status == NEVER_HELD:
        return "never held (due now)"
    when = "today" if row.days == 0 else f"in {row.days} day{'s' if row.days != 1 else ''}"
    return f"{row.status}, {when}"


def table(rows: list[DueRow], *, colour: bool) -> str:
    header = ("Employee", "Name", "Every", "Last talk", "Next due", "Status")
    body = [
        (
            row.employee,
            row.name,
            f"{row.cadence_months} mo",
            row.last_talk.isoformat() if row.last_talk else "-",
            row.next_due.isoformat() if row.next_due else "-",
            status_text(row),
        )
        for row in rows
    ]
    return format_table(
        header,
        body,
        fits=(WHOLE, REPEAT, WHOLE, WHOLE, WHOLE, WRAP),
        width=fit_width(),
        last_colours=[_COLOURS[r.status] for r in rows] if colour else None,
    )
