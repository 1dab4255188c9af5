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
from aspire_cli.views.table import REPEAT, SHORTEN, Column, table_text
from aspire_cli.views.width import cells, column_width, fit_width, fitted, pad, wrap

FORMATS = ("table", "md", "csv", "json", "html")
SHORT_LEVELS = {
    "current role": "current",
    "one level up": "+1",
    "two or more levels up": "+2",
    "senior leadership": "senior",
    "expert track": "expert",
}
GRID_CELL_MAX = 30  # cells of a cell of the grid; more initials wrap inside it
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
    """The table, the grid under it, who is not assessed or left out, and a legend, fitted to
    `columns` cells (None: the terminal's, see width.fit_width; none when piped without COLUMNS)."""
    width = fit_width() if columns is None else columns
    parts = []
    if team.members:
        parts.append(member_table(team.members, width, colour=colour))
        parts.append(grid_text(team, width))
    parts.append(_lists_text(team, width))
    if team.members:
        parts.append(fitted(LEGEND_TEXT, width))
    return "\n\n".join(part for part in parts if part) + "\n"


def member_table(rows: list[MemberRow], width: int | None, *, colour: bool) -> str:
    """A member a row (see table.py for how it fits): the name beside the id gives way first, then
    the aspirations and the next assignment are shortened between words (`--format md` and `show`
    have them whole)."""
    columns = [
        Column("Employee", [r.employee for r in rows]),
        Column("Name", [r.name for r in rows], REPEAT),
        Column("Ini", [r.initials for r in rows]),
        Column("Due", [due_text(r) for r in rows]),
        Column("Short term", [r.short_term_aspiration or "-" for r in rows], SHORTEN),
        Column("Long term", [r.long_term_aspiration or "-" for r in rows], SHORTEN),
        Column("Aims", [level_text(r.aspiration_level) for r in rows]),
        Column("You see", [level_text(r.potential_level) for r in rows]),
        Column("Match", [r.alignment or "-" for r in rows]),
        Column("Willing", [r.willing or "-" for r in rows]),
        Column("Ready", [r.readiness or "-" for r in rows]),
        Column("Next assignment", [r.next_assignment or "-" for r in rows], SHORTEN),
        Column("Open", [str(r.open_actions) for r in rows]),
        Column("Overdue", [str(r.overdue_actions) for r in rows]),
        Column("Form", ["yes" if r.form_returned else "-" for r in rows]),
    ]
    colours = [_STATUS_COLOURS.get(r.due_status, "0") for r in rows] if colour else None
    return table_text(columns, width, colours=colours, coloured=3)


def grid_text(team: TeamReport, width: int | None) -> str:
    """The potential-by-readiness grid in box characters, each member's initials in their cell;
    in a narrow terminal the levels wrap inside their column."""
    cell = max(column_width(READINESS), min(GRID_CELL_MAX, _initials_width(team)))
    label = column_width(GRID_ROWS)
    if width is not None:
        cell = max(column_width(READINESS), min(cell, (width - label - 3 * len(READINESS) - 4) // 3))
        label = max(min(label, width - 4 - len(READINESS) * (cell + 3)), _longest_word(GRID_ROWS))
    widths = [label, *[cell] * len(READINESS)]

    def rule(left: str, middle: str, right: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + right

    def lines_of(texts: Sequence[list[str]]) -> list[str]:
        depth = max(map(len, texts))
        rows = [[t[d] if d < len(t) else "" for t in texts] for d in range(depth)]
        return ["│ " + " │ ".join(pad(x, w) for x, w in zip(row, widths, strict=True)) + " │" for row in rows]

    heading = "Potential (rows) by readiness (columns): each member's initials"
    lines = [fitted(heading, width), rule("┌", "┬", "┐")]
    lines += lines_of([wrap("potential \\ readiness", label), *([r] for r in READINESS)])
    for level in GRID_ROWS:
        lines.append(rule("├", "┼", "┤"))
        marks = [_wrap([one_line(m.initials) for m in team.grid[level][r]], cell) for r in READINESS]
        lines += lines_of([wrap(level, label), *marks])
    lines.append(rule("└", "┴", "┘"))
    return "\n".join(lines)


def _initials_width(team: TeamReport) -> int:
    """The cells the initials of the fullest cell of the grid take on one line."""
    return max(
        cells(" ".join(one_line(m.initials) for m in members))
        for row in team.grid.values()
        for members in row.values()
    )


def _longest_word(texts: Sequence[str]) -> int:
    return max(cells(word) for text in texts for word in text.split())


def _wrap(marks: list[str], width: int) -> list[str]:
    """Initials in lines of at most `width` cells (at least one line, maybe empty)."""
    lines = [""]
    for mark in marks:
        if lines[-1] and cells(lines[-1]) + 1 + cells(mark) > width:
            lines.append(mark)
        else:
            lines[-1] = f"{lines[-1]} {mark}" if lines[-1] else mark
    return lines


def _lists_text(team: TeamReport, width: int | None) -> str:
    lines = []
    if team.not_assessed:
        lines.append("Not assessed (no place in the grid):")
        widest = column_width(one_line(m.initials) for m in team.not_assessed)
        for m in team.not_assessed:
            initials = pad(one_line(m.initials), widest)
            said = one_line(f"{m.name or m.employee} ({m.employee}): {m.reason}")
            lines.append(fitted(f"  {initials}  {said}", width, " " * (widest + 2)))
    if team.left_out:
        if lines:
            lines.append("")
        left_out = ", ".join(team.left_out)
        lines.append(
            fitted(one_line(f"Left out (a file could not be read; see the errors): {left_out}"), width)
        )
    return "\n".join(lines)


LEGEND_TEXT = "\n".join(
    [
        "Due: the next discussion's date and status, as aspire due says. Open, Overdue: actions.",
        "Form: yes when they returned a form of their own words for their latest talk.",
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
