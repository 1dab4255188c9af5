"""`aspire prep` and `aspire talk`: hold a discussion (see interview/session.py) and keep its record."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def prep(
    home: Home,
    employee: EmployeeId,
    date_: date | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
    again: bool,
) -> int:
    return _discussion(home, "prep", employee, date_, answers, fresh, questions, again)


def talk(
    home: Home,
    employee: EmployeeId | None,
    date_: date | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
    again: bool,
    hide_prep: bool,
    from_: str | None = None,
) -> int:
    if not hide_prep and answers is None:  # an answers file draws nothing: no settings to read
        from aspire_cli.storage.settings import HIDDEN

        hide_prep = home.settings.prep_notes.value == HIDDEN
    return _discussion(home, "talk", employee, date_, answers, fresh, questions, again, hide_prep, from_)


def _discussion(
    home: Home,
    kind: str,
    employee: EmployeeId | None,
    day: date | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
    again: bool,
    hide_prep: bool = False,
    their: str | None = None,
) -> int:
    from aspire_cli.interview.session import run_discussion

    run_discussion(
        home.store, kind, employee, day, answers, fresh, questions, again, hide_prep=hide_prep, their=their
    )
    return 0
