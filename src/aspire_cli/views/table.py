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
from aspire_cli.views.width import GAP, column_width, padded


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def format_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, last_colours: Sequence[str] | None = None
) -> str:
    """Columns two spaces apart, each as wide as its widest cell in terminal cells (see width.py);
    with `last_colours` (ANSI codes, one per row) the last cell is coloured."""
    cells = [[one_line(cell) for cell in row] for row in rows]  # a name from a file cannot drive the terminal
    columns = [padded(column, column_width(column)) for column in list(zip(header, *cells, strict=True))[:-1]]
    last = [header[-1], *(row[-1] for row in cells)]
    if last_colours is not None:
        last[1:] = [f"\x1b[{c}m{cell}\x1b[0m" for cell, c in zip(last[1:], last_colours, strict=True)]
    lines = [(" " * GAP).join(row) for row in zip(*columns, last, strict=True)]
    if last_colours is None:
        return "\n".join(line.rstrip() for line in lines)
    return "\n".join([f"\x1b[1m{lines[0].rstrip()}\x1b[0m", *lines[1:]])
