"""Every record and follow-up in the index: table records, one row per file, by name, with what its
name says (kind, day, number that day: no query parses a name), its stamp, the problem with it,
and once read its answers and, apart, its actions (a team-wide list of actions loads no answer)."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.errors import AspireError
from aspire_cli.storage.files import stamp
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.index.db import IndexDb, seal
from aspire_cli.storage.layout import FOLLOW_UP, split_folder_name

if TYPE_CHECKING:
    from aspire_cli.domain.tracking import FollowUpNote
    from aspire_cli.storage.store import Store

ALL_KINDS = frozenset({"prep", "talk", FOLLOW_UP})
LATEST = "latest"  # Index.contents(answers=LATEST): the answers of each kind's latest record only


class IndexedRecord(NamedTuple):
    """A record as the index holds it: answers as JSON text (decoded by `answers()`), actions apart."""

    name: str
    day: str  # ISO date
    seq: int  # its number that day (a second talk on one day is 2)
    kind: str
    answers_text: str  # "" when they were not asked for
    actions: dict[str, list[dict[str, Any]]]  # question id -> the actions, as JSON-ready dicts

    def answers(self) -> tuple[int, dict[str, Any]]:
        """The question set version it was written with, and its answers (actions included)."""
        data = json.loads(self.answers_text)
        return data["version"], {**data["answers"], **self.actions}

    def own_words(self) -> dict[str, Any]:
        """The employee's own answers, as their returned form gave them ({} when none came)."""
        own = json.loads(self.answers_text).get("own") if self.answers_text else None
        return own if isinstance(own, dict) else {}

    def question_set(self) -> str:
        """The id of the question set it was written with (a set used once with --questions, say)."""
        set_id = json.loads(self.answers_text).get("set") if self.answers_text else None
        return set_id if isinstance(set_id, str) else self.kind


class Contents(NamedTuple):
    """One employee's folder: records (oldest first), follow-ups, and a line per file that failed."""

    records: list[IndexedRecord]
    follow_ups: list[FollowUpNote]
    problems: list[str]


Row = tuple[Any, ...]  # (stamp, problem, answers, actions, answers_seal)


class RecordRows:
    def __init__(self, db: IndexDb, store: Store) -> None:
        self.db = db
        self.store = store

    def contents(
        self, employees: list[str], kinds: frozenset[str], answers: bool | str
    ) -> dict[str, Contents]:
        """What each employee's folder holds of `kinds` (see Index.contents)."""
        stored = self._stored(employees, answers=answers is True, preps="prep" in kinds)
        if answers == LATEST:
            self._add_latest_answers(stored)
        root = str(self.store.records.root)
        return {
            employee: self._folder_contents(employee, f"{root}/{employee}", kinds, stored, answers)
            for employee in employees
        }

    def _folder_contents(
        self, employee: str, folder: str, kinds: frozenset[str], stored: dict[Any, Row], answers: bool | str
    ) -> Contents:
        contents = Contents([], [], [])
        try:
            names = folder_names(Path(folder))
        except AspireError as exc:  # a link or a file in place of the folder, or unreadable
            contents.problems.append(exc.message)
            return contents
        found: list[tuple[Any, ...]] = []
        for name in names:
            said = split_folder_name(name) if name.endswith(".toml") else None  # not the Markdown copies
            if said is not None and said.kind in kinds:
                found.append((*said, name))
        found.sort()
        latest = {kind: name for _, _, kind, name in found} if answers == LATEST else {}
        if latest.get("prep"):  # an older prep has no actions: with LATEST, only the latest is of use
            found = [item for item in found if item[2] != "prep" or item[3] == latest["prep"]]
        for day, seq, kind, name in found:
            path = f"{folder}/{name}"
            try:
                file_stamp, settled = stamp(path, self.db.now_ns, follow=False)
            except OSError as exc:
                contents.problems.append(f"{path}: cannot be read: {exc.strerror or exc}")
                continue
            wanted = answers is True or latest.get(kind) == name
            row = stored.get((employee, name))
            if wanted and row is not None and row[2] is None and row[1] is None:
                row = (*row[:2], self._stored_answers(employee, name, row[4]), *row[3:])
            if row is None or row[0] != file_stamp or not _holds_file(row, kind, wanted):
                row = self._read_file(employee, path, kind, file_stamp if settled else None)
            _add(contents, row, name, day, seq, kind)
        return contents

    def _stored_answers(self, employee: str, name: str, answers_seal: Any) -> str | None:
        """One record's answers, when they were not fetched with the rest; None if they do not hold up."""
        rows = self.db.rows("SELECT answers FROM records WHERE employee = ? AND name = ?", employee, name)
        text = rows[0][0] if rows else None
        return text if isinstance(text, str) and seal(text) == answers_seal else None

    def _read_file(self, employee: str, path: str, kind: str, file_stamp: str | None) -> Row:
        """Read one record or follow-up whole; learnt when its stamp has settled."""
        answers_text = actions_text = problem = None
        try:
            if kind == FOLLOW_UP:
                follow_up = self.store.follow_ups.read(Path(path))
                data = follow_up.model_dump(mode="json", exclude={"schema_version", "employee", "recorded"})
                data["recorded"] = follow_up.recorded.astimezone(UTC).isoformat()  # compared as text
                answers_text = _json(data)
            else:
                record, _ = self.store.records.checked(Path(path))
                data = record.model_dump(mode="json")["answers"]
                lists = {key: value for key, value in data.items() if isinstance(value, list)}
                plain = {key: value for key, value in data.items() if key not in lists}
                said = {"set": record.question_set, "version": record.question_set_version, "answers": plain}
                if record.own_words:  # their own words, actions and all: only show and its kin read them
                    said["own"] = record.model_dump(mode="json", include={"own_words"}, exclude_none=True)[
                        "own_words"
                    ]
                answers_text = _json(said)
                actions_text = _json(lists)
        except AspireError as exc:
            problem = exc.message
        name = path.rsplit("/", 1)[1]
        if file_stamp is not None:
            learn_file(self.db, employee, name, file_stamp, problem, answers_text, actions_text)
        return (file_stamp, problem, answers_text, actions_text, None)

    def _stored(self, employees: list[str], *, answers: bool, preps: bool) -> dict[Any, Row]:
        """(employee, name) -> (stamp, problem, answers, actions, answers_seal) for each row that
        holds up; answers None when not asked for (a follow-up's always come: they are small)."""
        if self.db.connection is None:
            return {}
        wanted = "answers" if answers else "CASE WHEN kind = 'follow-up' THEN answers END"
        columns = f"employee, name, kind, day, seq, stamp, problem, answers_seal, actions, seal, {wanted}"
        no_preps = "" if preps else " AND kind != 'prep'"  # a team's actions: half the rows
        if len(employees) <= 50:  # one member (show, history) or a few: only theirs
            marks = ", ".join("?" * len(employees))
            rows = self.db.rows(
                f"SELECT {columns} FROM records WHERE employee IN ({marks}){no_preps}", *employees
            )
        else:
            rows = self.db.rows(f"SELECT {columns} FROM records WHERE 1{no_preps}")
        known: dict[Any, Row] = {}
        for employee, name, *said, file_stamp, problem, answers_seal, actions, sealed, answers_text in rows:
            if sealed != seal(employee, name, *said, file_stamp, problem, answers_seal, actions):
                continue  # a row that does not hold up is a miss
            if answers_text is not None and seal(answers_text) != answers_seal:
                continue
            known[(employee, name)] = (file_stamp, problem, answers_text, actions, answers_seal)
        return known

    def _add_latest_answers(self, known: dict[Any, Row]) -> None:
        """The answers of each member's latest talk and prep as the index knows them, in one query
        (not one per member). Which record is latest is the folder's say: a file newer than the
        index simply has no answers here and is read."""
        # the latest as its name says: the day, then the number that day
        rows = self.db.rows(
            "SELECT employee, name, answers FROM ("
            " SELECT employee, name, answers, row_number() OVER ("
            "  PARTITION BY employee, kind ORDER BY day DESC, seq DESC) AS place"
            " FROM records WHERE kind IN ('talk', 'prep')) WHERE place = 1"
        )
        for employee, name, answers_text in rows:
            row = known.get((employee, name))
            if row is not None and isinstance(answers_text, str) and seal(answers_text) == row[4]:
                known[(employee, name)] = (row[0], row[1], answers_text, *row[3:])


def learn_file(
    db: IndexDb,
    employee: str,
    name: str,
    file_stamp: str | None,
    problem: str | None,
    answers: str | None,
    actions: str | None,
) -> None:
    """Keep what was learnt of one record or follow-up, with what its name says."""
    said = split_folder_name(name)  # kept apart: a query picks by kind and day, parsing no name
    if said is None:
        return
    day, seq, kind = said
    answers_seal = None if answers is None else seal(answers)
    sealed = seal(employee, name, kind, day, seq, file_stamp, problem, answers_seal, actions)
    row = (employee, name, kind, day, seq, file_stamp, problem, answers, answers_seal, actions, sealed)
    db.change("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", *row)


def _add(contents: Contents, row: Row, name: str, day: str, seq: int, kind: str) -> None:
    """A file's row into the folder's contents: its problem, or the follow-up or record it holds."""
    problem, answers_text, actions_text = row[1], row[2] or "", row[3]
    if problem is not None:
        contents.problems.append(problem)
    elif kind == FOLLOW_UP:
        contents.follow_ups.append(_follow_up_note(name, json.loads(answers_text)))
    else:
        actions = json.loads(actions_text) if actions_text and actions_text != "{}" else {}
        contents.records.append(IndexedRecord(name, day, seq, kind, answers_text, actions))


def _holds_file(row: Row, kind: str, answers: bool) -> bool:
    """Whether a stored file row can answer: its problem, or what was asked of it. A row learnt by
    `due` (which checks the latest talk but keeps no answers) cannot answer `show`."""
    _, problem, answers_text, actions, answers_seal = row
    if problem is not None:
        return isinstance(problem, str)
    if answers_seal is None:
        return False
    if kind == FOLLOW_UP or answers:
        return isinstance(answers_text, str)
    return kind == "prep" or isinstance(actions, str)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _follow_up_note(name: str, data: dict[str, Any]) -> FollowUpNote:
    from aspire_cli.domain.tracking import FollowUpNote

    return FollowUpNote(
        data["action"], data["status"], data["date"], data["sequence"], data["recorded"], data["note"], name
    )
