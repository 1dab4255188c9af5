"""Records `aspire delete` took away, and `aspire restore` brings back (commands/delete.py asks and
checks first).

A delete moves a record, its readable copy and the follow-ups of its actions into the employee's
.versions/, where an edit keeps the version it replaced: each under its own name and one token, the
delete's time (UTC) ending -deleted (layout.kept_version_name), which no two deletes of one folder
share. No listing reads .versions/; sync carries it. A talk's action numbers are remembered first
(numbers_given.py), so that none is given again. A restore moves the files back, the record under
its own name or, if a record has taken it since, the first free one of its day.

Files are moved, never copied over: a move never replaces a file (files.move_file), and one that
fails half-way puts back what it moved. Each runs under the home's lock and is one commit in a git
home.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.errors import BadFile
from aspire_cli.storage import layout
from aspire_cli.storage.files import RECORD_LIMIT, move_file, read_regular, write_failed
from aspire_cli.storage.folders import folder_names, private_dir
from aspire_cli.storage.numbers_given import numbers_written
from aspire_cli.storage.records import first_free, slot_taken

if TYPE_CHECKING:
    from aspire_cli.storage.store import RecordFile, Store


class Deleted(NamedTuple):
    """A record a delete kept: what its name said, the token of that delete, and the kept files."""

    record: layout.RecordName
    token: str
    path: Path  # the record, in .versions/
    copy: Path | None  # its readable copy, in .versions/
    follow_ups: list[tuple[Path, str]]  # each follow-up kept with it, and its name before

    @property
    def day(self) -> date:
        return date.fromisoformat(self.record.day)

    @property
    def label(self) -> str:
        from aspire_cli.storage.looking_back import record_label

        return record_label(self.record.day, self.record.seq, self.record.kind)


def deleted_records(store: Store, employee: str) -> list[Deleted]:
    """The records deletes kept for `employee`, by day, number that day and kind; a record deleted
    twice (held again, deleted again) is there twice, the latest delete last."""
    versions = layout.records_dir(store.home, employee) / layout.VERSIONS_FOLDER
    groups: dict[str, dict[str, Path]] = {}
    for name in folder_names(versions):
        kept = layout.parse_kept_name(name)
        if kept is not None and kept.deleted:
            groups.setdefault(kept.token, {})[kept.name] = versions / name
    found = []
    for token, files in groups.items():
        follow_ups = [(path, name) for name, path in files.items() if layout.parse_follow_up_name(name)]
        for name, path in files.items():
            record = layout.split_record_name(name)
            if record is not None:
                copy = files.get(layout.markdown_name(name))
                found.append(Deleted(record, token, path, copy, follow_ups))
    return sorted(found, key=lambda d: (d.record.day, d.record.seq, d.record.kind, d.token))


def take_away(store: Store, found: RecordFile, was: bytes, numbers: set[int], when: datetime) -> Path:
    """Under the home's lock: the record at `found` (as `was`: if it changed since, nothing moves),
    its readable copy and the follow-ups of `numbers` (its actions) moved into .versions/, the talk's
    numbers remembered; where the record is kept now."""
    folder, employee = found.path.parent, found.path.parent.name
    with store.locked():
        if read_regular(found.path, RECORD_LIMIT) != was:
            raise BadFile(f"{found.path}: changed since you were asked; nothing deleted.")
        moving = [found.path]
        if slot_taken(layout.markdown_path(found.path)):
            moving.append(layout.markdown_path(found.path))
        follow_ups = store.follow_ups.names(employee)
        moving += [folder / n for n in follow_ups if _action(n) in numbers]
        versions = folder / layout.VERSIONS_FOLDER
        private_dir(versions, follow=False)
        seq = _free_seq(versions, when)
        kept = [versions / layout.kept_version_name(path, when, seq, deleted=True) for path in moving]
        talk = found.kind == "talk"
        given = store.numbers.remember(employee, numbers | numbers_written(was)) if talk else []
        _move_all(list(zip(moving, kept, strict=True)), "nothing deleted")
        store.committed(f"delete: {employee} {found.path.stem}", *moving, *kept, *given)
    return kept[0]


def restored_path(store: Store, deleted: Deleted) -> Path:
    """Where a deleted record goes back: its own name, else the first free one of its day."""
    folder = layout.records_dir(store.home, deleted.path.parent.parent.name)
    own = folder / layout.record_name(deleted.day, deleted.record.kind, deleted.record.seq)
    if slot_taken(own) or slot_taken(layout.markdown_path(own)):
        return first_free(folder, deleted.day, deleted.record.kind)
    return own


def bring_back(store: Store, deleted: Deleted, path: Path) -> None:
    """Under the home's lock: the deleted record moved back to `path` (found by restored_path), its
    readable copy beside it and its follow-ups to their own names; a BadFile, and nothing moved, if
    any of those names has been taken since."""
    employee, folder = path.parent.name, path.parent
    with store.locked():
        moving = [(deleted.path, path)]
        if deleted.copy is not None:
            moving.append((deleted.copy, layout.markdown_path(path)))
        moving += [(kept, folder / name) for kept, name in deleted.follow_ups]
        for _, target in moving:
            if slot_taken(target):
                raise BadFile(f"{target}: is there already; nothing restored.")
        private_dir(folder, follow=False)
        _move_all(moving, "nothing restored")
        restored = [target for _, target in moving]
        store.committed(f"restore: {employee} {path.stem}", *restored, *(kept for kept, _ in moving))


def _action(name: str) -> int | None:
    named = layout.parse_follow_up_name(name)
    return named.action if named else None


def _free_seq(versions: Path, when: datetime) -> int:
    """The first -2, -3... that makes the token of a delete at `when` one no file in .versions/ has."""
    tokens = {kept.token for name in folder_names(versions) if (kept := layout.parse_kept_name(name))}
    seq = 1
    while layout.kept_token(when, seq, deleted=True) in tokens:
        seq += 1
    return seq


def _move_all(moves: list[tuple[Path, Path]], nothing: str) -> None:
    """Each (file, new name) moved, in order; all or none: a failure puts back what moved."""
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            move_file(source, target)
            done.append((source, target))
    except (OSError, BadFile) as exc:
        for source, target in reversed(done):
            with contextlib.suppress(OSError, BadFile):
                move_file(target, source)
        if isinstance(exc, BadFile):
            raise BadFile(f"{exc.message}; {nothing}.") from None
        if isinstance(exc, FileExistsError):
            raise BadFile(f"{target}: appeared meanwhile; {nothing}.") from None
        raise write_failed(target, exc) from None
