"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. A member's latest talk is found by file name alone and only
that record is read and validated, so a broken one is reported (by file) and everyone else listed.

A home can hold thousands of members and ten years of records, and `aspire due` runs from shell
start-up files and cron, so what it learns is kept in <home>/.due-cache.json together with the stamp
(inode, size, mtime, ctime) of every file and folder it learnt it from. An entry is reused only while
all those stamps are unchanged: adding, replacing or editing a record, or changing the team or the
question set, makes `due` read the files again. Stamps younger than STABLE_AFTER_NS are not cached,
because a change within the file system's timestamp granularity could otherwise go unseen (git's
"racily clean" problem). The files stay the truth; the cache can be deleted at any time.

This module imports neither pydantic nor Rich unless a file has to be read: see launcher.py.
"""

from __future__ import annotations

import time
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli import __version__
from aspire_cli.errors import AspireError
from aspire_cli.paths import question_set_path
from aspire_cli.schedule import DueRow, due_row, most_urgent_first
from aspire_cli.store import Stamp, Store, read_json, stamp, write_json

if TYPE_CHECKING:
    from aspire_cli.questions import QuestionSet

CACHE_FORMAT = 1
STABLE_AFTER_NS = 2_000_000_000


class DueReport(NamedTuple):
    rows: list[DueRow]
    problems: list[str]


def due_report(store: Store, as_of: date, within: int, *, now_ns: int | None = None) -> DueReport:
    """`now_ns` (default: the clock) decides which stamps are old enough to cache."""
    learner = _Learner(store, time.time_ns() if now_ns is None else now_ns)
    rows: list[DueRow] = []
    problems: list[str] = []
    for employee, name, cadence in learner.members():
        last_talk, problem = learner.latest_talk(employee)
        if problem:
            problems.append(problem)
            continue
        day = date.fromisoformat(last_talk) if last_talk else None
        rows.append(due_row(employee, name, cadence, day, as_of, within))
    learner.save()
    return DueReport(most_urgent_first(rows), problems)


class _Learner:
    """Answers from the cache where its stamps still hold, from the files where they do not."""

    def __init__(self, store: Store, now_ns: int) -> None:
        self.store = store
        self.started_ns = now_ns
        self.key = [CACHE_FORMAT, __version__, _json(stamp(question_set_path("talk")))]
        old = read_json(store.due_cache_path)
        self.old: dict[str, Any] = old if isinstance(old, dict) and old.get("key") == self.key else {}
        self.old_employees: dict[str, Any] = self.old.get("employees") or {}
        self.new: dict[str, Any] = {"key": self.key, "team": None, "employees": {}}

    def members(self) -> list[list[Any]]:
        """[employee, name, cadence_months] for each member of the team."""
        team_stamp = _json(stamp(self.store.team_path))  # taken before reading: a later change shows
        cached = self.old.get("team")
        if isinstance(cached, dict) and cached.get("stamp") == team_stamp:
            members: list[list[Any]] = cached["members"]
        else:
            team = self.store.read_team()
            members = [[e, m.name, m.cadence_months] for e, m in team.members.items()]
        if self._stable(team_stamp):
            self.new["team"] = {"stamp": team_stamp, "members": members}
        return members

    def latest_talk(self, employee: str) -> tuple[str | None, str | None]:
        """The ISO date of the latest talk (None if never held), or a problem with its record."""
        folder_stamp = _json(stamp(self.store.records_dir(employee)))
        cached = self.old_employees.get(employee)
        if (
            isinstance(cached, dict)
            and cached.get("folder") == folder_stamp
            and (
                cached["file"] is None
                or _json(stamp(self.store.records_dir(employee) / cached["file"])) == cached["file_stamp"]
            )
        ):
            self.new["employees"][employee] = cached
            return cached["last_talk"], cached["problem"]
        entry = self._learn(employee, folder_stamp)
        if self._stable(folder_stamp) and self._stable(entry["file_stamp"]):
            self.new["employees"][employee] = entry
        return entry["last_talk"], entry["problem"]

    def _learn(self, employee: str, folder_stamp: list[int] | None) -> dict[str, Any]:
        latest = self.store.latest(employee, "talk")
        if latest is None:
            return {
                "folder": folder_stamp,
                "file": None,
                "file_stamp": None,
                "last_talk": None,
                "problem": None,
            }
        file_stamp = _json(stamp(latest.path))
        problem = None
        try:
            self.store.read_record(latest.path, _talk_questions())
        except AspireError as exc:
            problem = exc.message
        return {
            "folder": folder_stamp,
            "file": latest.path.name,
            "file_stamp": file_stamp,
            "last_talk": latest.day.isoformat(),
            "problem": problem,
        }

    def _stable(self, file_stamp: list[int] | None) -> bool:
        if file_stamp is None:
            return True
        _, _, mtime_ns, ctime_ns = file_stamp
        return max(mtime_ns, ctime_ns) < self.started_ns - STABLE_AFTER_NS

    def save(self) -> None:
        if self.new != self.old:
            write_json(self.store.due_cache_path, self.new)


def _json(value: Stamp | None) -> list[int] | None:
    """A stamp as JSON gives it back, so cached and fresh stamps compare equal."""
    return list(value) if value is not None else None


@cache
def _talk_questions() -> QuestionSet:
    from aspire_cli.questions import load_question_set

    return load_question_set("talk")
