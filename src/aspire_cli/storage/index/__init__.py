"""The derived index: what aspire learnt from the files, in one SQLite file, <home>/.index.sqlite3.

The files stay the truth. Every entry carries the stamp (inode, size, mtime, ctime) of the file or
folder it came from, is stored only once that stamp has settled (see files.py), and is used only
while the stamp is unchanged; what changed is read again. The index is rebuilt without a word when
it is missing, truncated, garbage, from another version of aspire or of the question sets, or when a
row in it does not hold up (a cadence out of range, a file name that is not a record's): deleting it
is always safe. Reading commands learn into it in memory and write what they learnt in one
transaction at the end; two processes doing so at once take turns (SQLite's lock), and one that
would have to wait long simply does not save. It holds answers, so it is as private as the records:
created 0600, never followed through a link.

One module per table, each reading and learning its rows: roster.py (members, roster_problems: the
roster from team.toml), folders.py (folders: each member's record folder, its stamp and latest
talk), records.py (records: every record and follow-up file known), drafts.py (drafts: each draft's
date and progress); db.py holds the file itself, meta (the stamps and versions the whole index
depends on) and the seal every row carries, a checksum of its values, so that a row changed by
anything but aspire is a miss.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.storage.index.db import IndexDb
from aspire_cli.storage.index.drafts import DraftRows
from aspire_cli.storage.index.folders import FolderRows, Latest
from aspire_cli.storage.index.records import ALL_KINDS, LATEST, Contents, IndexedRecord, RecordRows
from aspire_cli.storage.index.roster import RosterRows

if TYPE_CHECKING:
    from aspire_cli.storage.roster import Roster
    from aspire_cli.storage.store import Store

__all__ = ["ALL_KINDS", "LATEST", "Contents", "Index", "IndexedRecord", "Latest"]


class Index:
    """The index of one home, loaded at open; `save()` writes what was learnt since."""

    def __init__(self, store: Store, now_ns: int | None = None) -> None:
        self.db = IndexDb(store.home, now_ns)
        self.store = store
        self._drafts = DraftRows(self.db)

    def roster(self) -> tuple[Roster, list[str]]:
        """The team as plain data, and a line for each member that does not validate."""
        return RosterRows(self.db, self.store).roster()

    def latest_talks(self, employees: list[str]) -> dict[str, Latest]:
        """Each member's latest talk, read from its file only where the index cannot vouch for it."""
        return FolderRows(self.db, self.store).latest_talks(employees)

    def contents(
        self, employees: list[str], kinds: frozenset[str] = ALL_KINDS, *, answers: bool | str = True
    ) -> dict[str, Contents]:
        """What each employee's folder holds of `kinds` ("prep", "talk", "follow-up"), oldest first:
        every file from the index while its stamp is unchanged, else read (and learnt). Without
        `answers`, talks carry their actions only (a team-wide list of actions needs no more);
        with LATEST, only the latest record of each kind carries its answers (the team report)."""
        return RecordRows(self.db, self.store).contents(employees, kinds, answers)

    def draft(self, path: Path, learn: Callable[[], tuple[str, str]]) -> tuple[str, str] | str:
        """A draft's date and progress ("3 of 8"), or the problem with it (see DraftRows)."""
        return self._drafts.draft(path, learn)

    def save(self) -> None:
        """Write what was learnt, in one transaction (see IndexDb.save); the index is closed after."""
        self.db.save()

    def close(self) -> None:
        self.db.close()
