"""The leader's folder, as one handle passed to every command: the home itself (made private,
checked, locked, swept), and its parts, each in a module of its own: the records (records.py), the
follow-ups (follow_ups.py), the highest action number given (numbers_given.py), the drafts
(drafts.py) and the roster (roster.py). Where each file
lives and how it is named: layout.py. Only storage touches the files.

The index is never the truth: each entry is used only while the stamp (inode, size, mtime, ctime)
of the file it came from is unchanged and settled (see files.py). It can be deleted at any time.

Every write is atomic (files.py); a record is replaced only by an edit, which keeps the version
before it. Read-modify-write runs under a lock on <home>/.lock. In a home that is a git repository
(aspire sync init), each write is also a commit of its own, made under that lock (committed).

Inside the home, aspire follows no symbolic link it did not make (it makes none): a link in place
of a lock, a folder, a record or a draft is refused, by name. The home itself may be a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from aspire_cli.errors import BadFile, WriteFailed
from aspire_cli.storage import layout
from aspire_cli.storage.drafts import Drafts
from aspire_cli.storage.files import unreadable
from aspire_cli.storage.folders import private_dir
from aspire_cli.storage.follow_ups import FollowUps
from aspire_cli.storage.layout import RecordFile
from aspire_cli.storage.lock import exclusive_lock
from aspire_cli.storage.numbers_given import NumbersGiven
from aspire_cli.storage.records import Records
from aspire_cli.storage.roster import Roster, RosterEntry, TeamFile

# with the store, the types its parts hand out: a caller of the store imports one module
__all__ = ["LOCK_TIMEOUT_SECONDS", "RecordFile", "Roster", "RosterEntry", "Store", "open_store"]

LOCK_TIMEOUT_SECONDS = 5.0
TEMP_FILE_MAX_AGE_SECONDS = 3600  # no write takes this long, so such a file has no writer left


def open_store(home: Path) -> Store:
    """The store at `home`, with a warning on stderr if others can read it. Nothing is created
    here: a reading command must leave no trace, and every write makes the home it needs."""
    from aspire_cli.errors import warn

    store = Store(home)
    warning = store.home_warning()
    if warning:
        warn(warning)
    return store


class Store:
    """One home: `records`, `follow_ups`, `numbers`, `drafts` and `team` are its parts; the home's
    own lock, existence and commits are here."""

    def __init__(self, home: Path) -> None:
        self.home = home

    @cached_property
    def records(self) -> Records:
        return Records(self)

    @cached_property
    def follow_ups(self) -> FollowUps:
        return FollowUps(self)

    @cached_property
    def numbers(self) -> NumbersGiven:
        return NumbersGiven(self)

    @cached_property
    def drafts(self) -> Drafts:
        return Drafts(self)

    @cached_property
    def team(self) -> TeamFile:
        return TeamFile(self)

    # -- the folder itself ----------------------------------------------------------------
    def ensure_home(self) -> str | None:
        """Create home privately (0700); a warning to show if an existing home is open to others."""
        if self.has_home():
            return self.home_warning()
        private_dir(self.home)
        return None

    def has_home(self) -> bool:
        """Whether the home exists (a reading command then has nothing to read); a WriteFailed if
        a file stands in its place."""
        mode = self._home_mode()
        if mode is not None and not stat.S_ISDIR(mode):
            raise WriteFailed(f"{self.home} is a file, not a folder: move it away or pick another --home.")
        return mode is not None

    def home_warning(self) -> str | None:
        """A line to show if the existing home can be read by others."""
        try:
            mode = self._home_mode()
        except BadFile:
            return None  # the command itself meets the error and says what it is
        if mode is None or not stat.S_ISDIR(mode) or not mode & 0o077:
            return None
        return (
            f"{self.home} can be read by other users (mode {stat.S_IMODE(mode):03o}); "
            f"fix it with: chmod 700 {self.home}"
        )

    def _home_mode(self) -> int | None:
        try:
            return self.home.stat().st_mode  # the home itself may be a link (dotfiles)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise unreadable(self.home, exc) from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the home's lock around a read-modify-write; a clear Busy error if it stays taken."""
        self.ensure_home()
        path = layout.lock_path(self.home)
        busy = (
            f"another aspire process has held {path} for {LOCK_TIMEOUT_SECONDS:g}s; "
            "wait for it to finish and try again."
        )
        with exclusive_lock(path, LOCK_TIMEOUT_SECONDS, busy):
            yield

    @contextlib.contextmanager
    def interview_lock(self, employee: str, kind: str, wait: float = 0) -> Iterator[None]:
        """Held for a whole interview (or an --answers run, which `wait`s a little for another to end),
        so that two terminals cannot fill one draft at once."""
        self.ensure_home()
        path = layout.interview_lock_path(self.home, employee, kind)
        private_dir(path.parent, follow=False)
        busy = (
            f"another `aspire {kind} {employee}` is running (in another terminal?); finish or stop it first."
        )
        with exclusive_lock(path, wait, busy):
            yield

    def sweep_temp_files(self, *folders: Path) -> None:
        """Remove what an interrupted write (kill -9, power cut) can leave: temporary files an hour old."""
        import time

        cutoff = time.time() - TEMP_FILE_MAX_AGE_SECONDS
        for folder in (self.home, layout.drafts_root(self.home), *folders):
            if folder != self.home and folder.is_symlink():
                continue  # never sweep through a link into someone else's folder
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                        with contextlib.suppress(OSError):
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                                Path(entry.path).unlink()

    def committed(self, message: str, *paths: Path) -> None:
        """Once the home is a git repository (aspire sync init), every write is a commit of its own;
        one that fails is a warning, and the write stands (git.py)."""
        if os.path.lexists(self.home / ".git"):
            from aspire_cli.storage.git import commit_write

            commit_write(self.home, paths, message)
