"""Text from files and from typing, made safe to print: control characters shown, never obeyed.

A record, a name or a draft can hold anything (a hand edit, a paste, a hostile file). Printed raw,
an escape sequence could retitle, clear or recolour the leader's terminal, and a newline or a
carriage return could forge a line of output. Every such string goes through `one_line` (tables,
error lines, prompts) or `visible` (panels and other multi-line text) before it is printed; the
record on disk keeps exactly what was typed.
"""

from __future__ import annotations

import re

# C0 and C1 controls (ESC, BEL, CR, CSI...), DEL, line and paragraph separators, the bidirectional
# overrides and isolates (they reorder what is shown), and lone surrogates (undecodable bytes).
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_MULTILINE = re.compile(f"[{_UNSAFE}]")
_UNSAFE_ONE_LINE = re.compile(f"[{_UNSAFE}\t\n]")


def _shown(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":
        return "\\n"
    if char == "\t":
        return "\\t"
    if char == "\r":
        return "\\r"
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """Multi-line text with every control character but newline and tab shown as an escape (`\\x1b`)."""
    return _UNSAFE_MULTILINE.sub(_shown, text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """Text as one harmless line: newlines, tabs and every other control character shown as escapes."""
    return _UNSAFE_ONE_LINE.sub(_shown, text)


def has_control_characters(text: str) -> bool:
    """True if `text` could not be shown as typed on one line (a name, an id, a title)."""
    return _UNSAFE_ONE_LINE.search(text) is not None


# What json.dumps(ensure_ascii=False) leaves raw but a terminal may obey (C1 controls such as CSI,
# DEL, bidirectional overrides) or cannot print (lone surrogates).
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def safe_json(text: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) safe to print on a terminal as it is:
    every such character written as a \\u escape, which reads back as the same string."""
    return text if text.isascii() else _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text)
