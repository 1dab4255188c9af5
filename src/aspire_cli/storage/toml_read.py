"""Reading TOML, fast and exactly as tomllib reads it: the one parse step under every TOML file aspire reads.

toml_rs (Rust, TOML 1.0 mode) parses a typical record in about a tenth of tomllib's time. It was chosen
by measurement (benchmarks/toml_parsers.py) and checked against tomllib by property tests
(tests/unit/test_toml_parser.py), which found only two ways it differs; both go to tomllib instead:
- a byte-order mark at the start, which toml_rs skips and tomllib refuses. TOML 1.0 allows one, and an
  editor may save a record with one (Windows Notepad did): one is taken off before either parser reads
  the text, so the result is tomllib's on the text without it; a second one is tomllib's to refuse;
- inline arrays and tables nested deeper than its stack allows, where toml_rs crashes the process
  (between 500 and 1,000 levels on a 1 MiB stack, Windows' main thread; 4,000-6,000 on 8 MiB) while tomllib
  raises RecursionError from about 300: a text with more opening brackets than any nesting aspire
  writes is read by tomllib alone.
Any error toml_rs raises is also handed to tomllib, which then gives the message and line (errors are
rare; speed matters when the file is good), or, if toml_rs refused what tomllib accepts, the data.
So whatever the text, the result is tomllib's. Writing stays with tomli-w.
"""

from __future__ import annotations

import contextlib
from typing import Any

BOM = "\ufeff"  # a byte-order mark, as UTF-8 text decodes it
SAFE_BRACKETS = 200
"""At most this many "[" and "{" that could nest (_openers) bound a text's nesting far below where
toml_rs could exhaust a thread's stack or tomllib its recursion limit; a record holds a few dozen."""


class TomlError(ValueError):
    """A text that is not valid TOML: `message` says why (tomllib's words) and `line` where, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return self.message


def loads(text: str) -> dict[str, Any]:
    """The data of a TOML text, exactly as tomllib.loads returns it for the text without a leading
    byte-order mark, or a TomlError."""
    text = text.removeprefix(BOM)
    if not text.startswith(BOM) and _openers(text) <= SAFE_BRACKETS:
        import toml_rs  # not at the top: a command that reads no TOML does not load it

        # on any error, tomllib says what is wrong (or, disagreeing, gives the data)
        with contextlib.suppress(Exception):
            return toml_rs.loads(text, toml_version="1.0.0")
    return _tomllib_loads(text)


def _openers(text: str) -> int:
    """How many "[" and "{" could nest: all of them, but a table header on a line of its own.

    A roster of 1,000 members has 1,000 headers (`[members.alice]`) and no nesting. A line that is
    "[" + name + "]" alone, with no quote (no string can start or end on it), no "#" (no comment can
    hide its "]") and no other bracket, closes what it opens (or lies inside a multi-line string,
    where it opens nothing): it adds nothing to the depth, whatever comes before or after it."""
    openers = text.count("[") + text.count("{")
    if openers <= SAFE_BRACKETS:
        return openers
    return openers - sum(1 for line in text.splitlines() if _closes_itself(line))


def _closes_itself(line: str) -> bool:
    return (
        line.startswith("[")
        and line.endswith("]")
        and line.count("[") == 1
        and line.count("]") == 1
        and not any(mark in line for mark in "\"'#{}")
    )


def load_bytes(data: bytes) -> dict[str, Any]:
    """The data of a TOML file's bytes (UTF-8, as tomllib.load reads them), or a TomlError."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TomlError(f"the file is not UTF-8 text (at line {line})", line) from None
    return loads(text)


def _tomllib_loads(text: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        message = str(exc)
        at = re.search(r"\(at line (\d+), column \d+\)$", message)
        if at:
            line = int(at.group(1))
        elif message.endswith("(at end of document)"):
            line = text.count("\n") + 1
        else:
            line = None
        raise TomlError(message, line) from None
    except RecursionError:
        raise TomlError("nested too deeply to be a file aspire wrote") from None
