"""Each member's latest talk in the index: table folders, one derived row per member (its record
folder's stamp, the name and stamp of its latest talk, the problem with either), all that `aspire
due` reads for every member: a warm `due` stats the folder and that one file, and reads no other."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.errors import AspireError
from aspire_cli.storage.files import stamp
from aspire_cli.storage.index.db import IndexDb, seal
from aspire_cli.storage.index.records import learn_file
from aspire_cli.storage.layout import RecordName, split_record_name

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store


class Latest(NamedTuple):
    """A member's latest talk: its file (None if never held), its ISO date, the problem with it."""

    file: str | None
    day: str | None
    problem: str | None


class _Folder(NamedTuple):
    stamp: str | None
    latest: str | None  # the latest talk's file name
    day: str | None  # its day, as its name says
    file_stamp: str | None  # its stamp when read
    problem: str | None  # the folder's, or its latest talk's


class FolderRows:
    def __init__(self, db: IndexDb, store: Store) -> None:
        self.db = db
        self.store = store

    def latest_talks(self, employees: list[str]) -> dict[str, Latest]:
        """Each member's latest talk, read from its file only where the index cannot vouch for it."""
        known = self._stored()
        root = str(self.store.records.root)
        found: dict[str, Latest] = {}
        for employee in employees:
            folder = f"{root}/{employee}"
            try:
                found[employee] = self._latest_talk(employee, folder, known.get(employee))
            except OSError as exc:  # a folder that cannot be searched, say
                found[employee] = Latest(None, None, f"{folder}: cannot be read: {exc.strerror or exc}")
        return found

    def _latest_talk(self, employee: str, folder: str, known: _Folder | None) -> Latest:
        # This runs once per member (10,000 at times): str paths and os.stat, not pathlib.
        folder_stamp, folder_settled = stamp(folder, self.db.now_ns, follow=False)  # before listing
        if known is not None and known.stamp == folder_stamp:
            if known.latest is None:
                return Latest(None, None, known.problem)
            file_stamp = stamp(f"{folder}/{known.latest}", self.db.now_ns, follow=False)[0]
            if file_stamp == known.file_stamp:
                return Latest(f"{folder}/{known.latest}", known.day, known.problem)
        learnt, file_stamp, file_settled = self._read_latest_talk(employee)
        name = learnt.file.rsplit("/", 1)[1] if learnt.file else None
        if folder_settled and (name is None or file_settled):  # unsettled: read again next time
            row = (employee, folder_stamp, name, file_stamp if name else None, learnt.problem)
            self.db.change("INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?, ?)", *row, seal(*row))
        if name is not None and file_settled:
            # checked, not kept: a reader that needs the answers reads the file again
            learn_file(self.db, employee, name, file_stamp, learnt.problem, None, None)
        return learnt

    def _read_latest_talk(self, employee: str) -> tuple[Latest, str | None, bool]:
        try:
            latest = self.store.records.latest(employee, "talk")
        except AspireError as exc:  # a link or a file in place of the folder
            return Latest(None, None, exc.message), None, True
        if latest is None:
            return Latest(None, None, None), None, True
        file_stamp, file_settled = stamp(latest.path, self.db.now_ns, follow=False)
        problem = None
        try:
            self.store.records.checked(latest.path)
        except AspireError as exc:
            problem = exc.message
        return Latest(str(latest.path), latest.day.isoformat(), problem), file_stamp, file_settled

    def _stored(self) -> dict[str, _Folder]:
        """Each folder row that holds up: one row per member, all that `due` needs (no join)."""
        if self.db.connection is None:
            return {}
        known: dict[str, _Folder] = {}
        query = "SELECT employee, stamp, latest_talk, file_stamp, problem, seal FROM folders"
        for employee, folder_stamp, latest, file_stamp, problem, sealed in self.db.rows(query):
            if sealed != seal(employee, folder_stamp, latest, file_stamp, problem):
                continue  # a row that does not hold up is a miss
            named = split_record_name(latest) if isinstance(latest, str) else None
            day = named.day if named else None
            folder = _Folder(folder_stamp, latest, day, file_stamp, problem)
            if _holds_folder(folder, named):
                known[employee] = folder
        return known


def _holds_folder(known: _Folder, named: RecordName | None) -> bool:
    """Whether a stored folder entry is well formed: a talk's file name, its stamp, a text problem."""
    if known.problem is not None and not isinstance(known.problem, str):
        return False
    if known.latest is None:
        return True
    # a path is built from the name: it must be a talk record's (sealed rows were written from
    # names parse_record_name accepted, so the date in it is a real one)
    return named is not None and named.kind == "talk" and known.file_stamp is not None
