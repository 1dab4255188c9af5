"""The highest action number given to each employee, remembered so that none is ever given twice.

An action's number is how `aspire actions` and every follow-up name it (tracking.py), so a number
once given is never given again: not after its talk is deleted (`aspire delete`), nor after an edit
takes the action out, nor after a file is removed by hand. The talks left cannot say so, so the
folder remembers it in the name of an empty file, records/<employee>/.action-numbers-given-<n>
(layout.py). A raise writes the new name and removes the lower ones, in the commit of the change
that raised it.

A name, not a content, so that two machines never conflict over it: each raise is a new file, a
sync that brings the other machine's leaves two, and the higher counts (the next raise removes the
other). Nothing in the file is read. A name aspire would not write (ten digits, say) is not one:
ignored here, refused by sync (sync_rules.py).

Never trusted to lower a number: a new action's number is above this one and above every number
the talks hold. A home from before it (no such file) has it from the talks kept in .versions/
(what edits replaced and deletes took away), each read bounded, as a record is; one that cannot be
read holds no number to count.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aspire_cli.errors import BadFile
from aspire_cli.storage import layout
from aspire_cli.storage.files import atomic_write, read_toml
from aspire_cli.storage.folders import folder_names

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store


class NumbersGiven:
    """records/<employee>/.action-numbers-given-<n>: read by name, raised under the home's lock."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def remembered(self, employee: str) -> int:
        """The highest number the folder remembers giving `employee` (0: none): its file, else the
        talks kept in .versions/. The talks in place are the caller's to count."""
        folder = layout.records_dir(self.store.home, employee)
        held = _held(folder_names(folder))
        return max(held) if held else _in_kept_talks(folder / layout.VERSIONS_FOLDER)

    def remember(self, employee: str, numbers: Iterable[int]) -> list[Path]:
        """Under the home's lock, before a talk changes or goes: the remembered number raised to the
        highest of `numbers`, of what it was and of every talk in place (those written before
        numbers were stored counted as they are numbered); the files written or removed, to commit."""
        folder = layout.records_dir(self.store.home, employee)
        held = _held(folder_names(folder))
        was = max(held) if held else _in_kept_talks(folder / layout.VERSIONS_FOLDER)
        highest = max(was, *numbers, self._in_talks(employee), 0)
        if highest == 0 or highest > layout.NUMBERS_GIVEN_MAX or set(held) == {highest}:
            return []  # nothing to remember, more than a name holds (the talks do), or remembered
        changed: list[Path] = []
        if highest not in held:
            path = folder / layout.numbers_given_name(highest)
            atomic_write(path, b"")
            changed.append(path)
        for number, name in held.items():
            if number < highest:
                with contextlib.suppress(OSError):  # left: the higher one counts all the same
                    (folder / name).unlink()
                    changed.append(folder / name)
        return changed

    def _in_talks(self, employee: str) -> int:
        from aspire_cli.domain.tracking import numbered
        from aspire_cli.storage.looking_back import agreed_actions, folder_contents

        talks = folder_contents(self.store, [employee], frozenset({"talk"}), answers=False)[employee]
        return max((number for number, _ in numbered(agreed_actions(talks.records))), default=0)


def _held(names: list[str]) -> dict[int, str]:
    """The numbers the .highest-action files in a folder hold, each with its file's name."""
    return {number: name for name in names if (number := layout.parse_numbers_given_name(name))}


def _in_kept_talks(versions: Path) -> int:
    """The highest action number in the talks kept in `versions` (0: none, or no such folder)."""
    try:
        names = folder_names(versions)
    except BadFile:  # a link or a file in its place: nothing of aspire's to count
        return 0
    highest = 0
    for name in names:
        kept = layout.parse_kept_name(name)
        talk = layout.split_record_name(kept.name) if kept else None
        if talk is None or talk.kind != "talk":
            continue
        try:
            data = read_toml(versions / name)
        except BadFile:
            continue
        highest = max(highest, *numbers_in(data), 0)
    return highest


def numbers_written(text: str | bytes) -> set[int]:
    """The action numbers a record's text holds, whether it validates or not (none if it is not TOML)."""
    from aspire_cli.storage.toml_read import TomlError, load_bytes

    try:
        return numbers_in(load_bytes(text.encode("utf-8") if isinstance(text, str) else text))
    except TomlError:
        return set()


def numbers_in(data: dict[str, Any]) -> set[int]:
    """The action numbers a record's TOML data holds, as written (whether it validates or not)."""
    return {number for number in numbers_listed(data) if number is not None}


def numbers_listed(data: dict[str, Any]) -> list[int | None]:
    """Each action of a record's TOML data, in order: its number as written, or None (none, or not
    a number)."""
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return []
    return [
        item["number"] if type(item.get("number")) is int and item["number"] > 0 else None
        for value in answers.values()
        if isinstance(value, list)
        for item in value
        if isinstance(item, dict)
    ]
