"""The conflict copies a sync left (merge_driver.py writes them: <stem>.conflict-<tag><suffix>, beside
the file in place): found in the home, and remembered in the repository so that `due`, `show` and
`history` can say in one line, without searching every folder, that some are still to resolve.

The list lives in <home>/.git/aspire-conflicts (never synced: each machine resolves its own), written
by every sync and by `aspire sync resolve`; a copy removed by hand simply drops out of it (each
entry is checked to exist before it is named).
"""

from __future__ import annotations

import os
from pathlib import Path

from aspire_cli.errors import AspireError
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.layout import RECORDS_FOLDER

REMEMBERED = Path(".git") / "aspire-conflicts"
REMEMBERED_LIMIT = 64 * 1024  # a few hundred paths: a bigger file is not one aspire wrote
SYNCED_FOLDERS = ("", "questions")  # beside these, and in each employee's records folder


def find_copies(home: Path) -> list[Path]:
    """Every conflict copy in the places aspire syncs, sorted (paths inside `home`)."""
    from aspire_cli.storage.merge_driver import CONFLICT_MARK

    folders = [home / name for name in SYNCED_FOLDERS]
    records = home / RECORDS_FOLDER
    if records.is_dir() and not records.is_symlink():
        folders += sorted(entry for entry in records.iterdir() if entry.is_dir() and not entry.is_symlink())
    found: list[Path] = []
    for folder in folders:
        try:
            names = folder_names(folder)  # never through a link
        except AspireError:
            continue
        found += [folder / name for name in names if CONFLICT_MARK in name and (folder / name).is_file()]
    return sorted(found)


def remember(home: Path, copies: list[Path]) -> None:
    """Keep the list of unresolved copies for the listings (none: the list is removed)."""
    from aspire_cli.storage.files import atomic_write

    path = home / REMEMBERED
    if not path.parent.is_dir():
        return
    if not copies:
        path.unlink(missing_ok=True)
        return
    atomic_write(path, "".join(f"{copy.relative_to(home).as_posix()}\n" for copy in copies), durable=False)


def unresolved(home: Path, employee: str | None = None) -> list[str]:
    """The remembered copies still there (of `employee`'s records only, when given), as relative paths."""
    from aspire_cli.storage.files import read_regular

    path = home / REMEMBERED
    if not os.path.lexists(path):
        return []
    try:
        text = read_regular(path, REMEMBERED_LIMIT).decode("utf-8", "replace")
    except AspireError:
        return []
    prefix = f"{RECORDS_FOLDER}/{employee}/" if employee else ""
    return [
        name
        for name in text.splitlines()
        if name.startswith(prefix) and ".." not in name.split("/") and (home / name).is_file()
    ]


def say_unresolved(home: Path, employee: str | None = None) -> None:
    """One line on stderr while conflict copies wait to be resolved; nothing otherwise."""
    copies = unresolved(home, employee)
    if not copies:
        return
    import sys

    from aspire_cli.safe_text import one_line
    from aspire_cli.storage.merge_driver import original  # not at the top: `due` reads this module

    count = len({original(copy).rsplit(".", 1)[0] for copy in copies})  # a record's .toml and .md: one
    which = f" of {employee}" if employee else ""
    first = next((copy for copy in copies if not copy.endswith(".md")), copies[0])  # a record's, not its copy
    line = (
        f"aspire: {count} sync conflict{'s' if count != 1 else ''}{which} to resolve ({first}"
        f"{', ...' if count > 1 else ''}): aspire sync resolve{f' {employee}' if employee else ''}"
    )
    print(one_line(line), file=sys.stderr)
