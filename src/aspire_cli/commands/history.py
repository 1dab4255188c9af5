"""`aspire history`: every record with one employee, newest first, and what changed between talks.

For each talk: the answers worth following over the years (brief.SUMMARY: short- and long-term
aspiration, willingness, development area), each marked where it differs from the talk before
(ignoring case and spacing) with both values shown, and the actions agreed in it with their status
today. For each prep: the leader's view of the employee's ultimate potential, on one line.
`aspire show` has the whole record.

`--json` prints a list, newest first, one object per record:

    {"date": "2026-11-26", "seq": 1,             # seq: 2 for the second record of that day
     "kind": "talk", "file": "<path of the record>", "question_set_version": 1,
     "answers": {question id: text, ...},        # every answer but the actions
     "changes": {question id: {"from": text, "to": text}, ...},  # talks: the SUMMARY answers that
                                                 # differ from the talk before; {} for a prep
     "actions": [TrackedAction.as_json(), ...],  # the actions agreed in it, with their status
     "own_words": {question id: text or [action, ...], ...}}  # the employee's own (talk --from)

Read through the index like `show`: a warm history loads no pydantic, and never Rich (colour, on a
terminal without NO_COLOR, is a few ANSI codes as in the listings). An unreadable file is named on
stderr in one line, every other record is listed, and the exit status is 2.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.own_words import answer_text, differs
from aspire_cli.domain.tracking import DONE, DROPPED, OVERDUE, TrackedAction
from aspire_cli.errors import BadFile, BadInput, report
from aspire_cli.storage.conflicts import say_unresolved
from aspire_cli.storage.looking_back import folder_contents, no_records_message, tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.brief import LABEL_WIDTH, SUMMARY
from aspire_cli.views.json_text import json_text
from aspire_cli.views.show import actions_by_question, day_label, display_name, text_width, wrapped
from aspire_cli.views.table import use_colour
from aspire_cli.views.width import fitted, flat, shorten

if TYPE_CHECKING:
    from aspire_cli.storage.index import IndexedRecord
    from aspire_cli.storage.store import Store

PREP_SUMMARY = (("potential", "Potential"),)  # the leader's view of where they can get to
MARK = "* "  # before an answer changed since the talk before
THEIRS = "their words: "  # under an answer: the employee's own, where it differs from the agreed one
_COLOURS = {OVERDUE: "31", DONE: "2", DROPPED: "2"}


class Unreadable(NamedTuple):
    """A record that could not be read, known by its file name."""

    day: str
    seq: int
    kind: str


class Entry(NamedTuple):
    """One record as history shows it."""

    record: IndexedRecord
    version: int
    answers: dict[str, str]  # every answer but the actions
    changes: dict[str, tuple[str, str]]  # question id -> (in the talk before, in this one)
    actions: list[TrackedAction]  # those agreed in this talk
    own: dict[str, Any]  # the employee's own words (talk --from), as they came; {} without

    def as_json(self, folder: str) -> dict[str, Any]:
        return {
            "date": self.record.day,
            "seq": self.record.seq,
            "kind": self.record.kind,
            "file": f"{folder}/{self.record.name}",
            "question_set_version": self.version,
            "answers": self.answers,
            "changes": {key: {"from": old, "to": new} for key, (old, new) in self.changes.items()},
            "actions": [action.as_json() for action in self.actions],
            "own_words": self.own,
        }


def run_history(store: Store, employee: str, as_json: bool, today: date) -> int:
    """Print the history; the exit code: 2 when a file could not be read, else 0."""
    check_employee_id(employee)
    if not store.has_home():
        raise BadInput(no_records_message(store, employee))
    contents = folder_contents(store, [employee])[employee]
    say_unresolved(store.home, employee)
    if not contents.records and not contents.problems:
        if employee not in store.team.roster_report()[0]:
            raise BadInput(no_records_message(store, employee))
        said = f"No records with {employee} yet; prepare with: aspire prep {employee}"
        print("[]" if as_json else fitted(said, text_width()))
        return 0
    actions, problems = tracked_actions(contents, employee, today)
    entries = history_entries(contents.records, actions)
    folder = str(store.records.folder(employee))
    if as_json:
        print(json_text([entry.as_json(folder) for entry in entries]))
    else:
        unreadable = _unreadable_records(folder, contents.problems)
        title = f"History with {display_name(store, employee)}"
        print("\n".join(history_lines(title, entries, unreadable, text_width(), colour=use_colour())))
    for problem in problems:
        report(BadFile(problem))
    return 2 if problems else 0


def history_entries(records: list[IndexedRecord], actions: list[TrackedAction]) -> list[Entry]:
    """Every record, newest first (`records` come oldest first), each talk compared with the one before."""
    by_question = actions_by_question(records, actions)
    entries: list[Entry] = []
    before: dict[str, str] | None = None
    for record in records:
        version, answers = record.answers()
        texts = {key: value for key, value in answers.items() if isinstance(value, str)}
        changes: dict[str, tuple[str, str]] = {}
        agreed: list[TrackedAction] = []
        if record.kind == "talk":
            changes = changed(before, texts) if before is not None else {}
            before = texts
            agreed = [action for items in by_question.get(record.name, {}).values() for action in items]
        entries.append(Entry(record, version, texts, changes, agreed, record.own_words()))
    return entries[::-1]


def changed(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The SUMMARY answers both talks hold that differ by more than case and spacing."""
    changes: dict[str, tuple[str, str]] = {}
    for key, _ in SUMMARY:
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and _gist(old) != _gist(new):
            changes[key] = (old, new)
    return changes


def _gist(text: str) -> str:
    return " ".join(text.split()).casefold()


def _unreadable_records(folder: str, problems: list[str]) -> list[Unreadable]:
    """The records that could not be read (a problem names its file first)."""
    from aspire_cli.storage.layout import split_record_name

    found: list[Unreadable] = []
    for problem in problems:
        if problem.startswith(f"{folder}/"):
            named = split_record_name(problem.removeprefix(f"{folder}/").split(":", 1)[0])
            if named:
                found.append(Unreadable(*named))
    return found


# -- text ----------------------------------------------------------------------------------------
def history_lines(
    title: str, entries: list[Entry], unreadable: list[Unreadable], width: int | None, *, colour: bool
) -> list[str]:
    """The history as lines of text, newest first; records that could not be read in their place."""
    talks = sum(1 for entry in entries if entry.record.kind == "talk")
    preps = len(entries) - talks
    counts = f"{_count(talks, 'talk')} and {_count(preps, 'prep')}, newest first"
    lines = [*wrapped(f"{title}: {counts}", width, "", "")]
    if any(entry.changes for entry in entries):
        marked = f"{MARK}changed since the talk before: what it was -> what it became"
        lines += wrapped(marked, width, "", "  ")
    if any(entry.own for entry in entries):
        lines += wrapped(
            f"{THEIRS}the employee's own, where it differs from what was agreed", width, "", "  "
        )
    placed: list[tuple[tuple[str, int, str], Entry | Unreadable]] = [
        *(((e.record.day, e.record.seq, e.record.kind), e) for e in entries),
        *(((u.day, u.seq, u.kind), u) for u in unreadable),
    ]
    for _, item in sorted(placed, key=lambda pair: pair[0], reverse=True):
        lines.append("")
        if isinstance(item, Entry):
            lines += _entry_lines(item, width, colour)
        else:
            label = item.day if item.seq == 1 else f"{item.day}-{item.seq}"
            heading = f"{label}  {item.kind}"
            said = wrapped(f"{heading}  (could not be read: see the error below)", width, "", "  ")
            lines += [_paint(heading, "1", colour) + said[0][len(heading) :], *said[1:]]
    return lines


def _entry_lines(entry: Entry, width: int | None, colour: bool) -> list[str]:
    record = entry.record
    lines = [_paint(f"{day_label(record)}  {record.kind}", "1", colour)]
    if record.kind == "prep":
        for key, label in PREP_SUMMARY:
            if entry.answers.get(key):
                text = flat(entry.answers[key])
                short = text if width is None else shorten(text, width - 2 - LABEL_WIDTH)
                lines.append(_label("", label) + short)
        return lines
    for key, label in SUMMARY:
        if key in entry.changes:
            old, new = entry.changes[key]
            text = f"{flat(old)} -> {flat(new)}"
            first = _paint(_label(MARK, label), "33", colour)
        elif entry.answers.get(key):
            text, first = flat(entry.answers[key]), _label("", label)
        else:
            continue
        body = wrapped(text, width, _label("", label), " " * (2 + LABEL_WIDTH))
        lines += [first + body[0][2 + LABEL_WIDTH :], *body[1:]]
        if key in entry.own and differs(entry.own[key], entry.answers.get(key)):
            theirs = wrapped(
                f"{THEIRS}{flat(answer_text(entry.own[key]))}", width, _label("", ""), " " * (4 + LABEL_WIDTH)
            )
            lines += [_paint(line, "35", colour) for line in theirs]
    for number, action in enumerate(entry.actions):
        head = _label("", "Actions" if number == 0 else "")
        body = wrapped(_action_text(action), width, head, " " * (2 + LABEL_WIDTH + 2))
        at = 2 + LABEL_WIDTH  # the label stays uncoloured
        lines += [line[:at] + _paint(line[at:], _COLOURS.get(action.status, ""), colour) for line in body]
    return lines


def _action_text(action: TrackedAction) -> str:
    return f"#{action.number} {flat(action.action)} ({status_text(action, due=True)})"


def _label(mark: str, label: str) -> str:
    return f"{mark or '  '}{label:<{LABEL_WIDTH}}"


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text
