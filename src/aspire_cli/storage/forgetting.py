"""What `aspire forget` erases from the home (commands/forget.py asks first; history_rewrite.py
takes it out of a git home's history).

All of a person (`forget EMPLOYEE`): their whole records folder (records, readable copies,
follow-ups, what edits and deletes kept, conflict copies, the highest action number given), their
drafts, and (the command's part) their team entry. Part (`--before D`, `--expired`): the records
dated before D with everything that stands for them (readable copies, conflict copies, the versions
edits and deletes kept of them) and the follow-ups of their actions; the highest action number given
stays, raised to theirs, so that none is given again.

The index is a cache that holds records' answers: it is removed whole (it is rebuilt from the files
when next needed), so that no page of it keeps a forgotten word.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.storage import layout
from aspire_cli.storage.files import write_failed
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.merge_driver import original

if TYPE_CHECKING:
    from aspire_cli.storage.store import RecordFile, Store

KINDS = ("prep", "talk")


class Forgetting(NamedTuple):
    """What goes of one person."""

    employee: str
    whole: bool  # everything, the folder itself and their drafts
    records: list[RecordFile]  # their records in place that go, oldest first
    files: list[Path]  # every file of the home that goes
    history: list[str]  # what goes from every commit (relative, with /; a folder: all in it)
    numbers: set[int]  # the action numbers of the talks that go (remembered as given)


def plan_whole(store: Store, employee: str, in_history: list[str]) -> Forgetting:
    """All of them; `in_history`: every path of their folder any commit holds (a forget cut short
    after the files went, before the history was rewritten, is finished by another)."""
    folder = store.records.folder(employee)
    files = [Path(root, name) for root, _, names in os.walk(folder) for name in names]
    drafts = [store.drafts.path(employee, kind) for kind in KINDS]
    files += [path for path in drafts if os.path.lexists(path)]
    records = store.records.listed(employee)
    history = [_relative(store, folder)] if files or in_history else []
    return Forgetting(employee, True, records, sorted(files), history, set())


def plan_before(
    store: Store, employee: str, before: date, numbers: set[int], in_history: list[str]
) -> Forgetting:
    """The records dated before `before`, what stands for them, and the follow-ups of `numbers`
    (their actions'); `in_history`: every path of the folder any commit holds (relative to it)."""
    folder = store.records.folder(employee)
    versions = folder / layout.VERSIONS_FOLDER
    here = [name for name in folder_names(folder) if name != layout.VERSIONS_FOLDER]
    here += [f"{layout.VERSIONS_FOLDER}/{name}" for name in folder_names(versions)]
    going = sorted(name for name in here if goes(name, before, numbers))
    held = sorted(name for name in in_history if goes(name, before, numbers))
    records = [r for r in store.records.listed(employee) if r.day < before]
    base = _relative(store, folder)
    history = sorted({f"{base}/{name}" for name in (*going, *held)})
    return Forgetting(employee, False, records, [folder / name for name in going], history, numbers)


def goes(name: str, before: date, numbers: set[int]) -> bool:
    """Whether a file of an employee's folder (`name` relative to it) goes with the records dated
    before `before` and the follow-ups of `numbers`."""
    if name.startswith(f"{layout.VERSIONS_FOLDER}/"):
        kept = layout.parse_kept_name(name.split("/", 1)[1])
        if kept is None:
            return False
        name = kept.name
    elif "/" in name:
        return False
    name = original(name)
    record = layout.record_named_in(name)
    if record is not None:
        return record.day < before.isoformat()
    follow_up = layout.parse_follow_up_name(name)
    return follow_up is not None and follow_up.action in numbers


def erased_days(forgetting: Forgetting) -> set[str]:
    """The days of the records that go (in place, kept, or in the history alone)."""
    days = set()
    for path in forgetting.history:
        name = path.rsplit("/", 1)[-1]
        kept = layout.parse_kept_name(name)
        record = layout.record_named_in(kept.name if kept else original(name))
        if record is not None:
            days.add(record.day)
    return days


def kept_before(store: Store, employee: str, before: date, kinds: tuple[str, ...] = KINDS) -> list[Path]:
    """The records of `kinds` edits and deletes kept in .versions/, dated before `before` (a talk's
    actions' numbers are the records' too)."""
    versions = store.records.folder(employee) / layout.VERSIONS_FOLDER
    found = []
    for name in folder_names(versions):
        kept = layout.parse_kept_name(name)
        record = layout.split_record_name(kept.name) if kept else None
        if record is not None and record.kind in kinds and record.day < before.isoformat():
            found.append(versions / name)
    return found


def with_kept_before(store: Store, before: date) -> list[str]:
    """Everyone with a record before `before` kept in .versions/ (one deleted, or edited since)."""
    from aspire_cli.domain.ids import is_employee_id

    employees = (name for name in folder_names(store.records.root) if is_employee_id(name))
    return [employee for employee in employees if kept_before(store, employee, before)]


def erase(store: Store, forgetting: Forgetting) -> None:
    """Under the home's lock: the files removed (a folder of all: removed whole, never through a
    link), then the index."""
    try:
        if forgetting.whole:
            folder = store.records.folder(forgetting.employee)
            if os.path.lexists(folder):
                shutil.rmtree(folder)  # never a link: plan_whole listed it, which refuses one
        for path in forgetting.files:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    except OSError as exc:
        raise write_failed(Path(exc.filename or store.home), exc) from None
    drop_index(store)


def drop_index(store: Store) -> None:
    index = layout.index_path(store.home)
    for path in (index, index.with_name(f"{index.name}-wal"), index.with_name(f"{index.name}-shm")):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _relative(store: Store, path: Path) -> str:
    return path.relative_to(store.home).as_posix()
