"""What arrives in a hand-over archive, checked exactly as aspire reads a home, before anything is
written: `aspire import` checks an archive so, and `aspire handover` checks the one it is about to
write so (the archive itself, in memory, is storage/archive.py's to check).

Every record and follow-up is written to a private scratch folder inside the home
(<home>/.importing-XXXX, removed after, even on Ctrl-C; one a killed run left is swept after an
hour) and read back from there by a Store: the same limits, the name against the content, the
employee against the folder, the question sets of the home, and nothing dated after today.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.errors import BadFile
from aspire_cli.storage.archive import Unpacked, employee_folder
from aspire_cli.storage.files import write_failed
from aspire_cli.storage.layout import parse_follow_up_name, parse_record_name
from aspire_cli.storage.store import Store

if TYPE_CHECKING:
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
                follow_up = reader.follow_ups.read(folder / name)
                _check_follow_up_days(folder / name, follow_up, today)
                follow_ups.append(ArrivingFollowUp(name, data, follow_up))
                continue
            record = reader.records.read(folder / name)  # its date is the one in its name
            _not_after(folder / name, record.date, today)
            qset = set_or_none(sets_home, record.question_set)
            if qset is None and need_sets:
                raise BadFile(
                    f"{folder / name}: uses the question set '{record.question_set}', which this home does "
                    f"not have: put its file in {sets_home / 'questions'}/ first"
                )
            checked = reader.records.read(folder / name, qset) if qset else record
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
    assert named is not None  # storage/archive.py let in no other name
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
    assert found is not None  # storage/archive.py let in no other name
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
def scratch_folder(parent: Path) -> Iterator[Path]:
    """A private folder inside the home for the files being checked, removed whatever happens."""
    import shutil
    import tempfile

    _sweepscratch_folder(parent)
    try:
        folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))  # 0700
    except OSError as exc:
        raise write_failed(parent / f"{SCRATCH_PREFIX}XXXX", exc) from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _sweepscratch_folder(parent: Path) -> None:
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
