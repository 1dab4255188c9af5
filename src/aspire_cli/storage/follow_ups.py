"""A home's follow-ups: what became of an action (done, dropped, open again), each a new file beside
the records, <date>-action-<n>-<tag>.toml (layout.py), never rewritten, so that two copies of a home
merge through git without a conflict."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aspire_cli.domain.ids import SCHEMA
from aspire_cli.errors import BadFile
from aspire_cli.storage import layout
from aspire_cli.storage.files import atomic_write, read_toml
from aspire_cli.storage.folders import folder_names, private_dir
from aspire_cli.storage.records import slot_taken
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:
    from aspire_cli.domain.models import FollowUp
    from aspire_cli.storage.store import Store

FOLLOW_UP_SCHEMA = SCHEMA  # the layout version every file of this aspire is written with


class FollowUps:
    """The follow-ups in each employee's folder: named, read, written."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def names(self, employee: str) -> list[str]:
        """The names of this employee's follow-ups, sorted; nothing is opened."""
        names = folder_names(layout.records_dir(self.store.home, employee))
        return sorted(name for name in names if layout.parse_follow_up_name(name))

    def read(self, path: Path) -> FollowUp:
        """A follow-up, checked against its own name and folder."""
        from aspire_cli.domain.models import FollowUp
        from aspire_cli.storage.validated import validated

        follow_up: FollowUp = validated(FollowUp, path, read_toml(path))
        named = layout.parse_follow_up_name(path.name)
        if named and named.action != follow_up.action:
            raise BadFile(f"{path}: follows up action {follow_up.action} but is named {path.name}; fix it.")
        if follow_up.employee != path.parent.name:
            raise BadFile(f"{path}: belongs to '{follow_up.employee}' but sits in {path.parent.name}/.")
        return follow_up

    def write(self, follow_up: dict[str, Any]) -> Path:
        """Write a follow-up under a new name; never replace a file. `follow_up` holds what the
        caller has checked (employee, action, status, date, recorded, and a note or None); it is
        written as plain TOML, without pydantic, so that `aspire actions done` starts fast. Its
        sequence is found under the lock, above every follow-up of the action here (tracking.py):
        it stands, whatever the clocks. The name's date is the day it was recorded (local time), its
        tag random, so that two copies of a home never make two different files of one name."""
        import secrets

        employee, action = follow_up["employee"], follow_up["action"]
        folder = layout.records_dir(self.store.home, employee)
        data = {"schema": FOLLOW_UP_SCHEMA, "kind": "follow-up", "employee": employee}
        data |= {key: follow_up[key] for key in ("action", "status", "date", "recorded")}
        with self.store.locked():
            data["sequence"] = self._next_sequence(employee, action)
            if follow_up.get("note") is not None:
                data["note"] = follow_up["note"]
            private_dir(folder.parent, follow=False)
            private_dir(folder, follow=False)
            day = follow_up["recorded"].astimezone().date().isoformat()
            path = folder / layout.follow_up_name(day, action, secrets.token_hex(3))
            while slot_taken(path):
                path = folder / layout.follow_up_name(day, action, secrets.token_hex(3))
            atomic_write(path, toml_text(data))
            self.store.committed(f"follow-up: {employee} #{action} {follow_up['status']}", path)
        return path

    def _next_sequence(self, employee: str, action: int) -> int:
        """The sequence of a new follow-up of the action: one more than the highest of those here
        (read through the index); a BadFile if that is more than a follow-up may hold."""
        from aspire_cli.domain.tracking import SEQUENCE_MAX, next_sequence
        from aspire_cli.storage.index import Index

        index = Index(self.store)
        try:
            notes = index.contents([employee], frozenset({"follow-up"}), answers=False)[employee].follow_ups
        finally:
            index.save()
        sequence = next_sequence(notes, action)
        if sequence > SEQUENCE_MAX:
            highest = max((n for n in notes if n.action == action), key=lambda n: n.sequence)
            raise BadFile(
                f"{layout.records_dir(self.store.home, employee) / highest.name}: sequence "
                f"{highest.sequence} leaves no room for a follow-up after it; fix or delete it"
            )
        return sequence
