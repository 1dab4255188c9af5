"""Changing the roster: each change is a read-modify-write of team.toml under the home's lock."""

from __future__ import annotations

from datetime import date

from aspire_cli.errors import AspireError, BadInput
from aspire_cli.ids import check_employee_id
from aspire_cli.models import CADENCE_MONTHS, NAME_RULE, Member, Team
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.store import Store


def check_cadence(months: int) -> int:
    low, high = CADENCE_MONTHS
    if not low <= months <= high:
        raise BadInput(
            f"--cadence {months} is not between {low} and {high}: give the months between "
            "discussions (12 = yearly, 6 = twice a year)"
        )
    return months


def check_name(name: str) -> str:
    if has_control_characters(name):
        raise BadInput(f"--name '{one_line(name)}' is refused: {NAME_RULE}")
    return name


def add_member(store: Store, employee: str, name: str, cadence_months: int, today: date) -> Member:
    employee = check_employee_id(employee)
    member = Member(name=check_name(name), cadence_months=check_cadence(cadence_months), added=today)
    with store.locked():
        team = store.read_team()
        if employee in team.members:
            raise AspireError(f"'{employee}' is already on your team.")
        store.write_team(_with_member(team, employee, member))
    return member


def edit_member(
    store: Store, employee: str, name: str | None, cadence_months: int | None
) -> tuple[Member, Member]:
    """A new name and/or cadence; the member before and after."""
    employee = check_employee_id(employee)
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = check_name(name)
    if cadence_months is not None:
        changes["cadence_months"] = check_cadence(cadence_months)
    with store.locked():
        team = store.read_team()
        before = _on_the_team(team, employee)
        after = before.model_copy(update=changes)
        if after != before:
            store.write_team(_with_member(team, employee, after))
    return before, after


def remove_member(store: Store, employee: str) -> None:
    """Off the team; the records stay where they are."""
    employee = check_employee_id(employee)
    with store.locked():
        team = store.read_team()
        _on_the_team(team, employee)
        members = {k: v for k, v in team.members.items() if k != employee}
        store.write_team(team.model_copy(update={"members": members}))


def _on_the_team(team: Team, employee: str) -> Member:
    member = team.members.get(employee)
    if member is None:
        raise AspireError(f"'{employee}' is not on your team; see: aspire team list")
    return member


def _with_member(team: Team, employee: str, member: Member) -> Team:
    return team.model_copy(update={"members": {**team.members, employee: member}})
