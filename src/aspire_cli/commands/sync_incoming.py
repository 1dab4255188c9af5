"""What an `aspire sync` brought in, said the way a leader thinks of it: "2 new records: bob
2026-11-20 talk, carol 2026-11-21 prep; 1 follow-up: bob #1; the team: dave added", from the files
the merge changed (their names are enough; nothing is parsed but team.toml)."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from aspire_cli.errors import warn
from aspire_cli.safe_text import one_line
from aspire_cli.storage.git import git_out, run_git, shown
from aspire_cli.storage.layout import (
    VERSIONS_FOLDER,
    KeptName,
    parse_follow_up_name,
    parse_kept_name,
    parse_numbers_given_name,
    record_named_in,
)
from aspire_cli.storage.merge_driver import CONFLICT_MARK, original
from aspire_cli.storage.recipients import RECIPIENTS_NAME

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's own: what a first sync is compared to


class Incoming(NamedTuple):
    lines: list[str]  # what came in, for the leader
    kept_both: list[tuple[str, str]]  # (file, the other machine's version beside it)
    notes: list[str]  # choices made merging the roster


NOTHING = Incoming([], [], [])


def incoming(home: Path, before: str | None, notes: list[str]) -> Incoming:
    """What changed in the home from commit `before` to HEAD: every file counted somewhere."""
    out = git_out(
        home, "diff", "--name-status", "--no-renames", "--no-ext-diff", "-z", before or EMPTY_TREE, "HEAD"
    )
    fields = out.split("\0")
    news = _News()
    for status, path in zip(fields[0::2], fields[1::2], strict=False):
        news.add(status, path)
    lines = [
        _counted(news.records["A"], "new record"),
        _counted(news.records["D"], "deleted record"),
        _counted(news.records["M"], "edited record"),
        _counted(news.follow_ups, "follow-up"),
        _counted([r for r in news.copies if r not in news.recorded], "readable copy", "readable copies"),
        _counted(
            [r for r in news.kept if r not in news.recorded],
            "version kept by an edit",
            "versions kept by an edit",
        ),
        _counted(news.settled, "settled conflict"),
        _team_change(home, before) if "team.toml" in news.top else "",
        "your settings (config.toml)" if "config.toml" in news.top else "",
        _keys_change(home, before) if RECIPIENTS_NAME in news.top else "",
        _counted(news.sets, "question set"),
        _counted(news.other, "other file"),
    ]
    return Incoming([line for line in lines if line], news.kept_both, notes)


class _News:
    """The files a merge changed, sorted the way a leader thinks of them; each label listed once."""

    def __init__(self) -> None:
        self.records: dict[str, list[str]] = {"A": [], "D": [], "M": []}
        self.recorded: set[str] = set()  # records listed above: their copies and versions go with them
        self.follow_ups: list[str] = []
        self.copies: list[str] = []
        self.kept: list[str] = []
        self.settled: list[str] = []
        self.kept_both: list[tuple[str, str]] = []
        self.top: set[str] = set()
        self.sets: list[str] = []
        self.other: list[str] = []

    def add(self, status: str, path: str) -> None:
        parts, name = path.split("/"), path.rsplit("/", 1)[-1]
        if CONFLICT_MARK in name:
            if status == "D":  # the other machine settled it: nothing left to compare
                _once(self.settled, _label(original(path)) or original(path))
            else:  # said in the warning about both versions, with what came with it
                self.kept_both.append((original(path), path))
                self.recorded.add(_label(original(path)) or original(path))
        elif path in ("team.toml", "config.toml", RECIPIENTS_NAME):
            self.top.add(path)
        elif parts[0] == "questions" and len(parts) == 2:
            _once(self.sets, name.removesuffix(".toml"))
        elif parts[0] == "records" and (parse_numbers_given_name(name) or _kept_follow_up(parts)):
            pass  # said with what came with it: a talk that gave a number, a delete
        elif parts[0] == "records" and len(parts) == 3 and (follow := parse_follow_up_name(name)):
            _once(self.follow_ups, f"{parts[1]} #{follow.action}" + (" (removed)" if status == "D" else ""))
        elif (label := _label(path)) and name.endswith(".toml") and len(parts) == 3:
            _once(self.records.get(status[:1], self.records["M"]), label)
            self.recorded.add(label)
        elif label and status != "D" and _kept_by_a_delete(parts):  # a record deleted there
            _once(self.records["D"], label)
            self.recorded.add(label)
        elif label:
            _once(self.kept if VERSIONS_FOLDER in parts else self.copies, label)
        else:
            self.other.append(path)


def _kept_follow_up(parts: list[str]) -> bool:
    """Whether a path is that of a follow-up a delete kept in .versions/ with its talk."""
    kept = _kept(parts)
    return kept is not None and parse_follow_up_name(kept.name) is not None


def _kept_by_a_delete(parts: list[str]) -> bool:
    kept = _kept(parts)
    return kept is not None and kept.deleted


def _kept(parts: list[str]) -> KeptName | None:
    return parse_kept_name(parts[-1]) if len(parts) == 4 and parts[2] == VERSIONS_FOLDER else None


def _label(path: str) -> str | None:
    """'alice 2026-11-20 talk (2)' for a record, its Markdown copy or a version an edit kept."""
    parts = path.split("/")
    if parts[0] != "records" or len(parts) not in (3, 4):
        return None
    record = record_named_in(parts[-1])
    if record is None:
        return None
    return f"{parts[1]} {record.day} {record.kind}" + (f" ({record.seq})" if record.seq > 1 else "")


def _once(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _counted(items: list[str], what: str, plural: str = "") -> str:
    if not items:
        return ""
    listed = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
    return f"{len(items)} {what if len(items) == 1 else plural or what + 's'}: {listed}"


def _team_change(home: Path, before: str | None) -> str:
    import tomllib

    def members(text: str) -> dict[str, object]:
        try:
            found = tomllib.loads(text).get("members", {})
        except (tomllib.TOMLDecodeError, RecursionError):  # nested absurdly deep: no roster either
            return {}
        return found if isinstance(found, dict) else {}

    old = members(run_git(home, "show", f"{before}:team.toml").stdout if before else "")
    new = members(run_git(home, "show", "HEAD:team.toml").stdout)
    changes = [f"{e} added" for e in new if e not in old] + [f"{e} removed" for e in old if e not in new]
    changes += [f"{e} changed" for e in new if e in old and new[e] != old[e]]
    return "the team: " + (", ".join(changes) if changes else "changed")


def _keys_change(home: Path, before: str | None) -> str:
    """Which keys what is sent is now sealed to, and which not, since `before`: said, since from now
    on this machine seals to them too."""
    from aspire_cli.storage.recipients import key_of, shown_key

    def keys(at: str) -> dict[str, str]:
        text = run_git(home, "show", f"{at}:{RECIPIENTS_NAME}").stdout
        lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
        return {key_of(line): line for line in lines}

    old, new = keys(before) if before else {}, keys("HEAD")
    changes = [f"{shown_key(v)} added" for k, v in new.items() if k not in old]
    changes += [f"{shown_key(v)} removed" for k, v in old.items() if k not in new]
    return "the recipients (.aspire-recipients): " + (", ".join(changes) if changes else "reordered")


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
