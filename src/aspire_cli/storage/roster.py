"""Changing the roster: each change is a read-modify-write of team.toml under the home's lock."""

from __future__ import annotations

from datetime import date

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.models import NAME_RULE, Member, Team
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.errors import AspireError, BadFile, BadInput
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.store import Store


def check_cadence(months: int) -> int:
    low, high = CADENCE_MONTHS[0], CADENCE_MONTHS[-1]
    if months not in CADENCE_MONTHS:
        raise BadInput(
            f"--cadence {months} is not between {low} and {high}: give the months between "
            "discussions (12 = yearly, 6 = twice a year)"
        )
    return months


def check_name(name: str) -> str:
    """The name as it will be shown: one line, without spaces around it."""
    if has_control_characters(name):
        raise BadInput(f"--name '{one_line(name)}' is refused: {NAME_RULE}")
    return name.strip()


def add_member(store: Store, employee: str, name: str, cadence_months: int, today: date) -> Member:
    employee = check_employee_id(employee)
    member = Member(name=check_name(name), cadence_months=check_cadence(cadence_months), added=today)
    with store.locked():
        team, _ = _team_to_change(store)
        if employee in team.members:
            raise AspireError(f"'{employee}' is already on your team.")
        store.write_team(_with_member(team, employee, member), f"team: add {employee}")
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
        team, mended = _team_to_change(store, employee, changes)
        before = _on_the_team(team, employee)
        after = before.model_copy(update=changes)
        if after != before or mended:
            store.write_team(_with_member(team, employee, after), f"team: edit {employee}")
    return before, after


def remove_member(store: Store, employee: str) -> None:
    """Off the team; the records stay where they are."""
    employee = check_employee_id(employee)
    with store.locked():
        team, _ = _team_to_change(store)
        _on_the_team(team, employee)
        members = {k: v for k, v in team.members.items() if k != employee}
        store.write_team(team.model_copy(update={"members": members}), f"team: remove {employee}")


def _team_to_change(
    store: Store, employee: str | None = None, changes: dict[str, object] | None = None
) -> tuple[Team, bool]:
    """The whole team, strictly read, so that a rewrite never drops a member. A member that does not
    validate stops the change, with how to fix it; unless the change is the edit of that very
    member and it makes the file whole again (`team edit alice --cadence 12` mends a cadence of 0)."""
    try:
        return store.read_team(), False
    except BadFile as exc:
        mended = _mended(store, employee, changes) if employee and changes else None
        if mended is not None:
            return mended, True
        raise BadFile(
            f"{exc.message}; mend it first, by hand or with aspire team edit (e.g. --cadence 12)"
        ) from None


def _mended(store: Store, employee: str, changes: dict[str, object]) -> Team | None:
    """The team with `changes` made to `employee`'s raw entry, if that makes every member valid."""
    from pydantic import ValidationError

    data = store.team_data()
    members = data.get("members")
    if not isinstance(members, dict) or not isinstance(members.get(employee), dict):
        return None
    try:
        return Team.model_validate(
            {**data, "members": {**members, employee: {**members[employee], **changes}}}
        )
    except ValidationError:
        return None


def _on_the_team(team: Team, employee: str) -> Member:
    member = team.members.get(employee)
    if member is None:
        raise AspireError(f"'{employee}' is not on your team; see: aspire team list")
    return member


def _with_member(team: Team, employee: str, member: Member) -> Team:
    return team.model_copy(update={"members": {**team.members, employee: member}})
