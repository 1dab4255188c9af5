"""What `aspire export` writes, as plain data: one row per record, its answers by question id and
the actions agreed in it with their status today. Pure: index contents in, rows out.

The columns: the fixed ones, then one per question id of the sets in force (the talk set's; the
prep set's too when preps are exported), then any id found only in older records, in the order met.
An actions question's cell is its actions, one a line: "#3 Write the RFC (measure: ...; due
2027-03-01; open)". Last, for each question some employee answered in their own words before the
talk (talk --from), a column `own_words_<id>`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.domain.own_words import answer_text
from aspire_cli.storage.looking_back import tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.show import actions_by_question

if TYPE_CHECKING:
    from aspire_cli.domain.tracking import TrackedAction
    from aspire_cli.storage.index import Contents, IndexedRecord

FIXED = ("employee", "name", "kind", "date", "file", "question_set", "question_set_version")


class Row(NamedTuple):
    employee: str
    name: str  # on the team: their name; removed from it, "" (their records stay, and so do their rows)
    kind: str  # talk or prep
    day: str  # ISO date
    seq: int  # its number that day: 2 for a second talk on one day
    file: str  # the record's file name, in records/<employee>/
    question_set: str
    version: int
    texts: dict[str, str]  # question id -> the answer
    action_cells: dict[str, str]  # an actions question's id -> its actions, one a line
    actions: list[TrackedAction]  # the actions agreed in it (a talk), with their status
    own: dict[str, Any] = {}  # noqa: RUF012 (never mutated) the employee's own words (talk --from)

    def cells(self, ids: Iterable[str], own_ids: Iterable[str] = ()) -> list[str]:
        """The CSV cells: the fixed ones, an answer per question id, then their own words."""
        fixed = [self.employee, self.name, self.kind, self.day, self.file, self.question_set]
        texts, actions = self.texts, self.action_cells
        answers = [texts.get(key) or actions.get(key, "") for key in ids]
        theirs = [answer_text(self.own[key]) if key in self.own else "" for key in own_ids]
        return [*fixed, str(self.version), *answers, *theirs]

    def as_json(self) -> dict[str, Any]:
        """The columns as keys (the answers apart, so that no question id meets a column's name),
        the seq, and the actions as `aspire actions --json` writes them instead of their cell."""
        return {
            "employee": self.employee,
            "name": self.name,
            "kind": self.kind,
            "date": self.day,
            "seq": self.seq,
            "file": self.file,
            "question_set": self.question_set,
            "question_set_version": self.version,
            "answers": self.texts,
            "actions": [action.as_json() for action in self.actions],
            "own_words": self.own,
        }


def export_rows(
    contents: dict[str, Contents],
    names: dict[str, str],
    kinds: frozenset[str],
    since: date | None,
    today: date,
) -> tuple[list[Row], list[str]]:
    """Every record of `kinds` dated `since` or later, by employee, oldest first; and a line for
    each file that could not be used. Actions are numbered and tracked over every talk, whatever
    `since` leaves out, so that a number is the one `aspire actions` shows."""
    after = since.isoformat() if since else ""
    rows: list[Row] = []
    problems: list[str] = []
    for employee in sorted(contents):
        held = contents[employee]
        actions, trouble = tracked_actions(held, employee, today)
        problems += trouble
        by_talk = agreed_in(held.records, actions) if actions else {}
        for record in held.records:
            if record.kind not in kinds or record.day < after:
                continue
            data = json.loads(record.answers_text)
            set_id = data.get("set")
            cells: dict[str, str] = {}
            agreed: list[TrackedAction] = []
            for key, items in by_talk.get(record.name, {}).items():
                cells[key] = "\n".join(map(action_line, items))
                agreed += items
            rows.append(
                Row(
                    employee,
                    names.get(employee, ""),
                    record.kind,
                    record.day,
                    record.seq,
                    record.name,
                    set_id if isinstance(set_id, str) else record.kind,
                    data["version"],
                    data["answers"],
                    cells,
                    agreed,
                    data.get("own") or {},
                )
            )
    return rows, problems


def agreed_in(
    records: list[IndexedRecord], actions: list[TrackedAction]
) -> dict[str, dict[str, list[TrackedAction]]]:
    """For each talk (by file name), each actions question's actions with their status. A talk with
    one actions question, as the shipped set has, takes its actions by their record, in number order;
    only talks with several need show.actions_by_question, which numbers every action again."""
    if any(len(record.actions) > 1 for record in records):
        return actions_by_question(records, actions)
    by_record: dict[str, list[TrackedAction]] = {}
    for action in actions:
        by_record.setdefault(action.record, []).append(action)
    return {
        record.name: {key: by_record.get(record.name, [])} for record in records for key in record.actions
    }


def action_line(action: TrackedAction) -> str:
    """#3 Write the RFC (measure: Reviewed by two teams; due 2027-03-01; open)"""
    parts = [f"measure: {action.measure}"]
    if action.due is not None:
        parts.append(f"due {action.due.isoformat()}")
    parts.append(status_text(action))
    if action.note:
        parts.append(f"note: {action.note}")
    return f"#{action.number} {action.action} ({'; '.join(parts)})"


def question_columns(set_ids: list[list[str]], rows: list[Row]) -> list[str]:
    """The question ids, one column each: those of the sets in force in their order, then those
    found only in the rows (older versions, a set used once), in the order met."""
    ids: dict[str, None] = {}
    for of_set in set_ids:
        ids.update(dict.fromkeys(of_set))
    for row in rows:
        for key in (*row.texts, *row.action_cells):
            if key not in ids:
                ids[key] = None
    return list(ids)


def own_columns(ids: list[str], rows: list[Row]) -> list[str]:
    """The question ids some employee answered in their own words, in column order: each gets a
    column of its own, `own_words_<id>`, after the answers."""
    said = {key for row in rows for key in row.own}
    return [key for key in ids if key in said]


def header(ids: list[str], own_ids: Iterable[str] = ()) -> list[str]:
    """The column names; a question id that is also a fixed column's name ("name", "date") is
    written `<id>_answer`, so that no two columns share a name; their own words `own_words_<id>`."""
    return [
        *FIXED,
        *(f"{key}_answer" if key in FIXED else key for key in ids),
        *(f"own_words_{k}" for k in own_ids),
    ]
