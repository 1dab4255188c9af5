"""Writing TOML the way records are written, for people reading the file (reading: toml_read.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def toml_text(data: dict[str, Any]) -> str:
    """TOML text, written the way records are: lists of tables under [answers] always as
    [[answers.<id>]] blocks, for people reading the file."""
    import tomli_w

    # Multi-line strings read best, but TOML turns a carriage return in them into a plain newline:
    # a document holding one is written with escaped one-line strings, so every answer comes back exact.
    multiline = not any("\r" in text for text in _strings(data))
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return tomli_w.dumps(data, multiline_strings=multiline)
    blocks = {k: v for k, v in answers.items() if isinstance(v, list) and v}
    plain = {k: v for k, v in answers.items() if k not in blocks}
    # [answers] is the last table written, so its array-of-tables blocks can follow it
    text = tomli_w.dumps({**data, "answers": plain}, multiline_strings=multiline)
    for key, items in blocks.items():
        for item in items:
            text += f"\n[[answers.{key}]]\n" + tomli_w.dumps(item, multiline_strings=multiline)
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
