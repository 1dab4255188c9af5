"""Aligned plain-text tables that fit the terminal: every listing's (`due`, `team list`, `drafts`,
`actions`, the `report` table).

Rich draws a thousand-row table in about a second; `aspire due` and `aspire team list` must stay
instant for an HR partner's whole department, so they print columns padded by hand, in terminal
cells (width.py), coloured only on a terminal without NO_COLOR.

A table wider than the width it is given (width.fit_width: the terminal's, or COLUMNS) gives way,
in this order, until it fits:

1. a column that repeats another (REPEAT: the name beside the id) is shortened, then left out;
2. the free text (SHORTEN: an action, an aspiration, cut between words with "…"; WRAP: wrapped
   between words inside its column) shares what room the other columns leave, down to TEXT_MIN;
3. if that is still too wide, each row becomes a block: the columns that fit on its first line,
   and under it, indented, a labelled line for each of the others.

Ids, dates, numbers and commands (WHOLE) are never cut or wrapped while they fit on a line at all;
a word wider than its column is cut with "…", never split. Given no width (piped without COLUMNS)
nothing gives way: a row a line, every cell whole, for grep.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import NamedTuple

from aspire_cli.safe_text import one_line
from aspire_cli.views.width import GAP, cells, column_width, flat, pad, padded, shorten, wrap

WHOLE, WRAP, SHORTEN, REPEAT = "whole", "wrap", "shorten", "repeat"
TEXT_MIN = 20  # the fewest cells free text gets in a column before the rows become blocks
REPEAT_MIN = 10  # the fewest cells a repeating column is shortened to before it is left out
INDENT = "  "  # before each labelled line of a block
_BETWEEN = " " * GAP


class Column(NamedTuple):
    """A column of a table: its title, its cells (from anywhere: made safe to print here), and how
    it gives way when the table is too wide (WHOLE, WRAP, SHORTEN or REPEAT)."""

    title: str
    cells: Sequence[str]
    fit: str = WHOLE


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def format_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    fits: Sequence[str] | None = None,
    width: int | None = None,
    last_colours: Sequence[str] | None = None,
) -> str:
    """A table of `rows` under `header`, fitted to `width` (see the module), each column giving way
    as `fits` says (WHOLE by default); with `last_colours` (ANSI codes, one per row) the last cell
    of each row is coloured and the header bold."""
    ways = fits or [WHOLE] * len(header)
    columns = [
        Column(title, [row[at] for row in rows], fit)
        for at, (title, fit) in enumerate(zip(header, ways, strict=True))
    ]
    return table_text(columns, width, colours=last_colours, coloured=len(columns) - 1)


def table_text(
    columns: Sequence[Column],
    width: int | None,
    *,
    colours: Sequence[str] | None = None,
    coloured: int = -1,
) -> str:
    """The columns as an aligned table fitted to `width` (None: as they are); with `colours` (ANSI
    codes, one per row) the cells of the `coloured` column are coloured and the header bold."""
    safe = [
        column._replace(
            cells=[_safe(cell) for cell in column.cells]
            if column.fit == WHOLE
            else list(map(flat, column.cells))
        )
        for column in columns
    ]
    natural = [column_width([column.title, *column.cells]) for column in safe]
    widths = natural if width is None else _plan(safe, natural, width)
    paint = _Paint(colours, coloured % len(safe) if safe else -1)
    if widths is None:
        return "\n".join(_blocks(safe, natural, width or 0, paint))
    return "\n".join(_rows(safe, widths, natural, paint))


def _safe(cell: str) -> str:
    """An id, a date, a command: as it is, but that a cell from a file cannot drive the terminal."""
    return cell if cell.isprintable() else one_line(cell)


def _total(widths: Sequence[int]) -> int:
    """The cells a row of columns this wide takes (0: a column left out)."""
    shown = [w for w in widths if w]
    return sum(shown) + GAP * max(len(shown) - 1, 0)


def _plan(columns: Sequence[Column], natural: list[int], width: int) -> list[int] | None:
    """Each column's width (0: left out) for a table that fits `width`, or None: it cannot."""
    if _total(natural) <= width:
        return natural
    widths = list(natural)
    repeats = [at for at, column in enumerate(columns) if column.fit == REPEAT]
    if repeats:
        others = _total([0 if at in repeats else w for at, w in enumerate(natural)])
        least = [min(natural[at], max(REPEAT_MIN, cells(columns[at].title))) for at in repeats]
        room = width - others - GAP * len(repeats)
        if room >= sum(least):
            return _share(widths, repeats, least, room)
        for at in repeats:
            widths[at] = 0
    if _total(widths) <= width:
        return widths
    texts = [at for at, column in enumerate(columns) if column.fit in (WRAP, SHORTEN)]
    least = [min(natural[at], max(TEXT_MIN, cells(columns[at].title))) for at in texts]
    room = width - _total([0 if at in texts else w for at, w in enumerate(widths)]) - GAP * len(texts)
    if texts and room >= sum(least):
        return _share(widths, texts, least, room)
    return None


def _share(widths: list[int], places: list[int], least: list[int], room: int) -> list[int]:
    """`room` cells shared between the columns at `places`: each its least, then the rest in equal
    parts, none more than it wants (its width in `widths`)."""
    wants = {at: widths[at] for at in places}
    shared = list(widths)
    for at, cells_least in zip(places, least, strict=True):
        shared[at] = cells_least
    spare = room - sum(least)
    wanting = [at for at in places if shared[at] < wants[at]]
    while spare > 0 and wanting:
        each = max(spare // len(wanting), 1)
        for at in wanting:
            given = min(each, wants[at] - shared[at], spare)
            shared[at] += given
            spare -= given
        wanting = [at for at in wanting if shared[at] < wants[at]]
    return shared


class _Paint(NamedTuple):
    colours: Sequence[str] | None
    column: int  # the place of the column whose cells are coloured

    def cells(self, at: int, texts: list[str]) -> list[str]:
        """The texts of row after row (a header first) of the column at `at`, coloured if it is
        the one; escapes take no room, so they go on after padding."""
        if self.colours is None or at != self.column:
            return texts
        return [texts[0], *(f"\x1b[{c}m{t}\x1b[0m" for c, t in zip(self.colours, texts[1:], strict=True))]

    def header(self, line: str) -> str:
        return line if self.colours is None else f"\x1b[1m{line}\x1b[0m"


def _rows(columns: Sequence[Column], widths: list[int], natural: list[int], paint: _Paint) -> list[str]:
    """A row a line (or, where a WRAP column wraps a cell, a few), columns padded to `widths`."""
    shown = [at for at, w in enumerate(widths) if w]
    fitted = {at: _fit_cells(columns[at], widths[at]) for at in shown}
    widths = list(widths)
    for at in shown:
        if widths[at] < natural[at]:  # as wide as what is left of it
            widths[at] = column_width([columns[at].title, *(x for c in fitted[at] for x in c.split("\n"))])
    if any("\n" in cell for at in shown if columns[at].fit == WRAP for cell in fitted[at]):
        return _tall_rows(columns, widths, shown, fitted, paint)
    table = []
    for place, at in enumerate(shown):
        texts = [columns[at].title, *fitted[at]]
        texts = texts if place == len(shown) - 1 else padded(texts, widths[at])
        table.append(paint.cells(at, texts))
    lines = [_BETWEEN.join(row).rstrip() for row in zip(*table, strict=True)]
    lines[0] = paint.header(lines[0])
    return lines


def _fit_cells(column: Column, width: int) -> list[str]:
    """Each cell fitted to a column `width` cells wide: wrapped (its lines joined by line breaks,
    which no cell holds once made safe), shortened, or as it is."""
    if column.fit == WRAP:
        return [
            cell if cells(cell) <= width else "\n".join(wrap(cell, width, cut=True)) for cell in column.cells
        ]
    if column.fit in (SHORTEN, REPEAT):
        return [shorten(cell, width) for cell in column.cells]
    return list(column.cells)


def _tall_rows(
    columns: Sequence[Column],
    widths: list[int],
    shown: list[int],
    fitted: dict[int, list[str]],
    paint: _Paint,
) -> list[str]:
    """Rows some cells of which wrap onto more lines: each row as tall as its tallest cell."""
    lines = [paint.header(_BETWEEN.join(pad(columns[at].title, widths[at]) for at in shown).rstrip())]
    for row in range(len(columns[0].cells)):
        parts = {at: fitted[at][row].split("\n") for at in shown}
        for depth in range(max(map(len, parts.values()))):
            line = []
            for at in shown:
                text = parts[at][depth] if depth < len(parts[at]) else ""
                line.append(_painted(paint, at, row, pad(text, widths[at]) if at != shown[-1] else text))
            lines.append(_BETWEEN.join(line).rstrip())
    return lines


def _painted(paint: _Paint, at: int, row: int, text: str) -> str:
    if paint.colours is None or at != paint.column or not text.strip():
        return text
    return f"\x1b[{paint.colours[row]}m{text}\x1b[0m"


def _blocks(columns: Sequence[Column], natural: list[int], width: int, paint: _Paint) -> list[str]:
    """Each row as a block: the WHOLE columns that fit on its first line (the first column always,
    the repeating ones never), then, indented, a labelled line for each of the others."""
    kept = [at for at, column in enumerate(columns) if column.fit != REPEAT]
    first, used = [kept[0]], natural[kept[0]]
    for at in kept[1:]:
        if columns[at].fit == WHOLE and used + GAP + natural[at] > width:
            break
        if columns[at].fit == WHOLE:
            first.append(at)
            used += GAP + natural[at]
    under = [at for at in kept if at not in first]
    label = column_width(columns[at].title for at in under)
    room = max(width - len(INDENT) - label - GAP, 1)
    head = [pad(columns[at].title, natural[at]) for at in first]
    lines = [paint.header(_BETWEEN.join(head).rstrip())]
    for row in range(len(columns[0].cells)):
        texts = [shorten(columns[at].cells[row], width) for at in first]
        texts = [pad(text, natural[at]) for text, at in zip(texts[:-1], first, strict=False)] + texts[-1:]
        lines.append(_BETWEEN.join(_painted(paint, at, row, t) for at, t in zip(first, texts, strict=True)))
        for at in under:
            text = columns[at].cells[row]
            texts = [shorten(text, room)] if columns[at].fit == SHORTEN else wrap(text, room, cut=True)
            lead = INDENT + pad(columns[at].title, label) + _BETWEEN
            for depth, part in enumerate(texts or [""]):
                lines.append((lead if depth == 0 else " " * cells(lead)) + _painted(paint, at, row, part))
    return lines
