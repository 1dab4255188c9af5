"""A home's records and their readable copies: listed by name, read and checked against their name,
their folder and their question set, written under the first free name and never replaced but by an
edit, which keeps the version before it (layout.py names them all); taken away only by a delete,
which keeps it too (deleted.py). A talk written or edited raises the highest action number the
folder remembers giving (numbers_given.py), in the same commit.

A record and its Markdown copy are written together or not at all; every write is atomic
(files.py), made under the home's lock, and committed in a git home (Store.committed).
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, WriteFailed, warn
from aspire_cli.storage import layout
from aspire_cli.storage.files import (
    RECORD_LIMIT,
    atomic_write,
    read_regular,
    read_toml,
    symlink_refused,
    write_failed,
)
from aspire_cli.storage.folders import folder_names, own_folder_exists, private_dir
from aspire_cli.storage.layout import RecordFile
from aspire_cli.storage.numbers_given import numbers_written
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:  # pydantic models load only when a file is read or written, not for listing
    from datetime import date, datetime

    from aspire_cli.domain.models import Record
    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.storage.store import Store


class Records:
    """<home>/records/<employee>/: every record, known by its name, read, written, edited."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.root = layout.records_root(store.home)

    def folder(self, employee: str) -> Path:
        return layout.records_dir(self.store.home, employee)

    def exists(self) -> bool:
        """Whether the records folder exists; a BadFile if a link or a file stands in its place."""
        return own_folder_exists(self.root)

    def listed(self, employee: str, kind: str | None = None) -> list[RecordFile]:
        """This employee's records, oldest first, known by file name alone (nothing is opened).
        A link or a file in place of their folder is a BadFile."""
        folder = self.folder(employee)
        found: list[RecordFile] = []
        for name in folder_names(folder):  # names first: a Path is made for a record of the kind only
            named = layout.split_record_name(name)
            if named is None or (kind is not None and named.kind != kind):
                continue
            record = layout.parse_record_name(folder / name)
            if record is not None:  # else not of the calendar (2026-02-30): not a record's name
                found.append(record)
        return sorted(found)

    def latest(self, employee: str, kind: str) -> RecordFile | None:
        records = self.listed(employee, kind)
        return records[-1] if records else None

    def read(self, path: Path, qset: QuestionSet | None = None) -> Record:
        """A record, checked against its own file name so a moved or edited file cannot mislead,
        and with `qset`, its answers against the questions."""
        from aspire_cli.domain.models import Record
        from aspire_cli.storage.validated import answers_checked, validated

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

    def checked(self, path: Path) -> tuple[Record, QuestionSet | None]:
        """A record checked against the set it names (the leader's own or the shipped one of that
        id), and that set; None, and its answers checked for their form only, when there is no
        such set any more."""
        from aspire_cli.storage.question_sets import set_or_none
        from aspire_cli.storage.validated import answers_checked

        record = self.read(path)
        qset = set_or_none(self.store.home, record.question_set)
        if qset is not None:
            record = answers_checked(record, qset, path, complete=True)
        return record, qset

    def write(self, record: Record, markdown: str) -> Path:
        """Write a new record and its Markdown copy under the first free name; never replace one."""
        folder = self.folder(record.employee)
        with self.store.locked():
            private_dir(self.root, follow=False)
            private_dir(folder, follow=False)
            path = first_free(folder, record.date, record.kind)
            atomic_write(path, toml_text(record.to_toml_data()))
            try:
                atomic_write(layout.markdown_path(path), markdown)
            except WriteFailed:
                path.unlink()  # both files or neither: the draft stays, and a retry starts clean
                raise
            given = self._remembering(record, action_numbers(record))
            number = path.stem.removeprefix(layout.record_stem(record.date, record.kind))
            change = f"{record.kind}: {record.employee} {record.date}{number}"
            self.store.committed(change, path, layout.markdown_path(path), *given)
        return path

    def replace(self, path: Path, was: bytes, record: Record, markdown: str, when: datetime) -> Path:
        """An edit: replace the record at `path` and its Markdown copy, after keeping the file as it
        is in records/<employee>/.versions/<stem>.<when, UTC>.toml (a name no listing reads); the
        kept version's path. `was` is the file as the edit began: if it changed since (a hand edit,
        a sync), nothing is written; if the Markdown copy cannot be written, the record is put back."""
        with self.store.locked():
            if read_regular(path, RECORD_LIMIT) != was:
                raise BadFile(f"{path}: changed while you were editing it; nothing saved.")
            kept = keep_version(path, was, when)
            atomic_write(path, toml_text(record.to_toml_data()))
            try:
                atomic_write(layout.markdown_path(path), markdown)
            except WriteFailed as exc:
                try:  # both files or neither, where the disk allows
                    atomic_write(path, was.decode("utf-8"))
                    kept.unlink()
                except (OSError, WriteFailed):
                    raise WriteFailed(
                        f"{exc.message} The edit itself is saved in {path}; its readable copy is out of date."
                    ) from None
                raise
            given = self._remembering(record, [*numbers_written(was), *action_numbers(record)])
            change = f"edit: {path.parent.name} {path.stem}"
            self.store.committed(change, path, layout.markdown_path(path), kept, *given)
        return kept

    def _remembering(self, record: Record, numbers: list[int | None]) -> list[Path]:
        """Once a talk is written or replaced: the highest number given remembered (numbers_given.py),
        the files changed. The record is saved whatever happens here: a failure is a warning (the
        talks hold the numbers until one is deleted; the next talk tries again)."""
        if record.kind != "talk":
            return []
        try:
            return self.store.numbers.remember(record.employee, {n for n in numbers if n is not None})
        except AspireError as exc:
            warn(f"{exc.message} (the highest action number given could not be remembered)")
            return []

    def write_markdown(self, path: Path, markdown: str) -> None:
        """Write the Markdown copy of the record at `path` again: it is derived from the record, and
        after a record is copied back by hand (an edit undone) it is out of date."""
        copy = layout.markdown_path(path)
        with self.store.locked():
            atomic_write(copy, markdown)
            self.store.committed(f"readable copy: {path.parent.name} {path.stem}", copy)


def action_numbers(record: Record) -> list[int | None]:
    """Each action of a record, in order: its number (None: a talk not numbered yet, or written
    before numbers were stored)."""
    return [item.number for answer in record.answers.values() if isinstance(answer, tuple) for item in answer]


def keep_version(path: Path, was: bytes, when: datetime) -> Path:
    """`was`, the record at `path` before an edit at `when`, kept under .versions/ beside it."""
    from datetime import UTC

    versions = path.parent / layout.VERSIONS_FOLDER
    private_dir(versions, follow=False)
    kept, seq = versions / layout.kept_version_name(path, when.astimezone(UTC)), 1
    while slot_taken(kept):
        seq += 1
        kept = versions / layout.kept_version_name(path, when.astimezone(UTC), seq)
    atomic_write(kept, was.decode("utf-8"))
    return kept


def first_free(folder: Path, day: date, kind: str) -> Path:
    """The name of a new record of `kind` on `day` in `folder`: the first whose record and readable
    copy are both free (-2, -3... after the first)."""
    seq = 1
    path = folder / layout.record_name(day, kind, seq)
    while slot_taken(path) or slot_taken(layout.markdown_path(path)):
        seq += 1
        path = folder / layout.record_name(day, kind, seq)
    return path


def slot_taken(path: Path) -> bool:
    """Whether a new file's name is taken; a link there is refused, not counted or replaced."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise write_failed(path, exc) from None
    if stat.S_ISLNK(mode):
        raise symlink_refused(path)
    return True
