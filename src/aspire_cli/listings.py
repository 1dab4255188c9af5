"""The listings, `aspire due` (a table, JSON or one brief line) and `aspire team list`.

Deliberately free of Typer, Rich and pydantic imports, so that the launcher's fast path can run them
(see launcher.py); their tables are plain aligned text (see plain_table.py).
"""

from __future__ import annotations

import json
import sys
from datetime import date

from aspire_cli.due import due_report
from aspire_cli.plain_table import format_table, use_colour
from aspire_cli.schedule import DUE_SOON, NEVER_HELD, OK, OVERDUE, DueRow, brief
from aspire_cli.store import Store

NO_TEAM_YET = 'No one on your team yet. Add someone: aspire team add alice --name "Alice Smith"'
_COLOURS = {OVERDUE: "31", NEVER_HELD: "33", DUE_SOON: "33", OK: "32"}


def run_due(
    store: Store, as_of: date, within: int, *, as_json: bool = False, brief_line: bool = False
) -> int:
    """Print the report; the exit code: 2 when a record could not be read (except --brief), else 0."""
    report = due_report(store, as_of, within)
    if brief_line:
        line = brief(report.rows, within)
        if line:
            print(line)
        if report.problems:
            print(
                f"aspire: {len(report.problems)} record(s) could not be read; run: aspire due",
                file=sys.stderr,
            )
        return 0
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    if as_json:
        print(json.dumps([row.as_json() for row in report.rows], indent=2, ensure_ascii=False))
    elif not report.rows and not report.problems:
        print(NO_TEAM_YET)
    else:
        print(table(report.rows, colour=use_colour()))
    return 2 if report.problems else 0


def run_team_list(store: Store) -> int:
    roster = store.roster()
    if not roster:
        print(NO_TEAM_YET)
        return 0
    rows = [
        (employee, member.name, f"{member.cadence_months} months", member.added or "")
        for employee, member in sorted(roster.items())
    ]
    print(format_table(("Employee", "Name", "Every", "Added"), rows))
    return 0


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
    return format_table(header, body, last_colours=[_COLOURS[r.status] for r in rows] if colour else None)
