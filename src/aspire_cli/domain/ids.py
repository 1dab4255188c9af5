"""Employee ids, names and calendar days as typed by a user: checked before they touch a path or a
record; and the version of the files they end up in.

The command line checks each once (cli/values.py) and hands on a typed value: an `EmployeeId`, a
`date`, a `RecordDay`. Kept free of pydantic so that the fast `aspire due` path can use it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from aspire_cli.errors import BadInput

EMPLOYEE_ID_RULE = (
    "use 1-64 lowercase letters, digits and hyphens, starting and ending with a letter or digit "
    "(e.g. alice, bob-lee)"
)
NAME_RULE = "a name is one line of text, without tabs, newlines or other control characters"
SCHEMA = 1
"""The version of the record, draft and roster layout this aspire writes."""
# A talk that keeps the employee's own words (own_words) is written as schema 2, so that an older
# aspire refuses it in one line instead of misreading it; every other file stays at 1.
OWN_WORDS_SCHEMA = 2
READS_SCHEMA = OWN_WORDS_SCHEMA  # the newest layout this aspire reads
_EMPLOYEE_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")


def is_employee_id(text: str) -> bool:
    # fullmatch, not match with $: "$" would accept a trailing newline
    return _EMPLOYEE_ID.fullmatch(text) is not None


class EmployeeId(str):
    """An employee id found valid: made by check_employee_id alone, and trusted from then on."""

    __slots__ = ()


def check_employee_id(text: str) -> EmployeeId:
    """The id as an EmployeeId, or a BadInput with the rule. One that is already an EmployeeId was
    checked where it was made (the command line) and is not checked again."""
    if type(text) is EmployeeId:
        return text
    if not is_employee_id(text):
        raise BadInput(f"'{_printable(text)}' is not a valid employee id: {EMPLOYEE_ID_RULE}.")
    return EmployeeId(text)


def parse_day(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD date, or a BadInput that says what is wrong with it."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise BadInput(f"{what} '{_printable(text)}' is not a date: use YYYY-MM-DD, e.g. 2026-11-26.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what} '{text}' is not a day of the calendar; use a real YYYY-MM-DD date.") from None


class RecordDay(NamedTuple):
    """`show` and `edit --date`: the day, and which record of it (YYYY-MM-DD-2: the second)."""

    day: date
    seq: int
    text: str
    """As typed, for a message that quotes it."""


def parse_record_day(text: str, what: str = "--date") -> RecordDay:
    """YYYY-MM-DD or YYYY-MM-DD-N, or a BadInput that says what is wrong with it."""
    match = re.fullmatch(r"(.{10})(?:-([1-9]\d*))?", text)
    day = parse_day(match[1] if match else text, what)
    return RecordDay(day, int(match[2]) if match and match[2] else 1, text)


def _printable(text: str) -> str:
    """The text with control characters made visible, so an error line stays one line."""
    shown = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return shown if len(shown) <= 80 else shown[:77] + "..."
