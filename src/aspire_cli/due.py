"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. A member's latest talk is found by file name alone and only
that record is read and validated, so a broken one is reported (by file) and everyone else listed.

A home can hold thousands of members and ten years of records, and `aspire due` runs from shell
start-up files and cron, so what it learns is kept in <home>/.due-cache.json together with the stamp
of every file and folder it learnt it from (see files.py for the rules every cache follows). Adding,
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
from aspire_cli.files import read_json, stamp, write_json
from aspire_cli.ids import check_employee_id
from aspire_cli.paths import question_set_path
from aspire_cli.schedule import DueRow, due_row, most_urgent_first
from aspire_cli.store import Store

if TYPE_CHECKING:
    from aspire_cli.questions import QuestionSet

CACHE_FORMAT = 3


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
    """Answers from the cache where its stamps still hold, from the files where they do not.

    Each cached member is one list: [folder stamp, latest talk's file name, its stamp, its ISO date,
    the problem with it]. This loop runs once per member, so it sticks to strings and os.stat:
    pathlib alone would double the time of `aspire due` for ten thousand members.
    """

    def __init__(self, store: Store, now_ns: int) -> None:
        self.store = store
        self.now_ns = now_ns
        self.root = str(store.records_root)
        self.key = [CACHE_FORMAT, __version__, stamp(question_set_path("talk"), now_ns)[0]]
        old = read_json(store.due_cache_path)
        self.old: dict[str, Any] = old if isinstance(old, dict) and old.get("key") == self.key else {}
        self.old_members: dict[str, Any] = self.old.get("members") or {}
        self.new: dict[str, Any] = {"key": self.key, "members": {}}

    def latest_talk(self, employee: str) -> tuple[str | None, str | None]:
        """The ISO date of the latest talk (None if never held), or a problem with its record."""
        check_employee_id(employee)  # the roster is trusted, but a path is built from it
        folder = f"{self.root}/{employee}"
        folder_stamp, folder_settled = stamp(folder, self.now_ns)  # before listing: a later change shows
        cached = self.old_members.get(employee)
        if isinstance(cached, list) and len(cached) == 5 and cached[0] == folder_stamp:
            file = cached[1]
            if file is None or (
                isinstance(file, str) and stamp(f"{folder}/{file}", self.now_ns)[0] == cached[2]
            ):
                self.new["members"][employee] = cached
                return cached[3], cached[4]
        entry, file_settled = self._learn(employee, folder_stamp)
        if folder_settled and file_settled:
            self.new["members"][employee] = entry
        return entry[3], entry[4]

    def _learn(self, employee: str, folder_stamp: str | None) -> tuple[list[Any], bool]:
        latest = self.store.latest(employee, "talk")
        if latest is None:
            return [folder_stamp, None, None, None, None], True
        file_stamp, file_settled = stamp(latest.path, self.now_ns)
        problem = None
        try:
            self.store.read_record(latest.path, _talk_questions())
        except AspireError as exc:
            problem = exc.message
        return [folder_stamp, latest.path.name, file_stamp, latest.day.isoformat(), problem], file_settled

    def save(self) -> None:
        if self.new != self.old:
            write_json(self.store.due_cache_path, self.new)


@cache
def _talk_questions() -> QuestionSet:
    from aspire_cli.questions import load_question_set

    return load_question_set("talk")
