"""A question set as plain data, for the pages aspire writes from it (`show`'s question texts, the
employee's invitation and form): read without pydantic, so that a command that only shows a set
loads none. Only the form of what is used is checked here (`questions validate`, and every
interview, check a set whole); anything else is a BadFile that says how to find out more.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from aspire_cli.errors import BadFile
from aspire_cli.storage.question_sets import read_set, set_file

KINDS = ("long_text", "choice", "actions")


class PlainQuestion(NamedTuple):
    id: str
    text: str
    guidance: str  # for the leader
    employee_guidance: str  # for the employee; "" when the set has none
    kind: str  # one of KINDS
    choices: tuple[str, ...]
    required: bool

    @property
    def for_employee(self) -> str:
        """What the employee reads under the question: their own guidance, else the leader's."""
        return self.employee_guidance or self.guidance


class PlainSet(NamedTuple):
    id: str
    version: int
    title: str
    questions: tuple[PlainQuestion, ...]


def plain_set_for(home: Path, set_id: str) -> PlainSet:
    """The set of `set_id` that applies in `home` (the leader's own, else the shipped one)."""
    return plain_set(set_file(home, set_id).path)


@cache
def plain_set(path: Path) -> PlainSet:
    return as_plain_set(read_set(path), path)


def as_plain_set(data: dict[str, Any], path: Path | str) -> PlainSet:
    """A set's TOML data as plain data, or a BadFile naming `path`."""
    try:
        questions = tuple(_question(item) for item in data["questions"])
        found = PlainSet(_text(data["id"]), data["version"], _text(data.get("title", "")), questions)
        if type(found.version) is not int or not questions or len({q.id for q in questions}) < len(questions):
            raise ValueError
    except (KeyError, TypeError, ValueError):
        raise BadFile(f"{path}: not a question set; see: aspire questions validate {path}") from None
    return found


def _question(item: Any) -> PlainQuestion:
    kind = _text(item["kind"])
    choices = tuple(_text(choice) for choice in item.get("choices", ()))
    required = item.get("required", True)
    if kind not in KINDS or (kind == "choice") != bool(choices) or type(required) is not bool:
        raise ValueError
    return PlainQuestion(
        _text(item["id"]),
        _text(item["text"]),
        _text(item.get("guidance", "")),
        _text(item.get("employee_guidance", "")),
        kind,
        choices,
        required,
    )


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError
    return value
