"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. A member's latest talk is found by file name alone and only
that record is read and validated, so a broken one is reported (by file) and everyone else listed.

A home can hold thousands of members and ten years of records, and `aspire due` runs from shell
start-up files and cron, so what it learns is kept in <home>/.due-cache.json together with the stamp
of every file and folder it learnt it from (see store.py for the rules every cache follows). Adding,
replacing or editing a record, or changing the question set, makes `due` read the files again.

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
from aspire_cli.store import Store, read_json, settled, stamp_list, write_json

if TYPE_CHECKING:
    from aspire_cli.questions import QuestionSet

CACHE_FORMAT = 2


class DueReport(NamedTuple):
    rows: list[DueRow]
    problems: list[str]


def due_report(store: Store, as_of: date, within: int, *, now_ns: int | None = None) -> DueReport:
    """`now_ns` (default: the clock) decides which stamps are old enough to cache."""
    learner = _Learner(store, time.time_ns() if now_ns is None else now_ns)
    rows: list[DueRow] = []
    problems: list[str] = []
    for employee, member in store.roster().items():
        last_talk, problem = learner.latest_talk(employee)
        if problem:
            problems.append(problem)
            continue
        day = date.fromisoformat(last_talk) if last_talk else None
        rows.append(due_row(employee, member.name, member.cadence_months, day, as_of, within))
    learner.save()
    return DueReport(most_urgent_first(rows), problems)


class _Learner:
    """Answers from the cache where its stamps still hold, from the files where they do not."""

    def __init__(self, store: Store, now_ns: int) -> None:
        self.store = store
        self.now_ns = now_ns
        self.key = [CACHE_FORMAT, __version__, stamp_list(question_set_path("talk"))]
        old = read_json(store.due_cache_path)
        self.old: dict[str, Any] = old if isinstance(old, dict) and old.get("key") == self.key else {}
        self.old_employees: dict[str, Any] = self.old.get("employees") or {}
        self.new: dict[str, Any] = {"key": self.key, "employees": {}}

    def latest_talk(self, employee: str) -> tuple[str | None, str | None]:
        """The ISO date of the latest talk (None if never held), or a problem with its record."""
        folder = self.store.records_dir(employee)
        folder_stamp = stamp_list(folder)  # taken before listing: a later change shows next time
        cached = self.old_employees.get(employee)
        if isinstance(cached, dict) and cached.get("folder") == folder_stamp:
            file = cached.get("file")
            if file is None or stamp_list(folder / file) == cached.get("file_stamp"):
                self.new["employees"][employee] = cached
                return cached.get("last_talk"), cached.get("problem")
        entry = self._learn(employee, folder_stamp)
        if settled(folder_stamp, self.now_ns) and settled(entry["file_stamp"], self.now_ns):
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
        file_stamp = stamp_list(latest.path)
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

    def save(self) -> None:
        if self.new != self.old:
            write_json(self.store.due_cache_path, self.new)


@cache
def _talk_questions() -> QuestionSet:
    from aspire_cli.questions import load_question_set

    return load_question_set("talk")
