"""Changes to the roster (team add, edit, remove): each a read-modify-write of team.toml under the
home's lock, the whole file read strictly so that a rewrite can never drop a member.

A roster change needs no pydantic: a team.toml this aspire wrote is checked as plain data
(roster.plain_team) and written back as the Team model would write it. Anything else goes through
the Team model, which words the problem exactly as every other read of the file does.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from aspire_cli.domain.ids import NAME_RULE, check_employee_id
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.errors import AspireError, BadFile, BadInput
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.roster import RosterEntry, TeamData, entry_of, plain_team

if TYPE_CHECKING:
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


def add_member(store: Store, employee: str, name: str, cadence_months: int, today: date) -> RosterEntry:
    employee = check_employee_id(employee)
    member = {"name": check_name(name), "cadence_months": check_cadence(cadence_months), "added": today}
    with store.locked():
        team, _ = _team_to_change(store)
        if employee in team["members"]:
            raise AspireError(f"'{employee}' is already on your team.")
        team["members"][employee] = member
        store.team.write(team, f"team: add {employee}")
    return entry_of(member)


def edit_member(
    store: Store, employee: str, name: str | None, cadence_months: int | None
) -> tuple[RosterEntry, RosterEntry]:
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
        after = {**before, **changes}
        if after != before or mended:
            team["members"][employee] = after
            store.team.write(team, f"team: edit {employee}")
    return entry_of(before), entry_of(after)


def remove_member(store: Store, employee: str) -> None:
    """Off the team; the records stay where they are."""
    employee = check_employee_id(employee)
    with store.locked():
        team, _ = _team_to_change(store)
        _on_the_team(team, employee)
        del team["members"][employee]
        store.team.write(team, f"team: remove {employee}")


def _team_to_change(
    store: Store, employee: str | None = None, changes: dict[str, object] | None = None
) -> tuple[TeamData, bool]:
    """The whole team, strictly read, and whether it was mended. A member that does not validate
    stops the change, with how to fix it; unless the change is the edit of that very member and it
    makes the file whole again (`team edit alice --cadence 12` mends a cadence of 0)."""
    data = store.team.data()
    plain = plain_team(data)
    if plain is not None:
        return plain, False
    try:
        return store.team.read().to_toml_data(), False
    except BadFile as exc:
        mended = _mended(store, data, employee, changes) if employee and changes else None
        if mended is not None:
            return mended, True
        raise BadFile(
            f"{exc.message}; mend it first, by hand or with aspire team edit (e.g. --cadence 12)"
        ) from None


def _mended(store: Store, data: dict[str, Any], employee: str, changes: dict[str, object]) -> TeamData | None:
    """The team with `changes` made to `employee`'s raw entry, if that makes every member valid."""
    from aspire_cli.domain.models import Team
    from aspire_cli.storage.validated import validated

    members = data.get("members")
    if not isinstance(members, dict) or not isinstance(members.get(employee), dict):
        return None
    mended = {**data, "members": {**members, employee: {**members[employee], **changes}}}
    try:
        team: Team = validated(Team, store.team.path, mended)
    except BadFile:
        return None
    return team.to_toml_data()


def _on_the_team(team: TeamData, employee: str) -> dict[str, Any]:
    member: dict[str, Any] | None = team["members"].get(employee)
    if member is None:
        raise AspireError(f"'{employee}' is not on your team; see: aspire team list")
    return member
