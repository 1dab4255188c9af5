"""The command line's words made typed values, once, at the edge: each function here is the parser
of an option or argument, named by its Typer declaration (`parser=`) and carried by the launcher's
grammar, so both paths check a value alike. What a command receives is then trusted below.

Loaded on the launcher's fast path: no Typer, no pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.domain.ids import check_employee_id, parse_day, parse_record_day

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.domain.ids import EmployeeId, RecordDay


def employee(text: str) -> EmployeeId:
    """EMPLOYEE: an id by the rule (lowercase letters, digits and hyphens)."""
    return check_employee_id(text)


def day(text: str) -> date:
    """--date YYYY-MM-DD: the day of a discussion or of a follow-up."""
    return parse_day(text, "--date")


def as_of(text: str) -> date:
    """--as-of YYYY-MM-DD."""
    return parse_day(text, "--as-of")


def since(text: str) -> date:
    """--since YYYY-MM-DD."""
    return parse_day(text, "--since")


def before(text: str) -> date:
    """--before YYYY-MM-DD: the first day whose records `forget` keeps."""
    return parse_day(text, "--before")


def record_day(text: str) -> RecordDay:
    """--date YYYY-MM-DD[-N] of show and edit: the record of that day (the Nth of it)."""
    return parse_record_day(text, "--date")
