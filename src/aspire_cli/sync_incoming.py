"""What an `aspire sync` brought in, said the way a leader thinks of it: "2 new records: bob
2026-11-20 talk, carol 2026-11-21 prep; 1 follow-up: bob #1; the team: dave added", from the files
the merge changed (their names are enough; nothing is parsed but team.toml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from aspire_cli.errors import warn
from aspire_cli.git_home import git_out, run_git, shown
from aspire_cli.safe_text import one_line
from aspire_cli.store import FOLLOW_UP_NAME, RECORD_NAME
from aspire_cli.sync_merge import CONFLICT_MARK

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's own: what a first sync is compared to


class Incoming(NamedTuple):
    lines: list[str]  # what came in, for the leader
    kept_both: list[tuple[str, str]]  # (file, the other machine's version beside it)
    notes: list[str]  # choices made merging the roster


NOTHING = Incoming([], [], [])


def incoming(home: Path, before: str | None, notes: list[str]) -> Incoming:
    """What changed in the home from commit `before` to HEAD."""
    out = git_out(home, "diff", "--name-status", "--no-renames", "-z", before or EMPTY_TREE, "HEAD")
    fields = out.split("\0")
    new: list[str] = []
    follow_ups: list[str] = []
    edits: list[str] = []
    other: list[str] = []
    copies: list[tuple[str, str]] = []
    team = False
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        parts = path.split("/")
        in_records, name = len(parts) == 3 and parts[0] == "records", parts[-1]
        if CONFLICT_MARK in name:
            copies.append((original(path), path))
        elif path == "team.toml":
            team = True
        elif in_records and (record := RECORD_NAME.fullmatch(name)):
            seq = f" ({record[3]})" if record[3] else ""
            (new if status == "A" else edits).append(f"{parts[1]} {record[1]} {record[2]}{seq}")
        elif in_records and (follow := FOLLOW_UP_NAME.fullmatch(name)):
            follow_ups.append(f"{parts[1]} #{follow[2]}")
        elif not (parts[0] == "records" and (name.endswith(".md") or ".versions" in parts)):
            other.append(path)  # a readable copy or a version kept by an edit goes with its record
    lines = [
        _counted(new, "new record"),
        _counted(follow_ups, "follow-up"),
        _counted(edits, "edited record"),
        _team_change(home, before) if team else "",
        _counted(other, "other file"),
    ]
    return Incoming([line for line in lines if line], copies, notes)


def original(copy: str) -> str:
    """The file a kept version stands beside: records/a/x.conflict-1a2b3c4.toml -> records/a/x.toml."""
    return re.sub(rf"{re.escape(CONFLICT_MARK)}[0-9a-f]+(?:-\d+)?(?=\.[^.]*$|$)", "", copy, count=1)


def _counted(items: list[str], what: str) -> str:
    if not items:
        return ""
    listed = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
    return f"{len(items)} {what}{'' if len(items) == 1 else 's'}: {listed}"


def _team_change(home: Path, before: str | None) -> str:
    import tomllib

    def members(text: str) -> dict[str, object]:
        try:
            found = tomllib.loads(text).get("members", {})
        except tomllib.TOMLDecodeError:
            return {}
        return found if isinstance(found, dict) else {}

    old = members(run_git(home, "show", f"{before}:team.toml").stdout if before else "")
    new = members(run_git(home, "show", "HEAD:team.toml").stdout)
    changes = [f"{e} added" for e in new if e not in old] + [f"{e} removed" for e in old if e not in new]
    changes += [f"{e} changed" for e in new if e in old and new[e] != old[e]]
    return "the team: " + (", ".join(changes) if changes else "changed")


def report(came: Incoming, sent: int, url: str) -> None:
    """What came in and what went out on stdout; each roster choice, and the files kept both ways
    (in one line), as warnings."""
    where = shown(url)
    if came.lines:
        print(one_line(f"From {where}: " + "; ".join(came.lines) + "."))
    if sent:
        print(one_line(f"Sent {sent} commit{'' if sent == 1 else 's'} to {where}."))
    if not came.lines and not sent:
        print(one_line(f"Up to date with {where}: nothing came in, nothing to send."))
    for note in came.notes:
        warn(note)
    twins = {file for file, _ in came.kept_both}
    kept = [(f, c) for f, c in came.kept_both if not (f.endswith(".md") and f[:-3] + ".toml" in twins)]
    if kept:
        both = "; ".join(f"{file} and, beside it, {Path(copy).name}" for file, copy in kept)
        warn(
            f"changed on both machines, both versions kept: {both}; compare them, keep what is right "
            "(aspire edit), delete the other"
        )
