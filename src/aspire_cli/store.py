"""The leader's folder: the one module that touches files.

    <home>/team.toml                               the roster
    <home>/records/<employee>/<date>-<kind>.toml   a record, the truth (a second on one day: -2, -3...)
    <home>/records/<employee>/<date>-<kind>.md     its readable copy
    <home>/drafts/<employee>.<kind>.toml           answers given so far in an unfinished interview
    <home>/.team-cache.json                        the roster as JSON, while team.toml is unchanged
    <home>/.due-cache.json                         what `aspire due` learnt from the files (see due.py)

The caches are never the truth: each entry is used only while the stamp (inode, size, mtime, ctime)
of the file it came from is unchanged, and only once that stamp is STABLE_AFTER_NS old, because a
change within the file system's timestamp granularity could otherwise go unseen (git's "racily
clean" problem). Either cache can be deleted at any time.

Every write goes to a private temporary file in the same folder, is fsynced and moved into place
with os.replace; records are never replaced. Read-modify-write runs under a lock on <home>/.lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.errors import BadFile, Busy, WriteFailed
from aspire_cli.ids import check_employee_id

if TYPE_CHECKING:  # pydantic models load only when a file is read or written, not for listing
    from aspire_cli.models import Record, Team
    from aspire_cli.questions import QuestionSet

LOCK_TIMEOUT_SECONDS = 5.0
TEMP_FILE_MAX_AGE_SECONDS = 3600  # no write takes this long, so such a file has no writer left
RECORD_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(prep|talk)(?:-([1-9]\d*))?\.toml")


class RecordFile(NamedTuple):
    """A record known by its name alone: sortable by day, then by its number that day."""

    day: date
    seq: int
    kind: str
    path: Path


Stamp = str
"""A file's identity and last change, "inode:size:mtime:ctime" (nanoseconds): one short JSON string."""

STABLE_AFTER_NS = 2_000_000_000
ROSTER_CACHE_FORMAT = 1


class RosterEntry(NamedTuple):
    """A team member as plain data: what most commands need, without pydantic or TOML."""

    name: str
    cadence_months: int
    added: str | None  # ISO date

    def display_name(self, employee: str) -> str:
        return self.name or employee


Roster = dict[str, RosterEntry]


def parse_record_name(path: Path) -> RecordFile | None:
    match = RECORD_NAME.fullmatch(path.name)
    if not match:
        return None
    try:
        day = date.fromisoformat(match[1])
    except ValueError:
        return None
    return RecordFile(day, int(match[3] or 1), match[2], path)


def open_store(home: Path) -> Store:
    """The store at `home`, created if new; a warning on stderr if others can read it."""
    from aspire_cli.errors import warn

    store = Store(home)
    warning = store.ensure_home()
    if warning:
        warn(warning)
    return store


class Store:
    def __init__(self, home: Path) -> None:
        self.home = home

    # -- layout ---------------------------------------------------------------------------
    @property
    def team_path(self) -> Path:
        return self.home / "team.toml"

    @property
    def records_root(self) -> Path:
        return self.home / "records"

    @property
    def drafts_root(self) -> Path:
        return self.home / "drafts"

    def records_dir(self, employee: str) -> Path:
        return self.records_root / check_employee_id(employee)

    def draft_path(self, employee: str, kind: str) -> Path:
        return self.drafts_root / f"{check_employee_id(employee)}.{kind}.toml"

    @property
    def due_cache_path(self) -> Path:
        return self.home / ".due-cache.json"

    @property
    def team_cache_path(self) -> Path:
        return self.home / ".team-cache.json"

    # -- the folder itself ----------------------------------------------------------------
    def ensure_home(self) -> str | None:
        """Create home privately (0700); a warning to show if an existing home is open to others."""
        if self.home.exists():
            if not self.home.is_dir():
                raise WriteFailed(
                    f"{self.home} is a file, not a folder: move it away or pick another --home."
                )
            mode = stat.S_IMODE(self.home.stat().st_mode)
            if mode & 0o077:
                return (
                    f"{self.home} can be read by other users (mode {mode:03o}); "
                    f"fix it with: chmod 700 {self.home}"
                )
            return None
        _private_dir(self.home)
        return None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the home's lock around a read-modify-write; a clear Busy error if it stays taken."""
        self.ensure_home()
        path = self.home / ".lock"
        busy = (
            f"another aspire process has held {path} for {LOCK_TIMEOUT_SECONDS:g}s; "
            "wait for it to finish and try again."
        )
        with _exclusive(path, LOCK_TIMEOUT_SECONDS, busy):
            yield

    @contextlib.contextmanager
    def interview_lock(self, employee: str, kind: str) -> Iterator[None]:
        """Held for a whole interview, so that two terminals cannot fill one draft at once."""
        _private_dir(self.home / ".locks")
        path = self.home / ".locks" / f"{kind}-{check_employee_id(employee)}.lock"
        busy = (
            f"another `aspire {kind} {employee}` is running (in another terminal?); finish or stop it first."
        )
        with _exclusive(path, 0, busy):
            yield

    def sweep_temp_files(self, *folders: Path) -> None:
        """Remove what an interrupted write (kill -9, power cut) can leave: temporary files an hour old."""
        import time

        cutoff = time.time() - TEMP_FILE_MAX_AGE_SECONDS
        for folder in (self.home, self.drafts_root, *folders):
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                        with contextlib.suppress(OSError):
                            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                                os.unlink(entry.path)

    # -- roster ---------------------------------------------------------------------------
    def read_team(self) -> Team:
        from aspire_cli.models import Team

        if not self.team_path.exists():
            return Team()
        team: Team = _validated(Team, self.team_path, read_toml(self.team_path))
        return team

    def roster(self) -> Roster:
        """The team as plain data. TOML parses slowly (about 40 ms per thousand members), so the
        validated roster is kept as JSON and reused while team.toml's stamp is unchanged."""
        import time

        current, settled = stamp(self.team_path, time.time_ns())  # before reading: a later change shows
        cached = self._cached_roster(current)
        if cached is not None:
            with contextlib.suppress(TypeError, ValueError):
                return {employee: RosterEntry(*fields) for employee, fields in cached.items()}
        team = self.read_team()
        roster = {
            employee: RosterEntry(m.name, m.cadence_months, m.added.isoformat() if m.added else None)
            for employee, m in team.members.items()
        }
        if settled:
            write_json(self.team_cache_path, {"key": [ROSTER_CACHE_FORMAT, current], "members": roster})
        return roster

    def member(self, employee: str) -> RosterEntry | None:
        """One member, without building the whole roster (an interview needs only its own)."""
        import time

        cached = self._cached_roster(stamp(self.team_path, time.time_ns())[0])
        fields = cached.get(employee) if cached is not None else None
        if isinstance(fields, list):
            with contextlib.suppress(TypeError, ValueError):
                return RosterEntry(*fields)
        return self.roster().get(employee)

    def _cached_roster(self, current: Stamp | None) -> dict[str, Any] | None:
        cached = read_json(self.team_cache_path)
        if isinstance(cached, dict) and cached.get("key") == [ROSTER_CACHE_FORMAT, current]:
            members = cached.get("members")
            return members if isinstance(members, dict) else None
        return None

    def write_team(self, team: Team) -> None:
        _private_dir(self.home)
        atomic_write(self.team_path, _dump_toml(team.to_toml_data()))

    # -- records --------------------------------------------------------------------------
    def list_records(self, employee: str, kind: str | None = None) -> list[RecordFile]:
        """This employee's records, oldest first, known by file name alone (nothing is opened)."""
        try:
            entries = list(os.scandir(self.records_dir(employee)))
        except (FileNotFoundError, NotADirectoryError):
            return []
        found = (parse_record_name(Path(e.path)) for e in entries)
        return sorted(r for r in found if r is not None and (kind is None or r.kind == kind))

    def latest(self, employee: str, kind: str) -> RecordFile | None:
        records = self.list_records(employee, kind)
        return records[-1] if records else None

    def read_record(self, path: Path, qset: QuestionSet | None = None) -> Record:
        """A record, checked against its own file name so a moved or edited file cannot mislead,
        and with `qset`, its answers against the questions."""
        from aspire_cli.models import Record

        record: Record = _validated(Record, path, read_toml(path))
        if qset is not None:
            record = _answers_checked(record, qset, path, complete=True)
        named = parse_record_name(path)
        if named and (record.date != named.day or record.kind != named.kind):
            raise BadFile(
                f"{path}: says {record.date} {record.kind} but is named {path.name}; rename or fix it."
            )
        if record.employee != path.parent.name:
            raise BadFile(f"{path}: belongs to '{record.employee}' but sits in {path.parent.name}/.")
        return record

    def write_record(self, record: Record, markdown: str) -> Path:
        """Write a new record and its Markdown copy under the first free name; never replace one."""
        folder = self.records_dir(record.employee)
        with self.locked():
            _private_dir(self.records_root)
            _private_dir(folder)
            stem = f"{record.date.isoformat()}-{record.kind}"
            seq = 1
            while (folder / f"{stem}{_suffix(seq)}.toml").exists() or (
                folder / f"{stem}{_suffix(seq)}.md"
            ).exists():
                seq += 1
            path = folder / f"{stem}{_suffix(seq)}.toml"
            atomic_write(path, _dump_toml(record.to_toml_data()))
            atomic_write(path.with_suffix(".md"), markdown)
        return path

    # -- drafts ---------------------------------------------------------------------------
    def read_draft(self, employee: str, kind: str, qset: QuestionSet) -> Record | None:
        """The unfinished interview's answers so far, checked like typed ones; None if there is none."""
        from aspire_cli.models import Record

        path = self.draft_path(employee, kind)
        if not path.exists():
            return None
        draft: Record = _validated(Record, path, read_toml(path))
        if draft.employee != employee or draft.kind != kind:
            raise BadFile(f"{path}: holds a {draft.kind} draft for '{draft.employee}'; delete or move it.")
        return _answers_checked(draft, qset, path, complete=False)

    def save_draft(self, draft: Record) -> Path:
        path = self.draft_path(draft.employee, draft.kind)
        _private_dir(self.home)
        _private_dir(self.drafts_root)
        atomic_write(path, _dump_toml(draft.to_toml_data()))
        return path

    def delete_draft(self, employee: str, kind: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.draft_path(employee, kind).unlink()

    def list_drafts(self) -> list[Path]:
        try:
            return sorted(p for p in self.drafts_root.iterdir() if p.suffix == ".toml")
        except (FileNotFoundError, NotADirectoryError):
            return []


@contextlib.contextmanager
def _exclusive(path: Path, timeout: float, busy: str) -> Iterator[None]:
    """An flock on `path`, retried for `timeout` seconds. The kernel drops it when the process ends,
    however it ends, so a crash can never leave the home locked."""
    import fcntl
    import time

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(busy) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


# -- reading and writing single files -------------------------------------------------------
def stamp(path: str | Path, now_ns: int) -> tuple[Stamp | None, bool]:
    """The path's stamp (None if absent) and whether it has settled, i.e. is old enough that any
    later change is bound to change the stamp too. ctime cannot be set back by hand."""
    try:
        st = os.stat(path)  # noqa: PTH116 - called per member by `aspire due`: a str path is faster
    except (FileNotFoundError, NotADirectoryError):
        return None, True
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - STABLE_AFTER_NS
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}", settled


def read_json(path: Path) -> Any:
    """A cache file's data, or None when it is missing or unreadable (a cache is never the truth)."""
    import json

    try:
        with path.open("rb") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write a cache file privately and atomically; a failure is ignored, the cache is optional."""
    import json

    with contextlib.suppress(WriteFailed):
        atomic_write(path, json.dumps(data, separators=(",", ":")), durable=False)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data, or a BadFile naming the file and, where TOML knows it, the line."""
    import tomllib  # not at the top: a warm `aspire due` reads no TOML at all

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise BadFile(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise BadFile(f"{path}: not valid TOML: the file is not UTF-8 text") from None
    except IsADirectoryError:
        raise BadFile(f"{path}: is a folder, expected a TOML file") from None
    except OSError as exc:
        raise BadFile(f"{path}: cannot be read: {exc.strerror}") from None


def atomic_write(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` all at once: the old file stays whole until the new one is.

    `durable` fsyncs the data and the folder, so that a power cut cannot lose a saved answer.
    """
    import tempfile

    data = text.encode("utf-8")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        if durable:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise _write_failed(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _private_dir(folder: Path) -> None:
    """Create a folder only its owner can enter (whatever the umask); leave an existing one be."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except FileExistsError:
        raise WriteFailed(f"{folder} is a file, not a folder: move it away and try again.") from None
    except OSError as exc:
        raise _write_failed(folder, exc) from None


def _write_failed(path: Path, exc: OSError) -> WriteFailed:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.ENOTDIR: "a file stands where a folder should be",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return WriteFailed(f"could not write {path}: {reason}.")


def _suffix(seq: int) -> str:
    return "" if seq == 1 else f"-{seq}"


def toml_text(data: dict[str, Any]) -> str:
    """Data as TOML, written the way records are (also for answers shown on screen)."""
    return _dump_toml(data)


def _dump_toml(data: dict[str, Any]) -> str:
    """TOML text; lists of tables under [answers] always as [[answers.<id>]] blocks, for reading."""
    import tomli_w

    # Multi-line strings read best, but TOML turns a carriage return in them into a plain newline:
    # a document holding one is written with escaped one-line strings, so every answer comes back exact.
    multiline = not any("\r" in text for text in _strings(data))
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return tomli_w.dumps(data, multiline_strings=multiline)
    blocks = {k: v for k, v in answers.items() if isinstance(v, list) and v}
    plain = {k: v for k, v in answers.items() if k not in blocks}
    # [answers] is the last table written, so its array-of-tables blocks can follow it
    text = tomli_w.dumps({**data, "answers": plain}, multiline_strings=multiline)
    for key, items in blocks.items():
        for item in items:
            text += f"\n[[answers.{key}]]\n" + tomli_w.dumps(item, multiline_strings=multiline)
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _answers_checked(record: Record, qset: QuestionSet, path: Path, *, complete: bool) -> Record:
    from aspire_cli.errors import BadInput

    if record.question_set != qset.id:
        raise BadFile(f"{path}: question_set is '{record.question_set}', expected '{qset.id}'")
    try:
        return record.with_answers(qset.validate_answers(dict(record.answers), complete=complete))
    except BadInput as exc:
        raise BadFile(f"{path}: answers.{exc.message}") from None


def _validated(model: Any, path: Path, data: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from aspire_cli.models import SCHEMA
    from aspire_cli.validation import describe_error

    schema = data.get("schema")
    if isinstance(schema, int) and schema > SCHEMA:
        raise BadFile(
            f"{path}: written by a newer aspire (schema {schema}; this one reads up to {SCHEMA}); "
            "upgrade aspire to read it."
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadFile(f"{path}: {describe_error(exc, data)}") from None
