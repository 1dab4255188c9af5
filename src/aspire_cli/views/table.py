"""Aligned plain-text tables for lists that can run to thousands of rows.

Rich draws a thousand-row table in about a second; `aspire due` and `aspire team list` must stay
instant for an HR partner's whole department, so they print columns padded by hand, coloured only
on a terminal without NO_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from aspire_cli.safe_text import one_line


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, last_colours: Sequence[str] | None = None
) -> str:
    """Columns two spaces apart; with `last_colours` (ANSI codes, one per row) the last cell is coloured."""
    cells = [[one_line(cell) for cell in row] for row in rows]  # a name from a file cannot drive the terminal
    widths = [max(map(cell_width, column)) for column in zip(header, *cells, strict=True)]

    def line(row: Sequence[str], last: str) -> str:
        # ljust counts characters, right for ASCII (a thousand rows: keep this loop plain)
        padded = [
            cell.ljust(width) if cell.isascii() else cell + " " * (width - cell_width(cell))
            for cell, width in zip(row[:-1], widths, strict=False)
        ]
        return "  ".join([*padded, last])

    if last_colours is None:
        lines = [line(row, row[-1]).rstrip() for row in [header, *cells]]
    else:
        lines = [f"\x1b[1m{line(header, header[-1]).rstrip()}\x1b[0m"]
        lines += [line(row, f"\x1b[{c}m{row[-1]}\x1b[0m") for row, c in zip(cells, last_colours, strict=True)]
    return "\n".join(lines)


def cell_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (CJK, emoji) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )
