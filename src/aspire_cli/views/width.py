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
import re
import sys
from collections.abc import Iterable

from aspire_cli.safe_text import one_line

ELLIPSIS = "…"
_NOT_ASCII = re.compile("[^\x00-\x7f]")  # the characters that may take other than one cell
GAP = 2  # spaces between two columns of a table


def cells(text: str) -> int:
    """The cells `text` takes on a terminal: wide (CJK, emoji) characters two, zero-width ones none."""
    if text.isascii():
        return len(text)
    return len(text) + sum(_char_cells(char) - 1 for char in _NOT_ASCII.findall(text))


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
    shown as escapes; see safe_text) of at most `width` cells, cut between two words and ending in an
    ellipsis when cut. Only a first word too wide to fit with the ellipsis is cut inside."""
    line = flat(text)
    if (len(line) if line.isascii() else cells(line)) <= width:
        return line
    head = _fitting(line, max(width - 1, 0))  # what fits beside the ellipsis
    if line[len(head)] != " " and not head.endswith(" ") and " " in head:
        head = head[: head.rindex(" ")]  # the last word would be cut: left out
    return head.rstrip() + ELLIPSIS


def flat(text: str) -> str:
    """Text as one harmless line: runs of spaces and line breaks as one space, control characters
    shown as escapes (see safe_text)."""
    if text.isascii() and text.isprintable() and "  " not in text and text == text.strip():
        return text  # most cells of a table: nothing to collapse or escape
    return one_line(" ".join(text.split()))


def wrap(line: str, width: int, first: str = "", rest: str = "", *, cut: bool = False) -> list[str]:
    """One line of text (no line breaks) in lines of at most `width` cells, broken between words
    (runs of spaces as one); the first line starts with `first`, the others with `rest`. A word
    wider than a whole line is shortened with an ellipsis with `cut` (a table's cell), else broken
    between characters (`show`, whose job is the whole text)."""
    if cells(first) + cells(line) <= width:
        return [first + line]
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
        room = width - cells(prefix)
        if cut and cells(word) > room:
            word = shorten(word, room)
        while len(word) > 1 and cells(word) > room:
            head = _fitting(word, room) or word[0]  # a character wider than the line still gets one
            lines.append(prefix + head)
            prefix, word = rest, word[len(head) :]
            room = width - cells(prefix)
        current = word
    return [*lines, prefix + current] if current else lines


def _fitting(text: str, room: int) -> str:
    """The longest start of `text` that takes at most `room` cells (maybe none)."""
    if text.isascii():
        return text[: max(room, 0)]
    taken = 0
    for at, char in enumerate(text):
        taken += _char_cells(char)
        if taken > room:
            return text[:at]
    return text


def fitted(text: str, width: int | None, rest: str = "  ") -> str:
    """Prose (a heading, a legend, a message) with each of its lines wrapped between words to `width`
    cells, the lines it continues on indented as it is and by `rest`; as it is when `width` is None
    (piped, for grep). A word wider than the line (a path) is broken, not lost."""
    if width is None:
        return text
    lines: list[str] = []
    for line in text.split("\n"):
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines += wrap(line.strip(" "), width, indent, indent + rest) if line.strip() else [line]
    return "\n".join(lines)


def fit_width() -> int | None:
    """The width to fit what is printed to: $COLUMNS when set, else the terminal's when stdout is
    one (found as shutil.get_terminal_size finds it); None when piped without COLUMNS, where every
    record stays on one line, whole, for grep."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (OSError, ValueError, AttributeError):
            columns = 0
    return columns or None
