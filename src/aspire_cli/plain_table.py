"""Aligned plain-text tables for lists that can run to thousands of rows.

Rich draws a thousand-row table in about a second; `aspire due` and `aspire team list` must stay
instant for an HR partner's whole department, so they print columns padded by hand, coloured only
on a terminal without NO_COLOR.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def printable(text: str) -> str:
    """Text as one safe line: control characters (terminal escape sequences included) become '?'."""
    return text if text.isprintable() else "".join(c if c.isprintable() else "?" for c in text)


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, last_colours: Sequence[str] | None = None
) -> str:
    """Columns two spaces apart; with `last_colours` (ANSI codes, one per row) the last cell is coloured."""
    cells = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in [header, *cells]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True)).rstrip()]
    if last_colours is not None:
        lines[0] = f"\x1b[1m{lines[0]}\x1b[0m"
    for n, row in enumerate(cells):
        *first, last = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        last = last.rstrip()
        if last_colours is not None:
            last = f"\x1b[{last_colours[n]}m{last}\x1b[0m"
        lines.append("  ".join([*first, last]).rstrip())
    return "\n".join(lines)
