"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. Each latest talk is read and validated, so a broken one
is reported (by file) instead of being trusted; everyone else is still listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from aspire_cli.errors import AspireError
from aspire_cli.questions import load_question_set
from aspire_cli.schedule import DueRow, due_row, most_urgent_first
from aspire_cli.store import Store


@dataclass
class DueReport:
    rows: list[DueRow]
    problems: list[str] = field(default_factory=list)


def due_report(store: Store, as_of: date, within: int) -> DueReport:
    team = store.read_team()
    qset = load_question_set("talk")
    rows: list[DueRow] = []
    problems: list[str] = []
    for employee, member in team.members.items():
        latest = store.latest(employee, "talk")
        if latest is not None:
            try:
                store.read_record(latest.path, qset)
            except AspireError as exc:
                problems.append(exc.message)
                continue
        last_talk = latest.day if latest else None
        rows.append(due_row(employee, member.name, member.cadence_months, last_talk, as_of, within))
    return DueReport(most_urgent_first(rows), problems)
