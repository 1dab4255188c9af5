"""Writing TOML the way records are written, for people reading the file (reading: toml_read.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

ANSWER_TABLES = ("answers", "own_words")  # written last, in this order, each with its blocks


def toml_text(data: dict[str, Any]) -> str:
    """TOML text, written the way records are: lists of tables under [answers] (and [own_words])
    always as [[answers.<id>]] blocks, for people reading the file."""
    import tomli_w

    # Multi-line strings read best, but TOML turns a carriage return in them into a plain newline:
    # a document holding one is written with escaped one-line strings, so every answer comes back exact.
    multiline = not any("\r" in text for text in _strings(data))
    tables = [key for key in ANSWER_TABLES if isinstance(data.get(key), dict)]
    if not tables:
        return tomli_w.dumps(data, multiline_strings=multiline)
    text = tomli_w.dumps({k: v for k, v in data.items() if k not in tables}, multiline_strings=multiline)
    for table in tables:
        answers = data[table]
        blocks = {k: v for k, v in answers.items() if isinstance(v, list) and v}
        plain = {k: v for k, v in answers.items() if k not in blocks}
        # each table is written alone, so its array-of-tables blocks can follow it
        text += "\n" + tomli_w.dumps({table: plain}, multiline_strings=multiline)
        for key, items in blocks.items():
            for item in items:
                text += f"\n[[{table}.{key}]]\n" + tomli_w.dumps(item, multiline_strings=multiline)
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
