"""What a leader reads in a terminal of a given width: the lines as the screen shows them (escapes
gone), which are too wide, and which words were broken in the middle."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from aspire_cli.views.width import cells

ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07|\x1b[()][0-9A-B]|\x1b[=>]")
PUNCTUATION = ".,:;()\"'!?"


def screen_lines(text: str) -> list[str]:
    """The lines a terminal shows for `text`: escapes (colour, cursor) taken out, CR LF as one break."""
    return ESCAPE.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def too_wide(text: str, width: int) -> list[str]:
    """The lines of `text` that take more than `width` cells (each with its width, to read)."""
    return [f"{cells(line)}: {line}" for line in screen_lines(text) if cells(line) > width]


def words_of(texts: Iterable[str]) -> set[str]:
    """The words of `texts`, and the parts of words joined by "_" or "-" (a question id, a name)."""
    words = {word.strip(PUNCTUATION) for text in texts for word in text.split()}
    return words | {part for word in words for part in re.split(r"[_-]", word)}


def broken_words(text: str, sources: Iterable[str], may_cut: int = 16) -> list[str]:
    """The words of `text` broken in the middle: split between the end of a line and the start of
    the next into two pieces of one word of `sources` (what the home holds), or shortened with "…"
    other than after a whole word (unless wider than `may_cut` cells: a word that cannot fit its
    column is cut, never split)."""
    known = words_of(sources)
    broken = []
    for word in words_of(screen_lines(text)):
        kept = word.rstrip("…").strip(PUNCTUATION)
        cut_inside = "…" in word and kept and kept not in known
        if cut_inside and not any(w.startswith(kept) and cells(w) > may_cut for w in known):
            broken.append(word)
    lines = [line.split() for line in screen_lines(text)]
    for before, after in itertools.pairwise(lines):
        if before and after:
            end, start = before[-1].strip(PUNCTUATION), after[0].strip(PUNCTUATION)
            if end + start in known and not (end in known and start in known):
                broken.append(f"{end}|{start}")
    return broken
