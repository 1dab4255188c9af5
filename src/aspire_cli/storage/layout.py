"""Where every file of a home lives, and the one builder and parser of the names aspire gives them:

    <home>/team.toml                               the roster
    <home>/records/<employee>/<date>-<kind>.toml   a record, the truth (a second on one day: -2, -3...)
    <home>/records/<employee>/<date>-<kind>.md     its readable copy
    <home>/records/<employee>/<date>-action-<n>-<tag>.toml
                                                   a follow-up of action n (done, dropped, open
                                                   again): a new file each time, never rewritten
    <home>/records/<employee>/.versions/<date>-<kind>.<UTC time>.toml
                                                   a record as it was before an `aspire edit`, or
                                                   as `aspire delete` took it away (then with its
                                                   .md and its actions' follow-ups, named alike)
    <home>/records/<employee>/.action-numbers-given-<n>
                                                   the highest action number ever given to the
                                                   employee: never given again (an empty file;
                                                   two after a sync: the higher counts)
    <home>/drafts/<employee>.<kind>.toml           answers given so far in an unfinished interview
    <home>/.index.sqlite3                          what aspire learnt from the files (see index/)
    <home>/.lock, <home>/.locks/<kind>-<employee>.lock
                                                   the home's lock, and one per interview

A name is built here and read here, nowhere else: a listing, the index, sync, the hand-over archive
all ask this module what a name says. Plain Python: `aspire due` reads names for every member.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from aspire_cli.domain.ids import check_employee_id

TEAM_FILE = "team.toml"
RECORDS_FOLDER = "records"
DRAFTS_FOLDER = "drafts"
VERSIONS_FOLDER = ".versions"  # in an employee's folder: records before an edit, or deleted
LOCK_FILE = ".lock"
LOCKS_FOLDER = ".locks"
INDEX_FILE = ".index.sqlite3"

FOLLOW_UP = "follow-up"  # the kind a follow-up is listed as beside "prep" and "talk"
# re.ASCII throughout: \d is 0-9, not any script's digits (int() would read those as numbers)
_RECORD_STEM = re.compile(r"(\d{4}-\d{2}-\d{2})-(prep|talk)(?:-([1-9]\d*))?", re.ASCII)
# the tag is random, so that two copies of a home (sync) never make two different files of one name
_FOLLOW_UP_STEM = re.compile(r"(\d{4}-\d{2}-\d{2})-action-([1-9]\d*)-([0-9a-f]{6})", re.ASCII)
_FOLLOW_UP = re.compile(_FOLLOW_UP_STEM.pattern + r"\.toml", re.ASCII)
DELETED = "-deleted"  # ends the token of what `aspire delete` kept
_KEPT_TIME = re.compile(rf"\d{{8}}T\d{{6}}Z(?:-[1-9]\d*)?({DELETED})?", re.ASCII)
NUMBERS_GIVEN = ".action-numbers-given-"
NUMBERS_GIVEN_MAX = 999_999_999  # what such a name may hold: no leader gives more
_NUMBERS_GIVEN = re.compile(rf"{re.escape(NUMBERS_GIVEN)}([1-9]\d{{0,8}})", re.ASCII)


class RecordName(NamedTuple):
    """What a record's name says, its day as written (not checked against the calendar)."""

    day: str  # ISO date
    seq: int  # its number that day (a second talk on one day is 2)
    kind: str  # "prep" or "talk" ("follow-up": see split_folder_name)


class RecordFile(NamedTuple):
    """A record known by its name alone: sortable by day, then by its number that day."""

    day: date
    seq: int
    kind: str
    path: Path


class FollowUpName(NamedTuple):
    """What a follow-up's name says: the day it was recorded (local time), its action, its tag."""

    day: str  # ISO date, as written
    action: int
    tag: str


# -- where files live --------------------------------------------------------------------------------
def team_path(home: Path) -> Path:
    return home / TEAM_FILE


def records_root(home: Path) -> Path:
    return home / RECORDS_FOLDER


def records_dir(home: Path, employee: str) -> Path:
    return records_root(home) / check_employee_id(employee)


def drafts_root(home: Path) -> Path:
    return home / DRAFTS_FOLDER


def draft_path(home: Path, employee: str, kind: str) -> Path:
    return drafts_root(home) / draft_name(check_employee_id(employee), kind)


def lock_path(home: Path) -> Path:
    return home / LOCK_FILE


def interview_lock_path(home: Path, employee: str, kind: str) -> Path:
    return home / LOCKS_FOLDER / f"{kind}-{check_employee_id(employee)}.lock"


def index_path(home: Path) -> Path:
    return home / INDEX_FILE


# -- records, their readable copies and the versions an edit keeps -----------------------------------
def record_stem(day: date, kind: str, seq: int = 1) -> str:
    return f"{day.isoformat()}-{kind}{'' if seq == 1 else f'-{seq}'}"


def record_name(day: date, kind: str, seq: int = 1) -> str:
    return f"{record_stem(day, kind, seq)}.toml"


def split_record_name(name: str) -> RecordName | None:
    """What the name of a record says, or None if it is not one; the day is not checked against
    the calendar (2026-02-30 passes: see parse_record_name)."""
    if not name.endswith(".toml"):
        return None
    return _record_stem(name[:-5])


def parse_record_name(path: Path) -> RecordFile | None:
    """A record known by its name, or None if the name is not a record's or its day is not one of
    the calendar."""
    named = split_record_name(path.name)
    if named is None:
        return None
    try:
        day = date.fromisoformat(named.day)
    except ValueError:  # 2026-02-30: not a record's name
        return None
    return RecordFile(day, named.seq, named.kind, path)


def record_named_in(name: str) -> RecordName | None:
    """The record a file belongs to, by the part of its name before the first dot: the record
    itself, its readable copy or a version an edit kept."""
    return _record_stem(name.split(".", 1)[0])


def markdown_path(record: Path) -> Path:
    """Where a record's readable copy lives: beside it, with .md for .toml."""
    return record.with_name(markdown_name(record.name))


def markdown_name(record_name: str) -> str:
    return record_name.removesuffix(".toml") + ".md"


def is_markdown_name(name: str) -> bool:
    return name.endswith(".md") and _record_stem(name[:-3]) is not None


def kept_version_name(file: Path, when: datetime, seq: int = 1, *, deleted: bool = False) -> str:
    """The name of `file` (a record, its readable copy or a follow-up) as kept in .versions/ by an
    edit or a delete at `when` (UTC): <its stem>.<kept_token><its suffix>."""
    return f"{file.stem}.{kept_token(when, seq, deleted=deleted)}{file.suffix}"


def kept_token(when: datetime, seq: int = 1, *, deleted: bool = False) -> str:
    """What names the files one edit or one delete kept: its time (UTC), -2, -3... if that is
    taken, and -deleted for a delete."""
    return f"{when:%Y%m%dT%H%M%SZ}{'' if seq == 1 else f'-{seq}'}{DELETED if deleted else ''}"


class KeptName(NamedTuple):
    """What the name of a file in .versions/ says: the name it had, and the edit or delete that kept it."""

    name: str  # its name before: a record's, its readable copy's or a follow-up's
    token: str  # the time (UTC) it was kept, with -2, -3... as kept_token makes it
    deleted: bool  # kept by `aspire delete` (else by `aspire edit`)


def parse_kept_name(name: str) -> KeptName | None:
    stem, _, rest = name.partition(".")
    token, dot, suffix = rest.rpartition(".")
    time = _KEPT_TIME.fullmatch(token) if dot else None
    if time is None:
        return None
    if (_record_stem(stem) is not None and suffix in ("toml", "md")) or (
        _FOLLOW_UP_STEM.fullmatch(stem) is not None and suffix == "toml"
    ):
        return KeptName(f"{stem}.{suffix}", token, time[1] is not None)
    return None


def is_kept_version_name(name: str) -> bool:
    return parse_kept_name(name) is not None


def _record_stem(stem: str) -> RecordName | None:
    match = _RECORD_STEM.fullmatch(stem)
    if match is None:
        return None
    return RecordName(match[1], int(match[3] or 1), match[2])


# -- follow-ups --------------------------------------------------------------------------------------
def follow_up_name(recorded_day: str, action: int, tag: str) -> str:
    """The name of a follow-up recorded on `recorded_day` (ISO, local time), with its random tag."""
    return f"{recorded_day}-action-{action}-{tag}.toml"


def parse_follow_up_name(name: str) -> FollowUpName | None:
    match = _FOLLOW_UP.fullmatch(name)
    if match is None:
        return None
    return FollowUpName(match[1], int(match[2]), match[3])


def split_folder_name(name: str) -> RecordName | None:
    """What the name of a file in an employee's folder says: a record's day, number and kind, or a
    follow-up's day, with number 0 and kind "follow-up"; None for any other name."""
    record = split_record_name(name)
    if record is not None:
        return record
    follow_up = parse_follow_up_name(name)
    return None if follow_up is None else RecordName(follow_up.day, 0, FOLLOW_UP)


def is_record_or_follow_up_name(name: str) -> bool:
    """Whether `name` is that of a record (of a real day) or of a follow-up: what a hand-over holds."""
    return parse_record_name(Path(name)) is not None or parse_follow_up_name(name) is not None


# -- the highest action number given ----------------------------------------------------------------
def numbers_given_name(number: int) -> str:
    return f"{NUMBERS_GIVEN}{number}"


def parse_numbers_given_name(name: str) -> int | None:
    """The number such a name holds; None for any other name (a number over NUMBERS_GIVEN_MAX too)."""
    match = _NUMBERS_GIVEN.fullmatch(name)
    return None if match is None else int(match[1])


# -- drafts ------------------------------------------------------------------------------------------
def draft_name(employee: str, kind: str) -> str:
    return f"{employee}.{kind}.toml"


def is_draft_name(name: str) -> bool:
    """Whether a name in the drafts folder is listed as a draft (what it holds is checked on reading)."""
    return name.endswith(".toml")


def parse_draft_name(name: str) -> tuple[str, str]:
    """(employee, kind) as a draft's name gives them, unchecked: a listing says what is wrong."""
    employee, _, kind = name.removesuffix(".toml").partition(".")
    return employee, kind
