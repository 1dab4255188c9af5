"""Text on a terminal measured in cells: how wide it is, padded or shortened to a width, how wide the
terminal is. Every table and every shortening in aspire goes through here, so that columns line up
whatever a name or an answer holds: a wide character (CJK, most emoji) takes two cells, a combining
mark or a zero-width joiner none, everything else one.

Light on purpose (the listings' fast path): ASCII text is measured by its length, unicodedata is
asked only about the rest, and the terminal's width is found without shutil (its imports, bz2 and
lzma, cost a few ms at every start).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence

from aspire_cli.safe_text import one_line

ELLIPSIS = "…"
GAP = 2  # spaces between two columns of a table


def cells(text: str) -> int:
    """The cells `text` takes on a terminal: wide (CJK, emoji) characters two, zero-width ones none."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


def _char_cells(char: str) -> int:
    import unicodedata

    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0  # accents, variation selectors, zero-width joiners
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (as it is when already that wide)."""
    return text.ljust(width) if text.isascii() else text + " " * (width - cells(text))


def padded(column: Iterable[str], width: int) -> list[str]:
    """Each text of a column padded to `width` cells (a table's thousand rows: one plain loop)."""
    return [text.ljust(width) if text.isascii() else text + " " * (width - cells(text)) for text in column]


def column_width(column: Iterable[str]) -> int:
    """The cells the widest text of a column takes (0 for none)."""
    return max(map(cells, column), default=0)


def shorten(text: str, width: int) -> str:
    """`text` as one harmless line (runs of spaces and line breaks as one space, control characters
    shown as escapes; see safe_text) of at most `width` cells, ending in an ellipsis when cut."""
    if text.isascii() and text.isprintable() and "  " not in text and text == text.strip():
        line = text  # most cells of a table: nothing to collapse or escape
    else:
        line = one_line(" ".join(text.split()))
    if line.isascii():
        return line if len(line) <= width else line[: max(width - 1, 0)] + ELLIPSIS
    if cells(line) <= width:
        return line
    room, taken = max(width - 1, 0), 0
    for at, char in enumerate(line):
        taken += _char_cells(char)
        if taken > room:
            return line[:at] + ELLIPSIS
    return line  # not reached: the line is wider than `room`


def wrap(line: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """One line of text (no line breaks) in lines of at most `width` cells where it can be, broken
    between words (a word wider than a line: between characters); the first line starts with
    `first`, the others with `rest`. ASCII as textwrap wraps it."""
    if cells(first) + cells(line) <= width:
        return [first + line]
    if line.isascii() and first.isascii() and rest.isascii():
        import textwrap

        return textwrap.wrap(line, width, initial_indent=first, subsequent_indent=rest)
    lines: list[str] = []
    prefix, current = first, ""
    for word in line.split():
        joined = f"{current} {word}" if current else word
        if cells(prefix) + cells(joined) <= width:
            current = joined
            continue
        if current:
            lines.append(prefix + current)
            prefix = rest
        while len(word) > 1 and cells(prefix) + cells(word) > width:
            head = _fitting(word, width - cells(prefix))
            lines.append(prefix + head)
            prefix, word = rest, word[len(head) :]
        current = word
    return [*lines, prefix + current] if current else lines


def _fitting(text: str, room: int) -> str:
    """The longest start of `text` that takes at most `room` cells (one character at least)."""
    taken = 0
    for at, char in enumerate(text):
        taken += _char_cells(char)
        if taken > room:
            return text[: max(at, 1)]
    return text


def room_for(widths: Sequence[int], shortened: Sequence[int], total: int, least: int, most: int) -> int:
    """The cells each of the `shortened` columns (their places in `widths`) gets, sharing what the
    other columns and the gaps between them leave of `total`, between `least` and `most`."""
    fixed = sum(w for at, w in enumerate(widths) if at not in shortened) + GAP * (len(widths) - 1)
    return max(least, min(most, (total - fixed) // len(shortened)))


def terminal_columns(fallback: int = 120) -> int:
    """The terminal's width in cells: $COLUMNS, else the terminal's own, else (piped) `fallback`;
    as shutil.get_terminal_size finds it."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (OSError, ValueError, AttributeError):
            columns = 0
    return columns or fallback
