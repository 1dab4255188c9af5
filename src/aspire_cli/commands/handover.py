"""`aspire handover` and `aspire import`: one employee's records, from one leader's home to another's.

handover packs the employee's talks and follow-ups (their prep notes only with --include-prep: they
are the leader's private view), byte for byte, with a manifest (handover_archive.py), checks the
archive as import will, and writes it to a new private file; it never replaces one.

import checks the whole archive before it writes anything: the archive itself in memory (sizes,
paths, links, duplicates, checksums), then every record and follow-up exactly as aspire reads them
from a home, against this home's question sets and none dated after today, in a private scratch
folder inside the home (<home>/.importing-XXXX, removed after, even on Ctrl-C). Then, under the
home's lock: the member is added if missing (a member already here keeps the name and cadence given
here); a record already here (the same content, on the same day) is skipped, but for its Markdown
copy if that is missing (an import killed between the two files); any other goes under the first
free name (a second talk that day becomes -2, as in the home); a follow-up keeps its name. An action
must keep its number (handover_numbers.py), or nothing is imported. Importing the same archive twice
adds nothing the second time; importing it again after an import cut short adds what is missing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.commands.handover_plan import count, named
from aspire_cli.domain.ids import check_employee_id
from aspire_cli.errors import BadFile, BadInput, WriteFailed
from aspire_cli.safe_text import one_line
from aspire_cli.storage.archive import Unpacked, employee_folder
from aspire_cli.storage.files import RECORD_LIMIT, folder_names, read_regular, write_failed
from aspire_cli.storage.layout import parse_follow_up_name, parse_record_name
from aspire_cli.storage.store import Store

if TYPE_CHECKING:
    from aspire_cli.commands.handover_plan import Plan
    from aspire_cli.domain.models import FollowUp, Record
    from aspire_cli.domain.questions import QuestionSet

SCRATCH_PREFIX = ".importing-"
SCRATCH_MAX_AGE_SECONDS = 3600  # a scratch folder this old has no import left running


class ArrivingRecord(NamedTuple):
    name: str  # its file name in the archive
    data: bytes
    record: Record  # as written
    checked: Record  # its answers checked by the question set (what the Markdown copy shows)
    qset: QuestionSet | None


class ArrivingFollowUp(NamedTuple):
    name: str
    data: bytes
    follow_up: FollowUp


class Checked(NamedTuple):
    records: list[ArrivingRecord]  # by day, then the number of the day, as named in the archive
    follow_ups: list[ArrivingFollowUp]


# -- handover ---------------------------------------------------------------------------------------


def run_handover(store: Store, employee: str, out: str, include_prep: bool) -> int:
    from datetime import UTC

    now = datetime.now(UTC).replace(microsecond=0)
    print(one_line(hand_over(store, employee, Path(out), include_prep, now)))
    return 0


def hand_over(store: Store, employee: str, out: Path, include_prep: bool, now: datetime) -> str:
    """Write the archive to `out`; the line that says what it holds."""
    from aspire_cli import __version__
    from aspire_cli.storage.archive import FORMAT, FORMAT_VERSION, Manifest, file_entry, pack, unpack

    employee = check_employee_id(employee)
    _check_out(store, out)
    member = store.member(employee) if store.has_home() else None
    records = [r for r in store.list_records(employee) if include_prep or r.kind == "talk"]
    follow_ups = _follow_up_names(store, employee)
    if member is None and not records and not follow_ups:
        raise BadInput(
            f"'{employee}' is not on your team and has no records to hand over; see: aspire team list"
        )
    folder = store.records_dir(employee)
    names = [r.path.name for r in records] + follow_ups
    files = {f"{employee_folder(employee)}/{n}": read_regular(folder / n, RECORD_LIMIT) for n in names}
    manifest = Manifest(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        aspire_version=__version__,
        created=now,
        employee=employee,
        name=member.name if member else "",
        cadence_months=member.cadence_months if member else _default_cadence(store),
        files=[file_entry(path, data) for path, data in files.items()],
    )
    data = pack(manifest, files)
    with _scratch(store.home) as scratch:  # the archive as import will read it, or a line saying why not
        unpacked = unpack(data, str(out))
        checked = check_contents(
            store.home,
            scratch,
            unpacked,
            f"{store.home}{os.sep}",
            "mend it and hand over again",
            need_sets=False,
            today=now.astimezone().date(),
        )
    _write_new_file(out, data)
    talks = sum(1 for r in checked.records if r.record.kind == "talk")
    preps = len(checked.records) - talks
    held = [
        count(talks, "talk"),
        *([count(preps, "prep")] if include_prep else []),
        count(len(follow_ups), "follow-up"),
    ]
    left_out = "" if include_prep else " (your prep notes stay here; --include-prep adds them)"
    return (
        f"Wrote {out}: {employee}{named(manifest.name)}, {', '.join(held)}{left_out}. It holds personal "
        f"data: pass it on privately; the new leader runs: aspire import {out.name}"
    )


def _check_out(store: Store, out: Path) -> None:
    """Where the archive may go: checked as every --out is (out_file.py), and never over a file."""
    from aspire_cli.storage.out_file import checked_target

    if checked_target(str(out), store.home) is None:
        raise BadInput("--out -: give the archive's file name (it is not written to the terminal)")
    if os.path.lexists(out):
        raise BadInput(f"--out {out}: already exists; aspire never replaces it: pick another name")


def _default_cadence(store: Store) -> int:
    """The leader's default cadence: what a member not on this team would be added with."""
    from aspire_cli.storage.settings import FLAG, Setting, settings_at

    return settings_at(Setting(store.home, FLAG, "--home"), os.environ).cadence_months.value


def _follow_up_names(store: Store, employee: str) -> list[str]:
    return sorted(n for n in folder_names(store.records_dir(employee)) if parse_follow_up_name(n))


def _write_new_file(path: Path, data: bytes) -> None:
    """The archive at --out `path`, never replacing a file there."""
    try:
        _new_private_file(path, data)
    except FileExistsError:
        raise BadInput(f"--out {path}: already exists; aspire never replaces it") from None
    except OSError as exc:
        raise write_failed(path, exc) from None


def _new_private_file(path: Path, data: bytes) -> None:
    """`data` as a new private file at `path`, whole or not at all; a FileExistsError, and the file
    left as it is, if one is there (a hard link to a finished temporary file is made only where
    nothing is)."""
    import errno

    from aspire_cli.storage.files import private_temp_file

    tmp: str | None = private_temp_file(path, data)
    try:
        try:
            os.link(tmp, path)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise  # FileExistsError among them
            if os.path.lexists(path):  # a file system without hard links: check, then move
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
            os.replace(tmp, path)  # noqa: PTH105
            tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)  # noqa: PTH108


# -- checking what arrives --------------------------------------------------------------------------


def check_contents(
    sets_home: Path,
    scratch: Path,
    unpacked: Unpacked,
    shown_as: str,
    then: str,
    *,
    need_sets: bool,
    today: date,
) -> Checked:
    """Every record and follow-up of the archive read as aspire reads them from a home (files.py's
    limits, the name against the content, the employee against the folder), records against the
    question sets of `sets_home`, and none dated after `today`; a BadFile names the first that fails,
    as `<shown_as>records/...`, and says what `then`.
    With `need_sets`, a record of a set `sets_home` does not have is refused (no Markdown copy
    could be made of it)."""
    from aspire_cli.storage.question_sets import set_or_none

    employee = unpacked.manifest.employee
    folder = scratch / employee_folder(employee)
    folder.mkdir(mode=0o700, parents=True)
    reader = Store(scratch)
    records: list[ArrivingRecord] = []
    follow_ups: list[ArrivingFollowUp] = []
    try:
        for path, data in unpacked.files.items():
            name = path.rpartition("/")[2]
            _write_private(folder / name, data)
            if parse_follow_up_name(name):
                follow_up = reader.read_follow_up(folder / name)
                _check_follow_up_days(folder / name, follow_up, today)
                follow_ups.append(ArrivingFollowUp(name, data, follow_up))
                continue
            record = reader.read_record(folder / name)  # its date is the one in its name
            _not_after(folder / name, record.date, today)
            qset = set_or_none(sets_home, record.question_set)
            if qset is None and need_sets:
                raise BadFile(
                    f"{folder / name}: uses the question set '{record.question_set}', which this home does "
                    f"not have: put its file in {sets_home / 'questions'}/ first"
                )
            checked = reader.read_record(folder / name, qset) if qset else record
            records.append(ArrivingRecord(name, data, record, checked, qset))
    except BadFile as exc:
        raise BadFile(f"{exc.message.replace(f'{scratch}{os.sep}', shown_as)}; {then}.") from None
    records.sort(key=lambda r: _place(r.name))
    return Checked(records, follow_ups)


def _not_after(path: Path, day: date, today: date) -> None:
    """Nothing is dated after today, as a date typed is not (`talk --date`, `actions done --date`):
    a future talk would stand as the latest, and due dates and reminders would follow it."""
    if day > today:
        raise BadFile(f"{path}: dated {day.isoformat()}, after today ({today.isoformat()})")


def _check_follow_up_days(path: Path, follow_up: FollowUp, today: date) -> None:
    """Its day (when it was done, dropped or reopened) and the time it was recorded not after today:
    that time orders an action's follow-ups, and one in the future would misorder them. Its name's
    day is the day it was recorded, in the recording home's time zone: within a day of that time in
    UTC."""
    from datetime import UTC

    _not_after(path, follow_up.date, today)
    recorded = follow_up.recorded.astimezone()  # here; as local time, if it says no time zone
    if recorded.date() > today:
        raise BadFile(
            f"{path}: recorded at {follow_up.recorded.isoformat()}, after today ({today.isoformat()})"
        )
    named = parse_follow_up_name(path.name)
    assert named is not None  # handover_archive let in no other name
    try:
        apart = abs((date.fromisoformat(named.day) - recorded.astimezone(UTC).date()).days)
    except ValueError:  # no such day: 2024-02-30
        apart = 2
    if apart > 1:
        raise BadFile(
            f"{path}: named for {named.day} but recorded at {follow_up.recorded.isoformat()}; a follow-up "
            "is named for the day it was recorded"
        )


def _place(name: str) -> tuple[date, int, str]:
    found = parse_record_name(Path(name))
    assert found is not None  # handover_archive let in no other name
    return found.day, found.seq, found.kind


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


@contextlib.contextmanager
def _scratch(parent: Path) -> Iterator[Path]:
    """A private folder inside the home for the files being checked, removed whatever happens."""
    import shutil
    import tempfile

    _sweep_scratch(parent)
    try:
        folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))  # 0700
    except OSError as exc:
        raise write_failed(parent / f"{SCRATCH_PREFIX}XXXX", exc) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sweep_scratch(parent: Path) -> None:
    """Scratch folders a killed import left behind (kill -9, a power cut)."""
    import shutil
    import stat
    import time

    cutoff = time.time() - SCRATCH_MAX_AGE_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(parent):
            if entry.name.startswith(SCRATCH_PREFIX):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode) and info.st_mtime < cutoff:
                    shutil.rmtree(entry.path, ignore_errors=True)


# -- import -----------------------------------------------------------------------------------------


def run_import(store: Store, file: str) -> int:
    for line in import_archive(store, Path(file), date.today()):
        print(one_line(line))
    return 0


def import_archive(store: Store, path: Path, today: date) -> list[str]:
    """Check the archive at `path` whole, then add what this home lacks; the lines that say what
    was added and what was already here. Nothing is written unless everything checks out."""
    from aspire_cli.commands.handover_plan import plan_import
    from aspire_cli.interview.interrupts import saving_the_record
    from aspire_cli.storage.archive import unpack_file

    unpacked = unpack_file(path)
    made_home = not store.has_home()
    try:
        store.ensure_home()
        with _scratch(store.home) as scratch:
            checked = check_contents(
                store.home, scratch, unpacked, f"{path}: ", "nothing imported", need_sets=True, today=today
            )
        with store.locked():
            plan = plan_import(store, unpacked.manifest, checked, today)
            if plan.records or plan.follow_ups or plan.copies or plan.team is not None:
                with saving_the_record():
                    _write(store, unpacked.manifest.employee, plan)
    except BaseException:
        if made_home:
            _remove_new_home(store.home)
        raise
    return plan.lines


def _write(store: Store, employee: str, plan: Plan) -> None:
    try:
        _write_copies(store, employee, plan.copies)
        store.add_handed_over(employee, plan.team, plan.records, plan.follow_ups)
    except WriteFailed as exc:
        raise WriteFailed(
            f"{exc.message} Part of the archive may be in; once the disk is fixed, import it again: "
            "what is already here is skipped."
        ) from None


def _write_copies(store: Store, employee: str, copies: list[tuple[str, str]]) -> None:
    """The missing Markdown copies of records already here, each a new private file; one that has
    appeared since the plan is left as it is. Under the home's lock, like every write of the import."""
    folder = store.records_dir(employee)
    written: list[Path] = []
    try:
        for name, markdown in copies:
            try:
                _new_private_file(folder / name, markdown.encode("utf-8"))
            except FileExistsError:
                raise BadFile(
                    f"{folder / name}: appeared during the import and is left as it is; import again."
                ) from None
            except OSError as exc:
                raise write_failed(folder / name, exc) from None
            written.append(folder / name)
    finally:
        if written and os.path.lexists(store.home / ".git"):  # a synced home commits every write
            from aspire_cli.storage.git import commit_write

            commit_write(store.home, written, f"import: {employee}, {len(written)} readable copies")


def _remove_new_home(home: Path) -> None:
    """An import that wrote nothing leaves no home behind where there was none."""
    with contextlib.suppress(OSError):
        (home / ".lock").unlink(missing_ok=True)
        home.rmdir()
