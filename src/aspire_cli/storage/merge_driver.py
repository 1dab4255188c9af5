"""How two copies of a home are merged, so that no file aspire reads ever holds a conflict marker.

Records and follow-ups are new files with names that cannot collide, so git merges them alone.
What both machines changed is merged here, by the drivers aspire names in the repository's own
.git/info/attributes and .git/config (git runs them during `aspire sync`, or a `git pull` by hand),
with a Python isolated from the home it runs in (sync_init.py, configure):

    team.toml  merge=aspire-team       python -E -P -m aspire_cli.storage.merge_driver team %O %A %B %P
    *          merge=aspire-keep-both  python -E -P -m aspire_cli.storage.merge_driver keep %O %A %B %P

- team.toml: both rosters in one. A member added, changed or removed on one side only comes over
  as it is; one changed on both sides keeps, field by field, what only one side changed, and where
  both changed a field, the same value whichever machine merges (the shorter cadence, the earlier
  `added`, else the longer name), named on stderr. A change wins over a removal. A side that is
  not a roster at all is kept both ways, as below.
- anything else (a record edited on both machines, config.toml, a question set): this machine's
  version stays in place and the other's is written beside it as <stem>.conflict-<tag><suffix>,
  a name no listing reads; the tag is the other side's short commit ($ASPIRE_SYNC_TAG, set by
  aspire sync) or, in a merge by hand, a hash of its content.

A choice made in the roster goes to stderr as a line starting NOTE, which aspire sync shows.
aspire sync uses the same functions for what git left unmerged (a change against a deletion, a
driver that could not run).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

NOTE = "aspire-sync-note: "
TAG_ENV = "ASPIRE_SYNC_TAG"
CONFLICT_MARK = ".conflict-"
LIMIT = 64 * 1024 * 1024  # files.TEAM_LIMIT, not imported: the driver starts with as little as it can


def merge_team(base: bytes, ours: bytes, theirs: bytes) -> tuple[str, list[str]] | None:
    """team.toml as both sides would have it, and a note per choice made; None if either side is
    not a roster (invalid TOML, members not a table)."""
    import tomli_w

    o, a, b = _roster(base) or {}, _roster(ours), _roster(theirs)
    if a is None or b is None:
        return None
    notes: list[str] = []
    merged: dict[str, Any] = {}
    for key in _keys(a, b):
        if key != "members":
            value = _pick(key, o.get(key), a.get(key), b.get(key))
            if value is not None:
                merged[key] = value
    members: dict[str, Any] = {}
    old, mine, other = o.get("members", {}), a["members"], b["members"]
    for employee in sorted(set(mine) | set(other)):
        member = _member(employee, old.get(employee), mine.get(employee), other.get(employee), notes)
        if member is not None:
            members[employee] = member
    merged["members"] = members
    return tomli_w.dumps(merged), notes


def _roster(text: bytes) -> dict[str, Any] | None:
    if not text.strip():
        return {"members": {}}
    try:
        data = tomllib.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    members = data.setdefault("members", {})
    return data if isinstance(members, dict) else None


def _keys(*tables: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(key for table in tables for key in table))


def _member(employee: str, old: Any, mine: Any, other: Any, notes: list[str]) -> Any:
    if mine == other or other == old:
        return mine
    if mine == old:
        return other
    if mine is None or other is None:
        notes.append(f"team.toml: {employee} was removed on one machine and changed on the other: kept")
        return mine if other is None else other
    if not (isinstance(mine, dict) and isinstance(other, dict)):
        return _pick(employee, old, mine, other)
    old = old if isinstance(old, dict) else {}
    member: dict[str, Any] = {}
    for key in _keys(mine, other):
        value = _pick(key, old.get(key), mine.get(key), other.get(key))
        if mine.get(key) != other.get(key) and old.get(key) not in (mine.get(key), other.get(key)):
            lost = other.get(key) if value == mine.get(key) else mine.get(key)
            notes.append(
                f"team.toml: {employee}'s {key} was changed on both machines: kept {value!r}, not {lost!r}"
            )
        if value is not None:
            member[key] = value
    return member


def _pick(key: str, old: Any, mine: Any, other: Any) -> Any:
    """One value from a three-way comparison; where both sides changed it, the same choice
    whichever machine merges, so that two machines merging at once still agree."""
    if mine == other or other == old:
        return mine
    if mine == old:
        return other
    present = [value for value in (mine, other) if value is not None]
    if len(present) == 1:
        return present[0]
    if key in ("cadence_months", "added") and type(mine) is type(other):
        return min(mine, other)  # the more frequent talks; the day they were first added
    return max(present, key=lambda value: (len(str(value)), str(value)))


def conflict_name(path: Path, tag: str) -> Path:
    """Where the other side's version of `path` is kept: beside it, a name no listing reads."""
    name = path.name
    stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
    return path.with_name(f"{stem}{CONFLICT_MARK}{tag}{dot}{suffix}")


def original(copy: str) -> str:
    """The file a kept version stands beside: records/a/x.conflict-1a2b3c4.toml -> records/a/x.toml."""
    return re.sub(rf"{re.escape(CONFLICT_MARK)}[0-9a-f]+(?:-\d+)?(?=\.[^.]*$|$)", "", copy, count=1)


def keep_theirs_beside(path: Path, theirs: bytes, tag: str | None = None) -> Path:
    """Write the other side's version of `path` beside it (private, never over a file); its path.
    Not through files.atomic_write, the writer of every other file: git runs this module in a bare
    Python that loads nothing of aspire's but this module (standard library only), and O_EXCL
    already keeps it from ever replacing a file; a copy cut short by a crash is a new file, never
    the record."""
    tag = tag or os.environ.get(TAG_ENV) or hashlib.sha1(theirs).hexdigest()[:7]
    copy, seq = conflict_name(path, tag), 1
    while os.path.lexists(copy):
        seq += 1
        copy = conflict_name(path, f"{tag}-{seq}")
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(theirs)
    return copy


def _driver(mode: str, base: str, ours: str, theirs: str, path: str) -> int:
    """Run by git with the three versions in temporary files; the result goes into `ours`."""
    mine, other = _bounded(ours), _bounded(theirs)
    if mode == "team":
        merged = merge_team(_bounded(base), mine, other)
        if merged is not None:
            text, notes = merged
            Path(ours).write_text(text, encoding="utf-8")  # git's own temporary file, which git moves
            for note in notes:
                print(f"{NOTE}{note}", file=sys.stderr)
            return 0
    keep_theirs_beside(Path(path), other)  # aspire sync finds it: a new file, named as no other is
    return 0


def _bounded(path: str) -> bytes:
    """A version git gives the driver, read whole only if it is no bigger than any file aspire
    reads (64 MiB, the roster's cap): a bigger one is left unmerged, and aspire sync settles it."""
    with Path(path).open("rb") as version:
        data = version.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise OSError(f"{path}: bigger than the {LIMIT // (1024 * 1024)} MiB aspire reads")
    return data


def main(argv: list[str]) -> int:
    if len(argv) != 5 or argv[0] not in ("team", "keep"):
        print(
            "usage: python -m aspire_cli.storage.merge_driver team|keep BASE OURS THEIRS PATH",
            file=sys.stderr,
        )
        return 2
    try:
        return _driver(*argv)
    except OSError as exc:  # git then reports the file as unmerged, and aspire sync takes over
        print(f"aspire merge driver: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
