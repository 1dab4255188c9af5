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

Tables: members (the roster from team.toml), folders (each member's record folder: its stamp and
latest talk), records (every record and follow-up file known, by name, and what its name says:
kind, day, number that day, so that no query parses a name; with its stamp, the problem with it,
and once read its answers and, apart so that a team-wide list of actions need not load every
answer, its actions), drafts (each draft's date and progress), meta (the stamps and versions the whole
index depends on). Every row carries a seal, a checksum of its values, so that a row changed by
anything but aspire is a miss.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli import __version__
from aspire_cli.domain.ids import is_employee_id
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.errors import AspireError
from aspire_cli.safe_text import has_control_characters
from aspire_cli.storage.files import stamp

if TYPE_CHECKING:
    from aspire_cli.domain.tracking import FollowUpNote
    from aspire_cli.storage.roster import Roster
    from aspire_cli.storage.store import Store

FORMAT = 8  # PRAGMA user_version: a file of another format is rebuilt (8: what a file's name says)
INDEX_NAME = ".index.sqlite3"
SAVE_WAIT_SECONDS = 0.5  # another process saving: wait this long, else skip (the index is optional)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE members (employee TEXT PRIMARY KEY, name TEXT NOT NULL, cadence INTEGER NOT NULL,
                      added TEXT);
CREATE TABLE roster_problems (message TEXT NOT NULL);
CREATE TABLE folders (employee TEXT PRIMARY KEY, stamp TEXT, latest_talk TEXT, problem TEXT,
                      seal INTEGER NOT NULL);
CREATE TABLE records (employee TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, day TEXT NOT NULL,
                      seq INTEGER NOT NULL, stamp TEXT, problem TEXT, answers TEXT, answers_seal INTEGER,
                      actions TEXT, seal INTEGER NOT NULL, PRIMARY KEY (employee, name));
CREATE TABLE drafts (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, dated TEXT, answered TEXT,
                     problem TEXT, seal INTEGER NOT NULL);
"""


class Latest(NamedTuple):
    """A member's latest talk: its file (None if never held), its ISO date, the problem with it."""

    file: str | None
    day: str | None
    problem: str | None


ALL_KINDS = frozenset({"prep", "talk", "follow-up"})
LATEST = "latest"  # Index.contents(answers=LATEST): the answers of each kind's latest record only


class IndexedRecord(NamedTuple):
    """A record as the index holds it: answers as JSON text (decoded by `answers()`), actions apart."""

    name: str
    day: str  # ISO date
    seq: int  # its number that day (a second talk on one day is 2)
    kind: str
    answers_text: str  # "" when they were not asked for
    actions: dict[str, list[dict[str, Any]]]  # question id -> the actions, as JSON-ready dicts

    def answers(self) -> tuple[int, dict[str, Any]]:
        """The question set version it was written with, and its answers (actions included)."""
        data = json.loads(self.answers_text)
        return data["version"], {**data["answers"], **self.actions}

    def question_set(self) -> str:
        """The id of the question set it was written with (a set used once with --questions, say)."""
        set_id = json.loads(self.answers_text).get("set") if self.answers_text else None
        return set_id if isinstance(set_id, str) else self.kind


class Contents(NamedTuple):
    """One employee's folder: records (oldest first), follow-ups, and a line per file that failed."""

    records: list[IndexedRecord]
    follow_ups: list[FollowUpNote]
    problems: list[str]


class _Folder(NamedTuple):
    stamp: str | None
    latest: str | None  # the latest talk's file name
    file_stamp: str | None  # its stamp when read, None if not read (or not settled)
    problem: str | None


class Index:
    """The index of one home, loaded at open; `save()` writes what was learnt since."""

    def __init__(self, store: Store, now_ns: int | None = None) -> None:
        self.store = store
        self.path = store.home / INDEX_NAME
        self.now_ns = time.time_ns() if now_ns is None else now_ns
        self.key = self._key()
        self.db = self._connect()
        self.changes: list[tuple[str, tuple[Any, ...]]] = []
        self.rebuild = self.db is None
        self.known_drafts: dict[str, tuple[Any, ...]] | None = None

    # -- the roster ---------------------------------------------------------------------------
    def roster(self) -> tuple[Roster, list[str]]:
        """The team as plain data, and a line for each member that does not validate."""
        from aspire_cli.storage.files import unreadable

        try:
            current, settled = stamp(self.store.team.path, self.now_ns)  # before reading
        except OSError as exc:
            raise unreadable(self.store.team.path, exc) from None
        known = self._stored_roster(current)
        if known is not None:
            return known
        roster, problems = self.store.team.read_roster()
        if settled:
            self._learn_roster(current, roster, problems)
        return roster, problems

    def _stored_roster(self, current: str | None) -> tuple[Roster, list[str]] | None:
        from aspire_cli.storage.roster import RosterEntry

        if self.db is None or self._meta("team") != _text(current):
            return None
        rows = self._rows("SELECT employee, name, cadence, added FROM members ORDER BY rowid")
        problems = [
            message for (message,) in self._rows("SELECT message FROM roster_problems ORDER BY rowid")
        ]
        if self.db is None or self._meta("roster") != str(_seal(rows, problems)):
            return None  # the index broke while being read, or a row was changed behind its back
        roster: Roster = {}
        for employee, name, cadence, added in rows:
            if not _holds_member(employee, name, cadence, added):
                return None
            roster[employee] = RosterEntry(name, cadence, added)
        return roster, problems

    def _learn_roster(self, current: str | None, roster: Roster, problems: list[str]) -> None:
        self._change("DELETE FROM members")
        self._change("DELETE FROM roster_problems")
        rows = [(employee, *member) for employee, member in roster.items()]
        for row in rows:
            self._change("INSERT INTO members VALUES (?, ?, ?, ?)", *row)
        for message in problems:
            self._change("INSERT INTO roster_problems VALUES (?)", message)
        # one seal for the roster, written whole: read back in the same order, it must match
        self._change("INSERT OR REPLACE INTO meta VALUES ('roster', ?)", str(_seal(rows, problems)))
        self._change("INSERT OR REPLACE INTO meta VALUES ('team', ?)", _text(current))

    # -- latest talks -------------------------------------------------------------------------
    def latest_talks(self, employees: list[str]) -> dict[str, Latest]:
        """Each member's latest talk, read from its file only where the index cannot vouch for it."""
        known = self._stored_folders()
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
        folder_stamp, folder_settled = stamp(folder, self.now_ns, follow=False)  # before listing
        if known is not None and known.stamp == folder_stamp and _holds_folder(known):
            if known.latest is None:
                return Latest(None, None, known.problem)
            file_stamp = stamp(f"{folder}/{known.latest}", self.now_ns, follow=False)[0]
            if file_stamp == known.file_stamp:
                return Latest(f"{folder}/{known.latest}", known.latest[:10], known.problem)
        learnt, file_stamp, file_settled = self._read_latest_talk(employee)
        if folder_settled:
            name = learnt.file.rsplit("/", 1)[1] if learnt.file else None
            folder_problem = learnt.problem if name is None else None
            row = (employee, folder_stamp, name, folder_problem)
            self._change("INSERT OR REPLACE INTO folders VALUES (?, ?, ?, ?, ?)", *row, _seal(*row))
            if name is not None:
                kept = file_stamp if file_settled else None  # unsettled: read again next time
                # checked, not kept: a reader that needs the answers reads the file again
                self._learn_file(employee, name, kept, learnt.problem, None, None)
        return learnt

    def _read_latest_talk(self, employee: str) -> tuple[Latest, str | None, bool]:
        try:
            latest = self.store.records.latest(employee, "talk")
        except AspireError as exc:  # a link or a file in place of the folder
            return Latest(None, None, exc.message), None, True
        if latest is None:
            return Latest(None, None, None), None, True
        file_stamp, file_settled = stamp(latest.path, self.now_ns, follow=False)
        problem = None
        try:
            self.store.records.checked(latest.path)
        except AspireError as exc:
            problem = exc.message
        return Latest(str(latest.path), latest.day.isoformat(), problem), file_stamp, file_settled

    def _stored_folders(self) -> dict[str, _Folder]:
        if self.db is None:
            return {}
        query = (
            "SELECT f.employee, f.stamp, f.latest_talk, f.problem, f.seal, "
            "r.kind, r.day, r.seq, r.stamp, r.problem, r.answers_seal, r.actions, r.seal "
            "FROM folders f LEFT JOIN records r ON r.employee = f.employee AND r.name = f.latest_talk"
        )
        known: dict[str, _Folder] = {}
        for employee, folder_stamp, latest, folder_problem, seal, *record in self._rows(query):
            *said, file_stamp, problem, answers_seal, actions, record_seal = record
            if seal != _seal(employee, folder_stamp, latest, folder_problem):
                continue  # a row that does not hold up is a miss
            if latest is not None and record_seal != _seal(
                employee, latest, *said, file_stamp, problem, answers_seal, actions
            ):
                continue
            known[employee] = _Folder(folder_stamp, latest, file_stamp, problem or folder_problem)
        return known

    # -- every record and follow-up -----------------------------------------------------------
    def contents(
        self, employees: list[str], kinds: frozenset[str] = ALL_KINDS, *, answers: bool | str = True
    ) -> dict[str, Contents]:
        """What each employee's folder holds of `kinds` ("prep", "talk", "follow-up"), oldest first:
        every file from the index while its stamp is unchanged, else read (and learnt). Without
        `answers`, talks carry their actions only (a team-wide list of actions needs no more);
        with LATEST, only the latest record of each kind carries its answers (the team report)."""
        stored = self._stored_files(
            employees, answers=answers is True, preps="prep" in kinds, latest=answers == LATEST
        )
        root = str(self.store.records.root)
        return {
            employee: self._folder_contents(employee, f"{root}/{employee}", kinds, stored, answers)
            for employee in employees
        }

    def _folder_contents(
        self, employee: str, folder: str, kinds: frozenset[str], stored: dict[Any, Any], answers: bool | str
    ) -> Contents:
        from aspire_cli.storage.files import folder_names
        from aspire_cli.storage.layout import split_folder_name

        contents = Contents([], [], [])
        try:
            names = folder_names(Path(folder))
        except AspireError as exc:  # a link or a file in place of the folder, or unreadable
            contents.problems.append(exc.message)
            return contents
        found: list[tuple[Any, ...]] = []
        for name in names:
            said = split_folder_name(name) if name.endswith(".toml") else None  # not the Markdown copies
            if said is not None and said.kind in kinds:
                found.append((*said, name))
        found.sort()
        latest = {kind: name for _, _, kind, name in found} if answers == LATEST else {}
        if latest.get("prep"):  # an older prep has no actions: with LATEST, only the latest is of use
            found = [item for item in found if item[2] != "prep" or item[3] == latest["prep"]]
        for day, seq, kind, name in found:
            path = f"{folder}/{name}"
            try:
                file_stamp, settled = stamp(path, self.now_ns, follow=False)
            except OSError as exc:
                contents.problems.append(f"{path}: cannot be read: {exc.strerror or exc}")
                continue
            wanted = answers is True or latest.get(kind) == name
            row = stored.get((employee, name))
            if wanted and row is not None and row[2] is None and row[1] is None:
                row = (*row[:2], self._stored_answers(employee, name, row[4]), *row[3:])
            if row is None or row[0] != file_stamp or not _holds_file(row, kind, wanted):
                row = self._read_file(employee, path, kind, file_stamp if settled else None)
            problem, answers_text, actions_text = row[1], row[2] or "", row[3]
            if problem is not None:
                contents.problems.append(problem)
            elif kind == "follow-up":
                contents.follow_ups.append(_follow_up_note(name, json.loads(answers_text)))
            else:
                actions = json.loads(actions_text) if actions_text and actions_text != "{}" else {}
                contents.records.append(IndexedRecord(name, day, seq, kind, answers_text, actions))
        return contents

    def _stored_answers(self, employee: str, name: str, answers_seal: Any) -> str | None:
        """One record's answers, when they were not fetched with the rest; None if they do not hold up."""
        rows = self._rows("SELECT answers FROM records WHERE employee = ? AND name = ?", employee, name)
        text = rows[0][0] if rows else None
        return text if isinstance(text, str) and _seal(text) == answers_seal else None

    def _read_file(self, employee: str, path: str, kind: str, file_stamp: str | None) -> tuple[Any, ...]:
        """Read one record or follow-up whole; learnt when its stamp has settled."""
        answers_text = actions_text = problem = None
        try:
            if kind == "follow-up":
                follow_up = self.store.follow_ups.read(Path(path))
                data = follow_up.model_dump(mode="json", exclude={"schema_version", "employee", "recorded"})
                data["recorded"] = follow_up.recorded.astimezone(UTC).isoformat()  # compared as text
                answers_text = _json(data)
            else:
                record, _ = self.store.records.checked(Path(path))
                data = record.model_dump(mode="json")["answers"]
                lists = {key: value for key, value in data.items() if isinstance(value, list)}
                plain = {key: value for key, value in data.items() if key not in lists}
                answers_text = _json(
                    {"set": record.question_set, "version": record.question_set_version, "answers": plain}
                )
                actions_text = _json(lists)
        except AspireError as exc:
            problem = exc.message
        name = path.rsplit("/", 1)[1]
        if file_stamp is not None:
            self._learn_file(employee, name, file_stamp, problem, answers_text, actions_text)
        return (file_stamp, problem, answers_text, actions_text, None)

    def _learn_file(
        self,
        employee: str,
        name: str,
        file_stamp: str | None,
        problem: str | None,
        answers: str | None,
        actions: str | None,
    ) -> None:
        from aspire_cli.storage.layout import split_folder_name

        said = split_folder_name(name)  # kept apart: a query picks by kind and day, parsing no name
        if said is None:
            return
        day, seq, kind = said
        answers_seal = None if answers is None else _seal(answers)
        seal = _seal(employee, name, kind, day, seq, file_stamp, problem, answers_seal, actions)
        row = (employee, name, kind, day, seq, file_stamp, problem, answers, answers_seal, actions, seal)
        self._change("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", *row)

    def _stored_files(
        self, employees: list[str], *, answers: bool, preps: bool = True, latest: bool = False
    ) -> dict[Any, tuple[Any, ...]]:
        """(employee, name) -> (stamp, problem, answers, actions, answers_seal) for each row that
        holds up; answers None when not asked for (a follow-up's always come: they are small)."""
        if self.db is None:
            return {}
        wanted = "answers" if answers else "CASE WHEN kind = 'follow-up' THEN answers END"
        columns = f"employee, name, kind, day, seq, stamp, problem, answers_seal, actions, seal, {wanted}"
        no_preps = "" if preps else " AND kind != 'prep'"  # a team's actions: half the rows
        if len(employees) <= 50:  # one member (show, history) or a few: only theirs
            marks = ", ".join("?" * len(employees))
            rows = self._rows(
                f"SELECT {columns} FROM records WHERE employee IN ({marks}){no_preps}", *employees
            )
        else:
            rows = self._rows(f"SELECT {columns} FROM records WHERE 1{no_preps}")
        known: dict[Any, tuple[Any, ...]] = {}
        for employee, name, *said, file_stamp, problem, answers_seal, actions, seal, answers_text in rows:
            if seal != _seal(employee, name, *said, file_stamp, problem, answers_seal, actions):
                continue  # a row that does not hold up is a miss
            if answers_text is not None and _seal(answers_text) != answers_seal:
                continue
            known[(employee, name)] = (file_stamp, problem, answers_text, actions, answers_seal)
        if latest:
            self._add_latest_answers(known)
        return known

    def _add_latest_answers(self, known: dict[Any, tuple[Any, ...]]) -> None:
        """The answers of each member's latest talk and prep as the index knows them, in one query
        (not one per member). Which record is latest is the folder's say: a file newer than the
        index simply has no answers here and is read."""
        # the latest as its name says: the day, then the number that day
        rows = self._rows(
            "SELECT employee, name, answers FROM ("
            " SELECT employee, name, answers, row_number() OVER ("
            "  PARTITION BY employee, kind ORDER BY day DESC, seq DESC) AS place"
            " FROM records WHERE kind IN ('talk', 'prep')) WHERE place = 1"
        )
        for employee, name, answers_text in rows:
            row = known.get((employee, name))
            if row is not None and isinstance(answers_text, str) and _seal(answers_text) == row[4]:
                known[(employee, name)] = (row[0], row[1], answers_text, *row[3:])

    # -- drafts -------------------------------------------------------------------------------
    def draft(self, path: Path, learn: Callable[[], tuple[str, str]]) -> tuple[str, str] | str:
        """A draft's date and progress ("3 of 8"), or the problem with it: from the index while the
        file is unchanged, else from `learn()` (which raises an AspireError for a bad draft)."""
        if self.known_drafts is None:
            self.known_drafts = self._stored_drafts()
        current, settled = stamp(path, self.now_ns, follow=False)
        known = self.known_drafts.get(path.name)
        if current is not None and known is not None and known[0] == current:
            return known[3] if known[3] is not None else (known[1], known[2])
        row: tuple[str | None, ...]
        try:
            dated, answered = learn()
            found: tuple[str, str] | str = (dated, answered)
            row = (path.name, current, dated, answered, None)
        except AspireError as exc:
            found = exc.message
            row = (path.name, current, None, None, exc.message)
        if settled and current is not None:
            self._change("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?)", *row, _seal(*row))
        return found

    def _stored_drafts(self) -> dict[str, tuple[Any, ...]]:
        known: dict[str, tuple[Any, ...]] = {}
        for name, draft_stamp, dated, answered, problem, seal in self._rows("SELECT * FROM drafts"):
            if seal != _seal(name, draft_stamp, dated, answered, problem):
                continue  # a row that does not hold up is a miss
            if problem is None and not (isinstance(dated, str) and isinstance(answered, str)):
                continue
            known[name] = (draft_stamp, dated, answered, problem)
        return known

    # -- the file itself ----------------------------------------------------------------------
    def save(self) -> None:
        """Write what was learnt: into the index in one transaction, or, when it has to be rebuilt,
        into a new file moved into place whole. Any trouble and the index is simply not saved (a
        broken one is removed, to be rebuilt next time): it is never the truth."""
        try:
            if self.db is not None and not self.rebuild:
                if self.changes:
                    self._apply(self.db)
            elif self.changes:
                self._replace()
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):  # another process saving: it is not ours to remove
                self._remove()
        except (OSError, sqlite3.Error):
            self._remove()
        finally:
            self.close()
            self.changes = []

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _apply(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")  # waits SAVE_WAIT_SECONDS for another process, then gives up
        try:
            for sql, args in self.changes:
                db.execute(sql, args)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def _replace(self) -> None:
        """A new index, built in a private temporary file and moved into place all at once, so that
        a process reading or building at the same moment never sees half of one."""
        self.close()
        temp = f"{self.path}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        os.close(fd)
        try:
            db = sqlite3.connect(temp, timeout=SAVE_WAIT_SECONDS, isolation_level=None)
            try:
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA user_version = {FORMAT}")
                db.execute("INSERT INTO meta VALUES ('key', ?)", (json.dumps(self.key),))
                self._apply(db)
            finally:
                db.close()
            Path(temp).replace(self.path)
        finally:
            with contextlib.suppress(OSError):
                Path(temp).unlink()

    def _connect(self) -> sqlite3.Connection | None:
        """The existing index, if it is one this aspire made for these question sets; else None."""
        if not _is_regular_file(str(self.path)):
            return None
        try:
            db = sqlite3.connect(str(self.path), timeout=SAVE_WAIT_SECONDS, isolation_level=None)
            if db.execute("PRAGMA user_version").fetchone() == (FORMAT,) and self._key_of(db) == self.key:
                return db
            db.close()
        except sqlite3.Error:
            pass
        return None

    def _remove(self) -> None:
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _key(self) -> list[Any]:
        """What every entry depends on: this aspire and the question sets it checks records with (the
        leader's own included: a change to one is a change to what every record of it is checked by)."""
        from aspire_cli.storage.question_sets import stamps

        return [FORMAT, __version__, *stamps(self.store.home)]

    def _key_of(self, db: sqlite3.Connection) -> Any:
        row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        return json.loads(row[0]) if row and isinstance(row[0], str) else None

    def _meta(self, key: str) -> Any:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", key)
        return rows[0][0] if rows else None

    def _rows(self, sql: str, *args: Any) -> list[Any]:
        """Rows of a query; a broken index (garbage, truncated) reads as empty and is rebuilt."""
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error:
            self.db.close()
            self.db = None
            self.rebuild = True
            return []

    def _change(self, sql: str, *args: Any) -> None:
        self.changes.append((sql, args))


def _seal(*values: Any) -> int:
    """A row's own check: a row changed by anything but this code no longer matches its seal."""
    return zlib.crc32(repr(values).encode("utf-8", "surrogatepass"))


def _text(value: str | None) -> str:
    return "" if value is None else value


def _is_regular_file(path: str) -> bool:
    """Whether `path` is a regular file (not a link, a FIFO, a folder): only then is it opened."""
    import stat as stat_module

    try:
        return stat_module.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _holds_member(employee: Any, name: Any, cadence: Any, added: Any) -> bool:
    """Whether a stored member is one a valid team.toml could have given."""
    if not (isinstance(employee, str) and is_employee_id(employee)):
        return False
    if not isinstance(name, str) or has_control_characters(name):
        return False
    if type(cadence) is not int or cadence not in CADENCE_MONTHS:
        return False
    return added is None or isinstance(added, str)  # sealed: written from a validated date


def _holds_folder(known: _Folder) -> bool:
    """Whether a stored folder entry is well formed: a talk's file name, its stamp, a text problem."""
    from aspire_cli.storage.layout import split_record_name

    if known.problem is not None and not isinstance(known.problem, str):
        return False
    if known.latest is None:
        return True
    # a path is built from the name: it must be a talk record's (sealed rows were written from
    # names parse_record_name accepted, so the date in it is a real one)
    named = split_record_name(known.latest) if isinstance(known.latest, str) else None
    return named is not None and named.kind == "talk" and known.file_stamp is not None


def _holds_file(row: tuple[Any, ...], kind: str, answers: bool) -> bool:
    """Whether a stored file row can answer: its problem, or what was asked of it. A row learnt by
    `due` (which checks the latest talk but keeps no answers) cannot answer `show`."""
    _, problem, answers_text, actions, answers_seal = row
    if problem is not None:
        return isinstance(problem, str)
    if answers_seal is None:
        return False
    if kind == "follow-up" or answers:
        return isinstance(answers_text, str)
    return kind == "prep" or isinstance(actions, str)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _follow_up_note(name: str, data: dict[str, Any]) -> FollowUpNote:
    from aspire_cli.domain.tracking import FollowUpNote

    return FollowUpNote(
        data["action"], data["status"], data["date"], data["sequence"], data["recorded"], data["note"], name
    )
