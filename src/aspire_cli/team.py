"""Changing the roster: each change is a read-modify-write of team.toml under the home's lock."""

from __future__ import annotations

from datetime import date

from aspire_cli.errors import AspireError
from aspire_cli.ids import check_employee_id
from aspire_cli.models import Member
from aspire_cli.store import Store


def add_member(store: Store, employee: str, name: str, cadence_months: int, today: date) -> None:
    employee = check_employee_id(employee)
    member = Member(name=name, cadence_months=cadence_months, added=today)
    with store.locked():
        team = store.read_team()
        if employee in team.members:
            raise AspireError(f"'{employee}' is already on your team.")
        store.write_team(team.model_copy(update={"members": {**team.members, employee: member}}))


def remove_member(store: Store, employee: str) -> None:
    """Off the team; the records stay where they are."""
    employee = check_employee_id(employee)
    with store.locked():
        team = store.read_team()
        if employee not in team.members:
            raise AspireError(f"'{employee}' is not on your team; see: aspire team list")
        members = {k: v for k, v in team.members.items() if k != employee}
        store.write_team(team.model_copy(update={"members": members}))
