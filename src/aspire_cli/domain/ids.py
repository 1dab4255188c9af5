"""Employee ids and calendar days as typed by a user: checked before they touch a path or a record.

Kept free of pydantic so that the fast `aspire due` path can use it.
"""

from __future__ import annotations

import re
from datetime import date

from aspire_cli.errors import BadInput

EMPLOYEE_ID_RULE = (
    "use 1-64 lowercase letters, digits and hyphens, starting and ending with a letter or digit "
    "(e.g. alice, bob-lee)"
)
_EMPLOYEE_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")


def is_employee_id(text: str) -> bool:
    # fullmatch, not match with $: "$" would accept a trailing newline
    return _EMPLOYEE_ID.fullmatch(text) is not None


def check_employee_id(text: str) -> str:
    if not is_employee_id(text):
        raise BadInput(f"'{_printable(text)}' is not a valid employee id: {EMPLOYEE_ID_RULE}.")
    return text


def parse_day(text: str, what: str = "date") -> date:
    """A YYYY-MM-DD date, or a BadInput that says what is wrong with it."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise BadInput(f"{what} '{_printable(text)}' is not a date: use YYYY-MM-DD, e.g. 2026-11-26.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadInput(f"{what} '{text}' is not a day of the calendar; use a real YYYY-MM-DD date.") from None


def _printable(text: str) -> str:
    """The text with control characters made visible, so an error line stays one line."""
    shown = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return shown if len(shown) <= 80 else shown[:77] + "..."
