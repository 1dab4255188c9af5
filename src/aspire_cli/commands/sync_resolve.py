"""`aspire sync resolve [EMPLOYEE] [--keep in-place|copy]`: the conflict copies a sync left, settled.

For each copy (a record's .toml with its .md copy counts as one), what differs from the version in
place is shown, and the leader keeps one: the version in place (the copy goes), or the copy (it
takes the place of the other, whose record is kept in .versions/ as an edit keeps it). Asked in a
terminal; `--keep` decides every one for a script. A copy to keep must read as the file it would
replace (a record as a record). Every choice of one run is one commit; the next sync takes it to
the other machine, which reports the settled conflicts.
"""

from __future__ import annotations

import difflib
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, BadInput, NotATerminal
from aspire_cli.safe_text import one_line, visible
from aspire_cli.storage.conflicts import find_copies, remember
from aspire_cli.storage.files import RECORD_LIMIT, atomic_write, read_regular
from aspire_cli.storage.git import is_repository
from aspire_cli.storage.layout import RECORDS_FOLDER
from aspire_cli.storage.merge_driver import original

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store

IN_PLACE, COPY, SKIP = "in-place", "copy", "skip"
DIFF_LINES = 40  # a record's answers differ in a few lines; the rest is `diff` by hand


def run_resolve(store: Store, employee: str | None, keep: str | None) -> int:
    home = store.home
    if not is_repository(home):
        raise AspireError(f"{home} is not kept in git, so a sync left no conflict copies there")
    if keep is not None and keep not in (IN_PLACE, COPY):
        raise BadInput(f"--keep '{one_line(keep)}': give in-place or copy; see: aspire sync resolve --help")
    units = _units(home, employee)
    if not units:
        whose = f" of {employee}" if employee else ""
        print(f"No sync conflicts{whose} to resolve.")
        return 0
    if keep is None and not sys.stdin.isatty():
        raise NotATerminal(
            "sync resolve asks which version to keep; with no terminal give --keep in-place or copy"
        )
    choices = [(place, copies, keep or _ask(home, place, copies)) for place, copies in units]  # no lock held
    changed: list[Path] = []
    said: list[str] = []
    with store.locked():
        for place, copies, choice in choices:
            if choice == SKIP or not all(copy.exists() for copy in copies):  # settled meanwhile
                continue
            changed += _settle(store, place, copies, choice)
            kept = "the version in place" if choice == IN_PLACE else "the copy"
            said.append(f"{_rel(home, place)}: kept {kept}")
        if changed:
            store.committed(f"sync resolve: {len(said)} conflict{'s' if len(said) != 1 else ''}", *changed)
        remember(home, find_copies(home))
    for line in said:
        print(one_line(line))
    left = len(units) - len(said)
    if left:
        print(f"{left} left to resolve: aspire sync resolve")
    return 0


def _units(home: Path, employee: str | None) -> list[tuple[Path, list[Path]]]:
    """Each file in place with its conflict copies (a record's .toml copy with its .md copy)."""
    units: dict[Path, list[Path]] = {}
    for copy in find_copies(home):
        if employee and copy.parent != home / RECORDS_FOLDER / employee:
            continue
        place = Path(original(str(copy)))
        if place.suffix == ".md" and (copy.with_suffix(".toml")).exists():
            continue  # follows its record's copy
        units.setdefault(place, []).append(copy)
        md = copy.with_suffix(".md")
        if place.suffix == ".toml" and md.exists():
            units[place].append(md)
    return sorted(units.items())


def _ask(home: Path, place: Path, copies: list[Path]) -> str:
    from aspire_cli.interview import prompts

    print(one_line(f"\n{_rel(home, place)} and its conflict copy {copies[0].name}:"))
    for line in _diff(place, copies[0]):
        print(line)
    return prompts.pick(
        "Keep which?",
        [
            (IN_PLACE, f"The version in place ({place.name})"),
            (COPY, f"The copy ({copies[0].name})"),
            (SKIP, "Neither yet: leave both"),
        ],
    )


def _diff(place: Path, copy: Path) -> list[str]:
    """What differs, as unified diff lines shown safely (control characters visible), cut short."""
    ours = _text(place).splitlines()
    theirs = _text(copy).splitlines()
    lines = list(difflib.unified_diff(ours, theirs, "in place", "copy", lineterm="", n=1))
    shown = [visible(line) for line in lines[:DIFF_LINES]]
    if len(lines) > DIFF_LINES:
        shown.append(f"... ({len(lines) - DIFF_LINES} more lines: diff the two files)")
    return shown or ["(the same text)"]


def _text(path: Path) -> str:
    if not path.exists():
        return ""
    return read_regular(path, RECORD_LIMIT).decode("utf-8", "replace")


def _settle(store: Store, place: Path, copies: list[Path], choice: str) -> list[Path]:
    """Keep `choice`; the paths changed (written, kept, removed) for the one commit."""
    changed = list(copies)
    if choice == COPY:
        changed += _keep_copy(store, place, copies)
    for copy in copies:
        copy.unlink()
    return changed


def _keep_copy(store: Store, place: Path, copies: list[Path]) -> list[Path]:
    """The copy in place of the file (a record checked as one first, its version before kept)."""
    copy = copies[0]
    if place.parent.parent == store.home / RECORDS_FOLDER and place.suffix == ".toml":
        try:
            store.records.checked(copy)
        except AspireError as exc:
            raise BadFile(
                f"{exc.message}; not kept: keep the version in place, or fix the copy by hand"
            ) from None
    written = [place]
    if place.exists() and place.parent.parent == store.home / RECORDS_FOLDER:
        from aspire_cli.storage.records import keep_version

        written.append(keep_version(place, read_regular(place, RECORD_LIMIT), datetime.now(UTC)))
    atomic_write(place, read_regular(copy, RECORD_LIMIT))
    for md in copies[1:]:  # the record's readable copy, as the other machine wrote it
        target = Path(original(str(md)))
        atomic_write(target, read_regular(md, RECORD_LIMIT))
        written.append(target)
    return written


def _rel(home: Path, path: Path) -> str:
    return path.relative_to(home).as_posix()
