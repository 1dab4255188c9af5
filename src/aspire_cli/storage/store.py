"""The leader's folder: the one module that touches files. Where each file lives and how it is
named: layout.py.

The index is never the truth: each entry is used only while the stamp (inode, size, mtime, ctime)
of the file it came from is unchanged and settled (see files.py). It can be deleted at any time.

Every write is atomic (files.py); a record is replaced only by an edit, which keeps the version
before it. Read-modify-write runs under a lock on <home>/.lock. In a home that is a git repository
(aspire sync init), each write is also a commit of its own, made under that lock (_committed).

Inside the home, aspire follows no symbolic link it did not make (it makes none): a link in place
of a lock, a folder, a record or a draft is refused, by name. The home itself may be a link.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from aspire_cli.errors import BadFile, WriteFailed
from aspire_cli.storage import layout
from aspire_cli.storage.files import (
    RECORD_LIMIT,
    TEAM_LIMIT,
    atomic_write,
    folder_names,
    own_folder_exists,
    private_dir,
    read_regular,
    read_toml,
    symlink_refused,
    unreadable,
    write_failed,
)
from aspire_cli.storage.layout import RecordFile
from aspire_cli.storage.lock import exclusive_lock
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:  # pydantic models load only when a file is read or written, not for listing
    from datetime import datetime

    from aspire_cli.domain.models import Draft, FollowUp, Record, Team
    from aspire_cli.domain.questions import QuestionSet

LOCK_TIMEOUT_SECONDS = 5.0
TEMP_FILE_MAX_AGE_SECONDS = 3600  # no write takes this long, so such a file has no writer left
FOLLOW_UP_SCHEMA = 1  # models.SCHEMA, written here without importing pydantic (a test keeps them equal)


class RosterEntry(NamedTuple):
    """A team member as plain data: what most commands need, without pydantic or TOML."""

    name: str
    cadence_months: int
    added: str | None  # ISO date

    def display_name(self, employee: str) -> str:
        return self.name or employee


Roster = dict[str, RosterEntry]


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
    def __init__(self, home: Path) -> None:
        self.home = home

    # -- layout ---------------------------------------------------------------------------
    @property
    def team_path(self) -> Path:
        return layout.team_path(self.home)

    @property
    def records_root(self) -> Path:
        return layout.records_root(self.home)

    @property
    def drafts_root(self) -> Path:
        return layout.drafts_root(self.home)

    def records_dir(self, employee: str) -> Path:
        return layout.records_dir(self.home, employee)

    def draft_path(self, employee: str, kind: str) -> Path:
        return layout.draft_path(self.home, employee, kind)

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
        for folder in (self.home, self.drafts_root, *folders):
            if folder != self.home and folder.is_symlink():
                continue  # never sweep through a link into someone else's folder
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                        with contextlib.suppress(OSError):
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                                Path(entry.path).unlink()

    # -- roster ---------------------------------------------------------------------------
    def read_team(self) -> Team:
        """The whole roster, strictly: one member that does not validate fails the read, so that a
        rewrite (team add, remove) can never drop a member silently. Listings use roster_report."""
        from aspire_cli.domain.models import Team

        team: Team = validated(Team, self.team_path, self.team_data())
        return team

    def team_data(self) -> dict[str, Any]:
        """team.toml as raw TOML data ({} when there is none yet), before any validation."""
        if not self.team_path.exists():
            return {}
        return read_toml(self.team_path, TEAM_LIMIT, follow=True)

    def roster_report(self) -> tuple[Roster, list[str]]:
        """The team as plain data, and one line for each member that does not validate (everyone
        else is there). TOML parses slowly, so both come from the index while team.toml is unchanged."""
        from aspire_cli.storage.index import Index

        index = Index(self)
        try:
            return index.roster()
        finally:
            index.save()

    def read_roster(self) -> tuple[Roster, list[str]]:
        """team.toml member by member: a broken one is named, the others kept. What is wrong with
        the file as a whole (TOML, schema, its own keys) is raised."""
        from aspire_cli.domain.models import Team

        data = self.team_data()
        try:
            return _roster_entries(validated(Team, self.team_path, data)), []
        except BadFile:
            members = data.get("members")
            if not isinstance(members, dict):
                raise
        validated(Team, self.team_path, {**data, "members": {}})  # the file's own keys
        roster: Roster = {}
        problems: list[str] = []
        for employee, fields in members.items():
            one = {**data, "members": {employee: fields}}  # so the error names it as the file would
            try:
                roster |= _roster_entries(validated(Team, self.team_path, one))
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

    def write_team(self, team: Team, change: str = "team: changed") -> None:
        private_dir(self.home)
        atomic_write(self.team_path, toml_text(team.to_toml_data()))
        self._committed(change, self.team_path)

    # -- records --------------------------------------------------------------------------
    def list_records(self, employee: str, kind: str | None = None) -> list[RecordFile]:
        """This employee's records, oldest first, known by file name alone (nothing is opened).
        A link or a file in place of their folder is a BadFile."""
        folder = self.records_dir(employee)
        found: list[RecordFile] = []
        for name in folder_names(folder):  # names first: a Path is made for a record of the kind only
            named = layout.split_record_name(name)
            if named is None or (kind is not None and named.kind != kind):
                continue
            record = layout.parse_record_name(folder / name)
            if record is not None:  # else not of the calendar (2026-02-30): not a record's name
                found.append(record)
        return sorted(found)

    def has_records(self) -> bool:
        """Whether the records folder exists; a BadFile if a link or a file stands in its place."""
        return own_folder_exists(self.records_root)

    def latest(self, employee: str, kind: str) -> RecordFile | None:
        records = self.list_records(employee, kind)
        return records[-1] if records else None

    def read_record(self, path: Path, qset: QuestionSet | None = None) -> Record:
        """A record, checked against its own file name so a moved or edited file cannot mislead,
        and with `qset`, its answers against the questions."""
        from aspire_cli.domain.models import Record

        record: Record = validated(Record, path, read_toml(path))
        if qset is not None:
            record = answers_checked(record, qset, path, complete=True)
        named = layout.parse_record_name(path)
        if named and (record.date != named.day or record.kind != named.kind):
            raise BadFile(
                f"{path}: says {record.date} {record.kind} but is named {path.name}; rename or fix it."
            )
        if record.employee != path.parent.name:
            raise BadFile(f"{path}: belongs to '{record.employee}' but sits in {path.parent.name}/.")
        return record

    def checked_record(self, path: Path) -> tuple[Record, QuestionSet | None]:
        """A record checked against the set it names (the leader's own or the shipped one of that
        id), and that set; None, and its answers checked for their form only, when there is no
        such set any more."""
        from aspire_cli.storage.question_sets import set_or_none

        record = self.read_record(path)
        qset = set_or_none(self.home, record.question_set)
        if qset is not None:
            record = answers_checked(record, qset, path, complete=True)
        return record, qset

    def write_record(self, record: Record, markdown: str) -> Path:
        """Write a new record and its Markdown copy under the first free name; never replace one."""
        folder = self.records_dir(record.employee)
        with self.locked():
            private_dir(self.records_root, follow=False)
            private_dir(folder, follow=False)
            seq = 1
            path = folder / layout.record_name(record.date, record.kind, seq)
            while _slot_taken(path) or _slot_taken(layout.markdown_path(path)):
                seq += 1
                path = folder / layout.record_name(record.date, record.kind, seq)
            atomic_write(path, toml_text(record.to_toml_data()))
            try:
                atomic_write(layout.markdown_path(path), markdown)
            except WriteFailed:
                path.unlink()  # both files or neither: the draft stays, and a retry starts clean
                raise
            change = f"{record.kind}: {record.employee} {record.date}{_suffix(seq)}"
            self._committed(change, path, layout.markdown_path(path))
        return path

    def replace_record(self, path: Path, was: bytes, record: Record, markdown: str, when: datetime) -> Path:
        """An edit: replace the record at `path` and its Markdown copy, after keeping the file as it
        is in records/<employee>/.versions/<stem>.<when, UTC>.toml (a name no listing reads); the
        kept version's path. `was` is the file as the edit began: if it changed since (a hand edit,
        a sync), nothing is written; if the Markdown copy cannot be written, the record is put back."""
        from datetime import UTC

        with self.locked():
            if read_regular(path, RECORD_LIMIT) != was:
                raise BadFile(f"{path}: changed while you were editing it; nothing saved.")
            versions = path.parent / layout.VERSIONS_FOLDER
            private_dir(versions, follow=False)
            kept, seq = versions / layout.kept_version_name(path, when.astimezone(UTC)), 1
            while _slot_taken(kept):
                seq += 1
                kept = versions / layout.kept_version_name(path, when.astimezone(UTC), seq)
            atomic_write(kept, was.decode("utf-8"))
            atomic_write(path, toml_text(record.to_toml_data()))
            try:
                atomic_write(path.with_suffix(".md"), markdown)
            except WriteFailed as exc:
                try:  # both files or neither, where the disk allows
                    atomic_write(path, was.decode("utf-8"))
                    kept.unlink()
                except (OSError, WriteFailed):
                    raise WriteFailed(
                        f"{exc.message} The edit itself is saved in {path}; its readable copy is out of date."
                    ) from None
                raise
            self._committed(f"edit: {path.parent.name} {path.stem}", path, path.with_suffix(".md"), kept)
        return kept

    def write_markdown(self, path: Path, markdown: str) -> None:
        """Write the Markdown copy of the record at `path` again: it is derived from the record, and
        after a record is copied back by hand (an edit undone) it is out of date."""
        with self.locked():
            atomic_write(path.with_suffix(".md"), markdown)
            self._committed(f"readable copy: {path.parent.name} {path.stem}", path.with_suffix(".md"))

    # -- follow-ups -----------------------------------------------------------------------
    def read_follow_up(self, path: Path) -> FollowUp:
        """A follow-up, checked against its own name and folder."""
        from aspire_cli.domain.models import FollowUp

        follow_up: FollowUp = validated(FollowUp, path, read_toml(path))
        named = layout.parse_follow_up_name(path.name)
        if named and named.action != follow_up.action:
            raise BadFile(f"{path}: follows up action {follow_up.action} but is named {path.name}; fix it.")
        if follow_up.employee != path.parent.name:
            raise BadFile(f"{path}: belongs to '{follow_up.employee}' but sits in {path.parent.name}/.")
        return follow_up

    def write_follow_up(self, follow_up: dict[str, Any]) -> Path:
        """Write a follow-up under a new name; never replace a file. `follow_up` holds what the
        caller has checked (employee, action, status, date, recorded, and a note or None); it is
        written as plain TOML, without pydantic, so that `aspire actions done` starts fast. Its
        sequence is found under the lock, above every follow-up of the action here (tracking.py):
        it stands, whatever the clocks. The name's date is the day it was recorded (local time), its
        tag random, so that two copies of a home never make two different files of one name."""
        import secrets

        employee = follow_up["employee"]
        folder = self.records_dir(employee)
        data = {"schema": FOLLOW_UP_SCHEMA, "kind": "follow-up", "employee": employee}
        data |= {key: follow_up[key] for key in ("action", "status", "date", "recorded")}
        with self.locked():
            data["sequence"] = self._next_sequence(employee, follow_up["action"])
            if follow_up.get("note") is not None:
                data["note"] = follow_up["note"]
            private_dir(self.records_root, follow=False)
            private_dir(folder, follow=False)
            day, action = follow_up["recorded"].astimezone().date(), follow_up["action"]
            path = folder / layout.follow_up_name(day, action, secrets.token_hex(3))
            while _slot_taken(path):
                path = folder / layout.follow_up_name(day, action, secrets.token_hex(3))
            atomic_write(path, toml_text(data))
            self._committed(f"follow-up: {employee} #{follow_up['action']} {follow_up['status']}", path)
        return path

    def _next_sequence(self, employee: str, action: int) -> int:
        """The sequence of a new follow-up of the action: one more than the highest of those here
        (read through the index); a BadFile if that is more than a follow-up may hold."""
        from aspire_cli.domain.tracking import SEQUENCE_MAX, next_sequence
        from aspire_cli.storage.index import Index

        index = Index(self)
        try:
            notes = index.contents([employee], frozenset({"follow-up"}), answers=False)[employee].follow_ups
        finally:
            index.save()
        sequence = next_sequence(notes, action)
        if sequence > SEQUENCE_MAX:
            highest = max((n for n in notes if n.action == action), key=lambda n: n.sequence)
            raise BadFile(
                f"{self.records_dir(employee) / highest.name}: sequence {highest.sequence} leaves no "
                "room for a follow-up after it; fix or delete it"
            )
        return sequence

    def _committed(self, message: str, *paths: Path) -> None:
        """Once the home is a git repository (aspire sync init), every write is a commit of its own;
        one that fails is a warning, and the write stands (git_home.py)."""
        if os.path.lexists(self.home / ".git"):
            from aspire_cli.storage.git import commit_write

            commit_write(self.home, paths, message)

    # -- drafts ---------------------------------------------------------------------------
    def read_draft(self, employee: str, kind: str, qset: QuestionSet) -> Draft | None:
        """The unfinished interview's answers so far, checked like typed ones; None if there is none."""
        from aspire_cli.domain.models import Draft

        path = self.draft_path(employee, kind)
        if not path.exists():
            return None
        draft: Draft = validated(Draft, path, read_toml(path))
        if draft.employee != employee or draft.kind != kind:
            raise BadFile(f"{path}: holds a {draft.kind} draft for '{draft.employee}'; delete or move it.")
        return answers_checked(draft, qset, path, complete=False)

    def save_draft(self, draft: Record) -> Path:
        """Save a draft (a Draft, or a Record holding the answers so far)."""
        path = self.draft_path(draft.employee, draft.kind)
        private_dir(self.home)
        private_dir(self.drafts_root, follow=False)
        atomic_write(path, toml_text(draft.to_toml_data()))
        return path

    def delete_draft(self, employee: str, kind: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.draft_path(employee, kind).unlink()

    def list_drafts(self) -> list[Path]:
        """The files named like drafts, by name alone; a BadFile if a link or a file stands in place
        of the drafts folder."""
        return sorted(self.drafts_root / n for n in folder_names(self.drafts_root) if layout.is_draft_name(n))

    # -- hand-over --------------------------------------------------------------------------
    def add_handed_over(
        self,
        employee: str,
        team: Team | None,
        records: list[tuple[str, str, str]],
        follow_ups: list[tuple[str, str]],
    ) -> None:
        """What `aspire import` adds (handover.py), written by a caller that holds the lock and has
        checked everything: the team with the member added (None: unchanged), then each record (file
        name, TOML, Markdown) and follow-up (file name, TOML) under a name found free; nothing is
        replaced (a name taken since is a BadFile). One commit for the whole import, if any."""
        written: list[Path] = []
        try:
            if team is not None:
                private_dir(self.home)
                atomic_write(self.team_path, toml_text(team.to_toml_data()))
                written.append(self.team_path)
            folder = self.records_dir(employee)
            if records or follow_ups:
                private_dir(self.records_root, follow=False)
                private_dir(folder, follow=False)
            for name, text, markdown in records:
                path = folder / name
                _refuse_taken(path, path.with_suffix(".md"))
                atomic_write(path, text)
                written.append(path)
                atomic_write(path.with_suffix(".md"), markdown)
                written.append(path.with_suffix(".md"))
            for name, text in follow_ups:
                _refuse_taken(folder / name)
                atomic_write(folder / name, text)
                written.append(folder / name)
        finally:
            if written:
                change = f"import: {employee}, {len(records)} records, {len(follow_ups)} follow-ups"
                self._committed(change, *written)


AnyRecord = TypeVar("AnyRecord", bound="Record")


def _suffix(seq: int) -> str:
    return "" if seq == 1 else f"-{seq}"


def _slot_taken(path: Path) -> bool:
    """Whether a new record's name is taken; a link there is refused, not counted or replaced."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise write_failed(path, exc) from None
    if stat.S_ISLNK(mode):
        raise symlink_refused(path)
    return True


def _refuse_taken(*paths: Path) -> None:
    for path in paths:
        if _slot_taken(path):
            raise BadFile(f"{path}: appeared during the import and is left as it is; import again.")


def _roster_entries(team: Team) -> Roster:
    return {
        employee: RosterEntry(m.name, m.cadence_months, m.added.isoformat() if m.added else None)
        for employee, m in team.members.items()
    }


def validated(model: Any, path: Path, data: dict[str, Any]) -> Any:
    """`data` as a `model`, or a BadFile naming the file (storage/validated.py: pydantic loads only
    when a file is read, never on the way to a listing)."""
    from aspire_cli.storage.validated import validated as check

    return check(model, path, data)


def answers_checked(record: AnyRecord, qset: QuestionSet, path: Path, *, complete: bool) -> AnyRecord:
    from aspire_cli.storage.validated import answers_checked as check

    return check(record, qset, path, complete=complete)
