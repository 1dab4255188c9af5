"""JSON for scripts, written one way: `due`, `team list`, `drafts`, `actions`, `history`, `config`,
`sync status`, `export` and `report` all print what these functions return.

Every text is UTF-8 as typed (ensure_ascii=False), but what a terminal might obey (C1 controls such
as CSI, DEL, bidirectional overrides) or cannot print (lone surrogates) is written as a \\u escape
(safe_text.safe_json), which reads back as the same string: a record's text cannot drive the
terminal it is printed on. A long list is written a row a line by json's C encoder (`indent` would
take its Python one, three times slower on a team's list of actions).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from aspire_cli.safe_text import safe_json

_encode = json.JSONEncoder(ensure_ascii=False).encode  # json's C encoder, as json.dumps uses it


def json_rows(rows: Sequence[object], *, indent: str = "  ", close: str = "") -> str:
    """A list a row a line: '[', each row on a line of its own after `indent`, then `close` and ']';
    '[]' when there are none."""
    if not rows:
        return "[]"
    return safe_json(f"[\n{indent}{_rows_apart(rows, indent)}\n{close}]")


def _rows_apart(rows: Sequence[object], indent: str) -> str:
    """The rows joined by a comma, a line break and `indent`. Flat objects that all open with one key
    (a team's actions: tens of thousands) are written by one call for the whole list and cut where
    one ends and the next begins: '}, {"key": ' is found nowhere else when it is found exactly once
    between each two rows (inside a string its quotes would be escaped). Else a call a row."""
    row = rows[0]
    first = next(iter(row), None) if isinstance(row, dict) and _flat(row) else None
    if isinstance(first, str) and all(type(r) is dict and next(iter(r), None) == first for r in rows):
        between = "}, {" + _encode(first) + ": "
        text = _encode(rows)[1:-1]
        if text.count(between) == len(rows) - 1:
            return text.replace(between, f"}},\n{indent}{between[3:]}")
    return f",\n{indent}".join(map(_encode, rows))


def _flat(row: dict[object, object]) -> bool:
    """An object holding no object or list (judged by the first row: the count above is the proof)."""
    return not any(isinstance(value, dict | list) for value in row.values())


def json_text(value: object) -> str:
    """`value` indented two spaces a level (a few rows, each with lists and objects of its own)."""
    return safe_json(json.dumps(value, indent=2, ensure_ascii=False))


def json_line(value: object) -> str:
    """`value` on one line, as a part of a document written a row a line."""
    return safe_json(_encode(value))
