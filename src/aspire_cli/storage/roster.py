"""The roster, <home>/team.toml: read as plain data (through the index; a file this aspire wrote
needs no pydantic, plain_team), strictly before any change (roster_changes.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.domain.ids import SCHEMA, is_employee_id
from aspire_cli.domain.schedule import CADENCE_MONTHS, DEFAULT_CADENCE
from aspire_cli.errors import BadFile
from aspire_cli.safe_text import has_control_characters
from aspire_cli.storage import layout
from aspire_cli.storage.files import TEAM_LIMIT, atomic_write, read_toml
from aspire_cli.storage.folders import private_dir
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:  # pydantic loads only for a team.toml this aspire did not write as it is
    from aspire_cli.domain.models import Team
    from aspire_cli.storage.store import Store


class RosterEntry(NamedTuple):
    """A team member as plain data: what most commands need, without pydantic or TOML."""

    name: str
    cadence_months: int
    added: str | None  # ISO date

    def display_name(self, employee: str) -> str:
        return self.name or employee


Roster = dict[str, RosterEntry]
TeamData = dict[str, Any]
"""team.toml as the Team model writes it: {"schema": 1, "members": {id: {"name", "cadence_months",
"added"?}}}, every member complete."""


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
        plain = plain_team(data)
        if plain is not None:
            return {employee: entry_of(member) for employee, member in plain["members"].items()}, []
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

    def write(self, team: Team | dict[str, Any], change: str = "team: changed") -> None:
        """team.toml written whole: a Team, or its data as Team.to_toml_data() gives it."""
        private_dir(self.store.home)
        atomic_write(self.path, toml_text(team if isinstance(team, dict) else team.to_toml_data()))
        self.store.committed(change, self.path)


def _roster_entries(team: Team) -> Roster:
    return {
        employee: RosterEntry(m.name, m.cadence_months, m.added.isoformat() if m.added else None)
        for employee, m in team.members.items()
    }


def plain_team(data: dict[str, Any]) -> TeamData | None:
    """team.toml's data as the Team model would write it, if it is plainly valid (as every file
    this aspire wrote is); else None, and the model is to judge it (and word what is wrong). Only
    exact types pass: what the model would convert or refuse does not. No pydantic: 1,000 members
    are checked in a millisecond, where loading pydantic takes some fifty."""
    if not set(data) <= {"schema", "members"}:
        return None
    schema, members = data.get("schema", SCHEMA), data.get("members", {})
    if type(schema) is not int or not 1 <= schema <= SCHEMA or type(members) is not dict:
        return None
    plain: dict[str, dict[str, Any]] = {}
    for employee, fields in members.items():
        member = _plain_member(fields) if is_employee_id(employee) else None
        if member is None:
            return None
        plain[employee] = member
    return {"schema": schema, "members": plain}


def _plain_member(fields: object) -> dict[str, Any] | None:
    if type(fields) is not dict or not set(fields) <= {"name", "cadence_months", "added"}:
        return None
    name, months = fields.get("name", ""), fields.get("cadence_months", DEFAULT_CADENCE)
    if type(name) is not str or has_control_characters(name):
        return None
    if type(months) is not int or months not in CADENCE_MONTHS:
        return None
    member = {"name": name, "cadence_months": months}
    if "added" in fields:
        if type(fields["added"]) is not date:  # a datetime is a date too: the model's to judge
            return None
        member["added"] = fields["added"]
    return member


def entry_of(member: dict[str, Any]) -> RosterEntry:
    added = member.get("added")
    return RosterEntry(member["name"], member["cadence_months"], added.isoformat() if added else None)
