"""Whose discussion is due: the roster and each member's latest talk, turned into rows.

Only a talk counts as a held discussion. A member's latest talk is found by file name alone and only
that record is read and validated, so a broken one is reported (by file) and everyone else listed.

A home can hold thousands of members and ten years of records, and `aspire due` runs from shell
start-up files and cron, so what it learns is kept in <home>/.due-cache.json together with the stamp
of every file and folder it learnt it from (see files.py for the rules every cache follows). Adding,
replacing or editing a record, or changing the question set, makes `due` read the files again.
The cache is never the truth: an entry that does not hold up (wrong types, a date that does not
match its file's name) is a miss, and the files are read again.

No one can hide behind a file: a member whose folder or latest talk cannot be read, or whose
latest talk is dated after today, is named as a problem, and everyone else is listed.

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
from aspire_cli.store import RECORD_NAME, Store

if TYPE_CHECKING:
    from aspire_cli.questions import QuestionSet

CACHE_FORMAT = 4


class DueReport(NamedTuple):
    rows: list[DueRow]
    problems: list[str]


class Learnt(NamedTuple):
    """A member's latest talk: its file (None if never held), its ISO date, the problem with it."""

    file: str | None
    day: str | None
    problem: str | None


def due_report(
    store: Store, as_of: date, within: int, *, today: date | None = None, now_ns: int | None = None
) -> DueReport:
    """`today` (default: `as_of`) is the day after which a talk lies in the future; `now_ns`
    (default: the clock) decides which stamps are old enough to cache."""
    roster, problems = store.roster_report()
    store.has_records()  # a link or a file in place of the records folder: no report at all
    learner = _Learner(store, time.time_ns() if now_ns is None else now_ns)
    rows: list[DueRow] = []
    for employee, member in roster.items():
        learnt = learner.latest_talk(employee)
        problem = learnt.problem or _in_the_future(learnt, today or as_of)
        if problem:
            problems.append(problem)
            continue
        day = date.fromisoformat(learnt.day) if learnt.day else None
        rows.append(due_row(employee, member.name, member.cadence_months, day, as_of, within))
    learner.save()
    return DueReport(most_urgent_first(rows), problems)


def _in_the_future(learnt: Learnt, today: date) -> str | None:
    """A talk dated after today cannot have been held: it would make its member look fine for years."""
    if learnt.day is None or learnt.day <= today.isoformat():  # ISO dates sort as days do
        return None
    return f"{learnt.file}: dated {learnt.day}, in the future; fix the date"


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
        members = self.old.get("members")
        self.old_members: dict[str, Any] = members if isinstance(members, dict) else {}
        self.new: dict[str, Any] = {"key": self.key, "members": {}}

    def latest_talk(self, employee: str) -> Learnt:
        """The member's latest talk, or the problem with their folder or its record."""
        check_employee_id(employee)  # the roster is trusted, but a path is built from it
        folder = f"{self.root}/{employee}"
        try:
            entry = self._entry(employee, folder)
        except OSError as exc:  # a folder that cannot be searched, say
            return Learnt(None, None, f"{folder}: cannot be read: {exc.strerror or exc}")
        file = f"{folder}/{entry[1]}" if entry[1] else None
        return Learnt(file, entry[3], entry[4])

    def _entry(self, employee: str, folder: str) -> list[Any]:
        # links are not followed: a link in place of the folder or the record changes its stamp
        folder_stamp, folder_settled = stamp(folder, self.now_ns, follow=False)  # before listing
        cached = self.old_members.get(employee)
        if isinstance(cached, list) and self._holds(cached, folder, folder_stamp):
            self.new["members"][employee] = cached
            return cached
        entry, file_settled = self._learn(employee, folder_stamp)
        if folder_settled and file_settled:
            self.new["members"][employee] = entry
        return entry

    def _holds(self, cached: list[Any], folder: str, folder_stamp: str | None) -> bool:
        """Whether a cached entry is well formed and the folder and file it came from are unchanged."""
        if len(cached) != 5 or cached[0] != folder_stamp:
            return False
        file, file_stamp, day, problem = cached[1:]
        if problem is not None and not isinstance(problem, str):
            return False
        if file is None:
            return file_stamp is None and day is None
        if not _names_talk_of(file, day):
            return False
        return bool(stamp(f"{folder}/{file}", self.now_ns, follow=False)[0] == file_stamp)

    def _learn(self, employee: str, folder_stamp: str | None) -> tuple[list[Any], bool]:
        try:
            latest = self.store.latest(employee, "talk")
        except AspireError as exc:  # a link or a file in place of the folder
            return [folder_stamp, None, None, None, exc.message], True
        if latest is None:
            return [folder_stamp, None, None, None, None], True
        file_stamp, file_settled = stamp(latest.path, self.now_ns, follow=False)
        problem = None
        try:
            self.store.read_record(latest.path, _talk_questions())
        except AspireError as exc:
            problem = exc.message
        return [folder_stamp, latest.path.name, file_stamp, latest.day.isoformat(), problem], file_settled

    def save(self) -> None:
        if self.new != self.old:
            write_json(self.store.due_cache_path, self.new)


def _names_talk_of(file: Any, day: Any) -> bool:
    """Whether `file` is a talk record's name (nothing else: a path is built from it) of the `day`."""
    match = RECORD_NAME.fullmatch(file) if isinstance(file, str) else None
    if match is None or match[2] != "talk" or match[1] != day:
        return False
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


@cache
def _talk_questions() -> QuestionSet:
    from aspire_cli.questions import load_question_set

    return load_question_set("talk")
