"""The roster, <home>/team.toml: read as plain data for listings (through the index, without
pydantic), strictly as a Team before any change; and each change, a read-modify-write under the
home's lock."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.errors import AspireError, BadFile, BadInput
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage import layout
from aspire_cli.storage.files import TEAM_LIMIT, atomic_write, read_toml
from aspire_cli.storage.folders import private_dir
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:  # pydantic loads only when the roster is read whole or changed
    from aspire_cli.domain.models import Member, Team
    from aspire_cli.storage.store import Store


class RosterEntry(NamedTuple):
    """A team member as plain data: what most commands need, without pydantic or TOML."""

    name: str
    cadence_months: int
    added: str | None  # ISO date

    def display_name(self, employee: str) -> str:
        return self.name or employee


Roster = dict[str, RosterEntry]


class TeamFile:
    """team.toml, read as plain data or as a Team, and written whole."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = layout.team_path(store.home)

    def read(self) -> Team:
        """The whole roster, strictly: one member that does not validate fails the read, so that a
        rewrite (team add, remove) can never drop a member silently. Listings use roster_report."""
        from aspire_cli.domain.models import Team
        from aspire_cli.storage.validated import validated

        team: Team = validated(Team, self.path, self.data())
        return team

    def data(self) -> dict[str, Any]:
        """team.toml as raw TOML data ({} when there is none yet), before any validation."""
        if not self.path.exists():
            return {}
        return read_toml(self.path, TEAM_LIMIT, follow=True)

    def roster_report(self) -> tuple[Roster, list[str]]:
        """The team as plain data, and one line for each member that does not validate (everyone
        else is there). TOML parses slowly, so both come from the index while team.toml is unchanged."""
        from aspire_cli.storage.index import Index

        index = Index(self.store)
        try:
            return index.roster()
        finally:
            index.save()

    def read_roster(self) -> tuple[Roster, list[str]]:
        """team.toml member by member: a broken one is named, the others kept. What is wrong with
        the file as a whole (TOML, schema, its own keys) is raised."""
        from aspire_cli.domain.models import Team
        from aspire_cli.storage.validated import validated

        data = self.data()
        try:
            return _roster_entries(validated(Team, self.path, data)), []
        except BadFile:
            members = data.get("members")
            if not isinstance(members, dict):
                raise
        validated(Team, self.path, {**data, "members": {}})  # the file's own keys
        roster: Roster = {}
        problems: list[str] = []
        for employee, fields in members.items():
            one = {**data, "members": {employee: fields}}  # so the error names it as the file would
            try:
                roster |= _roster_entries(validated(Team, self.path, one))
            except BadFile as exc:
                problems.append(exc.message)
        return roster, problems

    def roster(self) -> Roster:
        """The team as plain data; a BadFile naming the first member that does not validate."""
        roster, problems = self.roster_report()
        if problems:
            raise BadFile(problems[0])
        return roster

    def member(self, employee: str) -> RosterEntry | None:
        """One member, or None if not on the team (a BadFile if some member does not validate)."""
        roster, problems = self.roster_report()
        if employee not in roster and problems:
            raise BadFile(problems[0])
        return roster.get(employee)

    def write(self, team: Team, change: str = "team: changed") -> None:
        private_dir(self.store.home)
        atomic_write(self.path, toml_text(team.to_toml_data()))
        self.store.committed(change, self.path)


def _roster_entries(team: Team) -> Roster:
    return {
        employee: RosterEntry(m.name, m.cadence_months, m.added.isoformat() if m.added else None)
        for employee, m in team.members.items()
    }


# -- changes ---------------------------------------------------------------------------------------


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
    from aspire_cli.domain.models import NAME_RULE

    if has_control_characters(name):
        raise BadInput(f"--name '{one_line(name)}' is refused: {NAME_RULE}")
    return name.strip()


def add_member(store: Store, employee: str, name: str, cadence_months: int, today: date) -> Member:
    from aspire_cli.domain.models import Member

    employee = check_employee_id(employee)
    member = Member(name=check_name(name), cadence_months=check_cadence(cadence_months), added=today)
    with store.locked():
        team, _ = _team_to_change(store)
        if employee in team.members:
            raise AspireError(f"'{employee}' is already on your team.")
        store.team.write(_with_member(team, employee, member), f"team: add {employee}")
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
            store.team.write(_with_member(team, employee, after), f"team: edit {employee}")
    return before, after


def remove_member(store: Store, employee: str) -> None:
    """Off the team; the records stay where they are."""
    employee = check_employee_id(employee)
    with store.locked():
        team, _ = _team_to_change(store)
        _on_the_team(team, employee)
        members = {k: v for k, v in team.members.items() if k != employee}
        store.team.write(team.model_copy(update={"members": members}), f"team: remove {employee}")


def _team_to_change(
    store: Store, employee: str | None = None, changes: dict[str, object] | None = None
) -> tuple[Team, bool]:
    """The whole team, strictly read, so that a rewrite never drops a member. A member that does not
    validate stops the change, with how to fix it; unless the change is the edit of that very
    member and it makes the file whole again (`team edit alice --cadence 12` mends a cadence of 0)."""
    try:
        return store.team.read(), False
    except BadFile as exc:
        mended = _mended(store, employee, changes) if employee and changes else None
        if mended is not None:
            return mended, True
        raise BadFile(
            f"{exc.message}; mend it first, by hand or with aspire team edit (e.g. --cadence 12)"
        ) from None


def _mended(store: Store, employee: str, changes: dict[str, object]) -> Team | None:
    """The team with `changes` made to `employee`'s raw entry, if that makes every member valid."""
    from aspire_cli.domain.models import Team
    from aspire_cli.storage.validated import validated

    data = store.team.data()
    members = data.get("members")
    if not isinstance(members, dict) or not isinstance(members.get(employee), dict):
        return None
    mended = {**data, "members": {**members, employee: {**members[employee], **changes}}}
    try:
        team: Team = validated(Team, store.team.path, mended)
    except BadFile:
        return None
    return team


def _on_the_team(team: Team, employee: str) -> Member:
    member = team.members.get(employee)
    if member is None:
        raise AspireError(f"'{employee}' is not on your team; see: aspire team list")
    return member


def _with_member(team: Team, employee: str, member: Member) -> Team:
    return team.model_copy(update={"members": {**team.members, employee: member}})
