"""The roster in the index: tables members and roster_problems, and meta's 'team' (team.toml's
stamp) and 'roster' (one seal over both tables, written whole)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aspire_cli.domain.ids import is_employee_id
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.safe_text import has_control_characters
from aspire_cli.storage.files import stamp
from aspire_cli.storage.index.db import IndexDb, seal

if TYPE_CHECKING:
    from aspire_cli.storage.roster import Roster
    from aspire_cli.storage.store import Store


class RosterRows:
    def __init__(self, db: IndexDb, store: Store) -> None:
        self.db = db
        self.store = store

    def roster(self) -> tuple[Roster, list[str]]:
        """The team as plain data, and a line for each member that does not validate."""
        from aspire_cli.storage.files import unreadable

        try:
            current, settled = stamp(self.store.team.path, self.db.now_ns)  # before reading
        except OSError as exc:
            raise unreadable(self.store.team.path, exc) from None
        known = self._stored(current)
        if known is not None:
            return known
        roster, problems = self.store.team.read_roster()
        if settled:
            self._learn(current, roster, problems)
        return roster, problems

    def _stored(self, current: str | None) -> tuple[Roster, list[str]] | None:
        from aspire_cli.storage.roster import RosterEntry

        db = self.db
        if db.connection is None or db.meta("team") != _text(current):
            return None
        rows = db.rows("SELECT employee, name, cadence, added FROM members ORDER BY rowid")
        problems = [message for (message,) in db.rows("SELECT message FROM roster_problems ORDER BY rowid")]
        if db.connection is None or db.meta("roster") != str(seal(rows, problems)):
            return None  # the index broke while being read, or a row was changed behind its back
        roster: Roster = {}
        for employee, name, cadence, added in rows:
            if not _holds_member(employee, name, cadence, added):
                return None
            roster[employee] = RosterEntry(name, cadence, added)
        return roster, problems

    def _learn(self, current: str | None, roster: Roster, problems: list[str]) -> None:
        change = self.db.change
        change("DELETE FROM members")
        change("DELETE FROM roster_problems")
        rows = [(employee, *member) for employee, member in roster.items()]
        for row in rows:
            change("INSERT INTO members VALUES (?, ?, ?, ?)", *row)
        for message in problems:
            change("INSERT INTO roster_problems VALUES (?)", message)
        # one seal for the roster, written whole: read back in the same order, it must match
        change("INSERT OR REPLACE INTO meta VALUES ('roster', ?)", str(seal(rows, problems)))
        change("INSERT OR REPLACE INTO meta VALUES ('team', ?)", _text(current))


def _text(value: str | None) -> str:
    return "" if value is None else value


def _holds_member(employee: Any, name: Any, cadence: Any, added: Any) -> bool:
    """Whether a stored member is one a valid team.toml could have given."""
    if not (isinstance(employee, str) and is_employee_id(employee)):
        return False
    if not isinstance(name, str) or has_control_characters(name):
        return False
    if type(cadence) is not int or cadence not in CADENCE_MONTHS:
        return False
    return added is None or isinstance(added, str)  # sealed: written from a validated date
