"""`aspire due` from report to output: a table, JSON or one brief line.

Deliberately free of Typer, Rich and pydantic imports, so that the launcher's fast path can run it
(see launcher.py); its table is plain aligned text, coloured only on a terminal without NO_COLOR.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date

from aspire_cli.due import due_report
from aspire_cli.schedule import DUE_SOON, NEVER_HELD, OK, OVERDUE, DueRow, brief
from aspire_cli.store import Store

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
        print('No one on your team yet. Add someone: aspire team add alice --name "Alice Smith"')
    else:
        print(table(report.rows, colour=_use_colour()))
    return 2 if report.problems else 0


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
            _printable(row.name),
            f"{row.cadence_months} mo",
            row.last_talk.isoformat() if row.last_talk else "-",
            row.next_due.isoformat() if row.next_due else "-",
            status_text(row),
        )
        for row in rows
    ]
    widths = [max(len(cells[i]) for cells in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(header, widths, strict=True)).rstrip()]
    if colour:
        lines[0] = f"\x1b[1m{lines[0]}\x1b[0m"
    for row, cells in zip(rows, body, strict=True):
        *first, status = (cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
        status = status.rstrip()
        if colour:
            status = f"\x1b[{_COLOURS[row.status]}m{status}\x1b[0m"
        lines.append("  ".join([*first, status]))
    return "\n".join(lines)


def _printable(text: str) -> str:
    """A name as one safe line: control characters (escape sequences included) become '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
