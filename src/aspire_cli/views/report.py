"""The team report drawn: plain text for a terminal, JSON and CSV for scripts and spreadsheets (here),
Markdown and HTML documents for a talent review (report_documents.py). Each a pure function of a
TeamReport (report.py) returning the whole text.

The plain text is a table padded by hand (a thousand rows: see table.py) in terminal cells
(width.py), with the grid drawn under it in box characters; every cell from a file goes through
safe_text, and colour comes only when asked for (a terminal without NO_COLOR). JSON is written an
object a line, as every JSON of aspire is (json_text.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from aspire_cli.domain.schedule import DUE_SOON, NEVER_HELD, OK, OVERDUE
from aspire_cli.domain.team_report import GRID_ROWS, READINESS, MemberRow, TeamReport
from aspire_cli.safe_text import one_line
from aspire_cli.views.json_text import json_line, json_rows
from aspire_cli.views.width import cells, column_width, pad, padded, room_for, shorten, terminal_columns

FORMATS = ("table", "md", "csv", "json", "html")
SHORT_LEVELS = {
    "current role": "current",
    "one level up": "+1",
    "two or more levels up": "+2",
    "senior leadership": "senior",
    "expert track": "expert",
}
TEXT_MIN, TEXT_MAX = 12, 40  # cells of an aspiration or assignment in the table
NAME_MAX = 24
_STATUS_COLOURS = {OVERDUE: "31", NEVER_HELD: "33", DUE_SOON: "33", OK: "32"}
CSV_COLUMNS = MemberRow._fields


def render(team: TeamReport, fmt: str, *, colour: bool = False, to_file: bool = False) -> str:
    """The report as `fmt` (one of FORMATS), ending in a newline; `to_file`: for a file, not a pipe
    (a CSV file then begins with a byte order mark, as `aspire export` writes one)."""
    if fmt == "table":
        return plain_text(team, colour=colour)
    if fmt == "json":
        return json_text(team)
    if fmt == "csv":
        return ("\ufeff" if to_file else "") + csv_text(team)
    from aspire_cli.views import report_documents

    return report_documents.markdown(team) if fmt == "md" else report_documents.html_document(team)


# -- plain text -------------------------------------------------------------------------------------
def due_text(row: MemberRow) -> str:
    """'2027-11-26 ok', '2026-01-03 overdue', 'never held'."""
    return f"{row.next_due.isoformat()} {row.due_status}" if row.next_due else row.due_status


def level_text(level: str | None) -> str:
    return "-" if level is None else SHORT_LEVELS.get(level, level)


def plain_text(team: TeamReport, *, colour: bool = False, columns: int | None = None) -> str:
    """The table, the grid under it, who is not assessed or left out, and a legend."""
    width = terminal_columns() if columns is None else columns
    parts = []
    if team.members:
        parts.append(member_table(team.members, width, colour=colour))
        parts.append(grid_text(team, width))
    parts.append(_lists_text(team))
    if team.members:
        parts.append(LEGEND_TEXT)
    return "\n\n".join(part for part in parts if part) + "\n"


def member_table(rows: list[MemberRow], width: int, *, colour: bool) -> str:
    header = [
        "Employee", "Name", "Ini", "Due", "Short term", "Long term", "Aims", "You see", "Match",
        "Willing", "Ready", "Next assignment", "Open", "Overdue",
    ]  # fmt: skip
    texts = (4, 5, 11)  # the columns shortened to share what room there is
    columns: list[list[str]] = [
        [r.employee for r in rows],
        [shorten(r.name, NAME_MAX) for r in rows],
        [one_line(r.initials) for r in rows],
        [due_text(r) for r in rows],
        [r.short_term_aspiration or "-" for r in rows],
        [r.long_term_aspiration or "-" for r in rows],
        [one_line(level_text(r.aspiration_level)) for r in rows],
        [one_line(level_text(r.potential_level)) for r in rows],
        [r.alignment or "-" for r in rows],
        [one_line(r.willing or "-") for r in rows],
        [one_line(r.readiness or "-") for r in rows],
        [r.next_assignment or "-" for r in rows],
        [str(r.open_actions) for r in rows],
        [str(r.overdue_actions) for r in rows],
    ]
    widths = [column_width([title, *column]) for title, column in zip(header, columns, strict=True)]
    room = room_for(widths, texts, width, TEXT_MIN, TEXT_MAX)
    for at in texts:
        columns[at] = [shorten(text, room) or "-" for text in columns[at]]
        widths[at] = column_width([header[at], *columns[at]])
    table = [padded([title, *column], w) for title, column, w in zip(header, columns, widths, strict=True)]
    if colour:  # after padding: escapes take no room
        at = header.index("Due")
        table[at][1:] = [
            f"\x1b[{_STATUS_COLOURS.get(r.due_status, '0')}m{cell}\x1b[0m"
            for r, cell in zip(rows, table[at][1:], strict=True)
        ]
    lines = ["  ".join(row).rstrip() for row in zip(*table, strict=True)]
    if colour:
        lines[0] = f"\x1b[1m{lines[0]}\x1b[0m"
    return "\n".join(lines)


def grid_text(team: TeamReport, width: int) -> str:
    """The potential-by-readiness grid in box characters, each member's initials in their cell."""
    label = column_width(GRID_ROWS)
    room = min(30, (width - label - 3 * len(READINESS) - 4) // len(READINESS))  # a cell at most
    needed = max(
        cells(" ".join(one_line(m.initials) for m in members))
        for row in team.grid.values()
        for members in row.values()
    )
    cell = max(column_width(READINESS), min(room, needed))
    widths = [label, *[cell] * len(READINESS)]

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + right

    def line(texts: Sequence[str]) -> str:
        return "│ " + " │ ".join(pad(text, w) for text, w in zip(texts, widths, strict=True)) + " │"

    lines = ["Potential (rows) by readiness (columns): each member's initials", rule("┌", "┬", "┐")]
    lines.append(line(["potential \\ readiness", *READINESS]))
    for level in GRID_ROWS:
        lines.append(rule("├", "┼", "┤"))
        wrapped = [_wrap([one_line(m.initials) for m in team.grid[level][r]], cell) for r in READINESS]
        for depth in range(max(map(len, wrapped))):
            marks = [column[depth] if depth < len(column) else "" for column in wrapped]
            lines.append(line([level if depth == 0 else "", *marks]))
    lines.append(rule("└", "┴", "┘"))
    return "\n".join(lines)


def _wrap(marks: list[str], width: int) -> list[str]:
    """Initials in lines of at most `width` cells (at least one line, maybe empty)."""
    lines = [""]
    for mark in marks:
        if lines[-1] and cells(lines[-1]) + 1 + cells(mark) > width:
            lines.append(mark)
        else:
            lines[-1] = f"{lines[-1]} {mark}" if lines[-1] else mark
    return lines


def _lists_text(team: TeamReport) -> str:
    lines = []
    if team.not_assessed:
        lines.append("Not assessed (no place in the grid):")
        widest = column_width(one_line(m.initials) for m in team.not_assessed)
        for m in team.not_assessed:
            initials = pad(one_line(m.initials), widest)
            lines.append(f"  {initials}  " + one_line(f"{m.name or m.employee} ({m.employee}): {m.reason}"))
    if team.left_out:
        if lines:
            lines.append("")
        lines.append(
            one_line(f"Left out (a file could not be read; see the errors): {', '.join(team.left_out)}")
        )
    return "\n".join(lines)


LEGEND_TEXT = "\n".join(
    [
        "Due: the next discussion's date and status, as aspire due says. Open, Overdue: actions.",
        "Aims: the level they aim for (their talk). You see: the potential you see (your prep).",
        "Levels: " + ", ".join(f"{short} = {level}" for level, short in SHORT_LEVELS.items()) + ".",
        "Match: aligned; aims higher than you see; you see more than they aim for; different track "
        "(the expert track against a management level). Ready: readiness (your prep).",
    ]
)


# -- JSON and CSV -----------------------------------------------------------------------------------
def json_text(team: TeamReport) -> str:
    """The report as JSON: a member (and a member not assessed) a line, written as every JSON of
    aspire is (views/json_text.py): by json's C encoder (a thousand members), safe to print."""
    ids = {level: {r: [m.employee for m in team.grid[level][r]] for r in READINESS} for level in GRID_ROWS}
    cells = ",\n      ".join(f"{json_line(level)}: {json_line(ids[level])}" for level in GRID_ROWS)
    grid = (
        f'{{\n    "rows": {json_line(GRID_ROWS)},\n    "columns": {json_line(READINESS)},\n'
        f'    "cells": {{\n      {cells}\n    }}\n  }}'
    )
    members = json_rows([row.as_json() for row in team.members], indent="    ", close="  ")
    not_assessed = json_rows([m._asdict() for m in team.not_assessed], indent="    ", close="  ")
    lines = [
        "{",
        f'  "as_of": "{team.as_of.isoformat()}",',
        f'  "leader": {json_line(team.leader)},',
        f'  "members": {members},',
        f'  "grid": {grid},',
        f'  "not_assessed": {not_assessed},',
        f'  "left_out": {json_line(team.left_out)}',
        "}",
    ]
    return "\n".join(lines) + "\n"


def csv_text(team: TeamReport) -> str:
    """A member a row under a header row of CSV_COLUMNS, written as `aspire export` writes CSV
    (views/csv_text.py): never a formula, control characters as escapes, line breaks kept."""
    from aspire_cli.views.csv_text import csv_file

    rows = [[_cell(value) for value in row.as_json().values()] for row in team.members]
    return csv_file([list(CSV_COLUMNS), *rows], bom=False).decode("utf-8")


def _cell(value: object) -> str:
    """A value as the csv module writes it: None empty, numbers and booleans as Python shows them."""
    return "" if value is None else value if isinstance(value, str) else str(value)
