"""When each discussion is due: pure date arithmetic, `as_of` always passed in.

Free of pydantic and of the file system, so `aspire due` stays fast.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

OVERDUE, NEVER_HELD, DUE_SOON, OK = "overdue", "never held", "due soon", "ok"
_URGENCY = {OVERDUE: 0, NEVER_HELD: 1, DUE_SOON: 2, OK: 3}

CADENCE_MONTHS = range(1, 61)
"""The cadences a member may have: monthly to every five years."""
DEFAULT_CADENCE = 12
"""A member's cadence when team.toml gives none."""


def every(months: int) -> str:
    """A cadence in words: "every year", "every 6 months", "every month"."""
    return "every year" if months == 12 else f"every {months} month{'s' if months != 1 else ''}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a month too short for it clamps (Aug 31 + 6 = Feb 28 or 29),
    and so does the calendar: past its last day (9999-12-31) or before its first."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    return date(year, month, min(day.day, _days_in_month(year, month)))


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS[month - 1] + leap


class DueRow(NamedTuple):
    employee: str
    name: str
    cadence_months: int
    last_talk: date | None
    next_due: date | None
    status: str
    days: int | None
    """Days until due; negative when overdue; None when no talk was ever held."""

    def as_json(self) -> dict[str, object]:
        return {
            "employee": self.employee,
            "name": self.name,
            "cadence_months": self.cadence_months,
            "last_talk": self.last_talk.isoformat() if self.last_talk else None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "status": self.status,
            "days": self.days,
        }


def due_row(
    employee: str, name: str, cadence_months: int, last_talk: date | None, as_of: date, within: int
) -> DueRow:
    if last_talk is None:
        return DueRow(employee, name, cadence_months, None, None, NEVER_HELD, None)
    next_due = add_months(last_talk, cadence_months)
    days = (next_due - as_of).days
    status = OVERDUE if days < 0 else DUE_SOON if days <= within else OK
    return DueRow(employee, name, cadence_months, last_talk, next_due, status, days)


def most_urgent_first(rows: list[DueRow]) -> list[DueRow]:
    """Overdue (longest first), never held, due soon (soonest first), then ok (soonest first)."""
    return sorted(rows, key=lambda r: (_URGENCY[r.status], r.days or 0, r.employee))


def brief(rows: list[DueRow], within: int) -> str:
    """One line for a shell's startup file, or "" when nothing needs doing."""
    groups = [
        ("overdue", [r.employee for r in rows if r.status == OVERDUE]),
        ("never held, due now", [r.employee for r in rows if r.status == NEVER_HELD]),
        (f"due within {within} days", [r.employee for r in rows if r.status == DUE_SOON]),
    ]
    parts: list[str] = []
    for label, ids in groups:
        if ids:
            count = f"{len(ids)}" if parts else f"{len(ids)} discussion{'s' if len(ids) != 1 else ''}"
            parts.append(f"{count} {label} ({_names(ids)})")
    return ", ".join(parts)


def _names(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")
