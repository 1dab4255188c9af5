"""The index file itself: its schema, its connection, the changes learnt and their one transaction,
and the seal every row carries. What goes in each table: the modules beside this one."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from pathlib import Path
from typing import Any

from aspire_cli import __version__
from aspire_cli.storage.layout import index_path

FORMAT = 10  # PRAGMA user_version: a file of another format is rebuilt (10: a talk's own words)
SAVE_WAIT_SECONDS = 0.5  # another process saving: wait this long, else skip (the index is optional)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE members (employee TEXT PRIMARY KEY, name TEXT NOT NULL, cadence INTEGER NOT NULL,
                      added TEXT);
CREATE TABLE roster_problems (message TEXT NOT NULL);
CREATE TABLE folders (employee TEXT PRIMARY KEY, stamp TEXT, latest_talk TEXT, file_stamp TEXT,
                      problem TEXT, seal INTEGER NOT NULL);
CREATE TABLE records (employee TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, day TEXT NOT NULL,
                      seq INTEGER NOT NULL, stamp TEXT, problem TEXT, answers TEXT, answers_seal INTEGER,
                      actions TEXT, seal INTEGER NOT NULL, PRIMARY KEY (employee, name));
CREATE TABLE drafts (name TEXT PRIMARY KEY, stamp TEXT NOT NULL, dated TEXT, answered TEXT,
                     problem TEXT, seal INTEGER NOT NULL);
"""


class IndexDb:
    """The index of one home, opened if it is one this aspire made for these question sets; what is
    learnt is kept in `changes` until `save()`."""

    def __init__(self, home: Path, now_ns: int | None = None) -> None:
        self.home = home
        self.path = index_path(home)
        self.now_ns = time.time_ns() if now_ns is None else now_ns
        self.key = self._key()
        self.connection = self._connect()
        self.changes: list[tuple[str, tuple[Any, ...]]] = []
        self.rebuild = self.connection is None

    def rows(self, sql: str, *args: Any) -> list[Any]:
        """Rows of a query; a broken index (garbage, truncated) reads as empty and is rebuilt."""
        if self.connection is None:
            return []
        try:
            return self.connection.execute(sql, args).fetchall()
        except sqlite3.Error:
            self.connection.close()
            self.connection = None
            self.rebuild = True
            return []

    def meta(self, key: str) -> Any:
        rows = self.rows("SELECT value FROM meta WHERE key = ?", key)
        return rows[0][0] if rows else None

    def change(self, sql: str, *args: Any) -> None:
        self.changes.append((sql, args))

    def save(self) -> None:
        """Write what was learnt: into the index in one transaction, or, when it has to be rebuilt,
        into a new file moved into place whole. Any trouble and the index is simply not saved (a
        broken one is removed, to be rebuilt next time): it is never the truth."""
        try:
            if self.connection is not None and not self.rebuild:
                if self.changes:
                    self._apply(self.connection)
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
        if self.connection is not None:
            self.connection.close()
            self.connection = None

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
        a process reading or building at the same moment never sees half of one. SQLite writes the
        file, so it is not files.atomic_write's; it is made the same way."""
        self.close()
        temp = f"{self.path}.{os.getpid()}.tmp"
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        os.close(fd)
        try:
            db = sqlite3.connect(temp, timeout=SAVE_WAIT_SECONDS, isolation_level=None)
            try:
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA user_version = {FORMAT}")
                db.execute("INSERT INTO meta VALUES ('key', ?)", (repr(self.key),))
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
            if db.execute("PRAGMA user_version").fetchone() == (FORMAT,) and _key_of(db) == repr(self.key):
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

        return [FORMAT, __version__, *stamps(self.home)]


def _key_of(db: sqlite3.Connection) -> Any:
    """The key the index was made with, as its text (compared as text: no parser needed)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
    return row[0] if row and isinstance(row[0], str) else None


def seal(*values: Any) -> int:
    """A row's own check: a row changed by anything but this code no longer matches its seal."""
    return zlib.crc32(repr(values).encode("utf-8", "surrogatepass"))


def _is_regular_file(path: str) -> bool:
    """Whether `path` is a regular file (not a link, a FIFO, a folder): only then is it opened."""
    import stat as stat_module

    try:
        return stat_module.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
