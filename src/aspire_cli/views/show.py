"""`aspire show`: one record as it was written, each answer under its question's text, and for a
talk every action agreed in it with where it stands today (see tracking.py).

Read through the index (looking_back), so that a warm `show` loads no pydantic: the question texts
come from the question set's TOML as plain data. Piped, with NO_COLOR or on a dumb terminal it prints
plain text, wrapped between words to the terminal's width or COLUMNS (piped without COLUMNS: not
wrapped, a paragraph a line, for grep), and loads no Rich either; in a colour terminal Rich draws it.
Whatever a record holds is printed through safe_text.

The helpers here (question texts, the actions by question, wrapping) serve `aspire history` too.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.domain.own_words import THEIR_WORDS, their_words
from aspire_cli.domain.tracking import DONE, DROPPED, OVERDUE, TrackedAction, numbered
from aspire_cli.errors import AspireError, BadFile, report
from aspire_cli.safe_text import one_line, visible
from aspire_cli.storage.conflicts import say_unresolved
from aspire_cli.storage.looking_back import agreed_actions, find_record, folder_contents, tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.table import use_colour
from aspire_cli.views.width import cells, fit_width, fitted, wrap

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console, RenderableType

    from aspire_cli.domain.ids import RecordDay
    from aspire_cli.storage.index import IndexedRecord
    from aspire_cli.storage.store import RecordFile, Store

KIND_TITLES = {"prep": "Preparation notes", "talk": "Career aspiration discussion"}
EARLIER = "Still open from earlier talks"
MAX_WIDTH = 100  # long answers read badly across a wide terminal
MIN_WIDTH = 20
INDENT = "    "
STATUS_STYLES = {OVERDUE: "bold red", "open": "yellow", DONE: "green", DROPPED: "dim"}


class Shown(NamedTuple):
    """One answer as shown: its question's text (its id if the current set no longer asks it)."""

    question: str
    answer: str | list[TrackedAction] | None  # None: left unanswered
    their: str | None = None  # the employee's own words (talk --from), or THE_SAME as agreed


def run_show(store: Store, employee: str, day: RecordDay | None, kind: str | None) -> int:
    """Print the record asked for; 2 when a file its actions' status depends on could not be read."""
    found = find_record(store, employee, day, kind)
    say_unresolved(store.home, employee)
    kinds = frozenset({"talk", "follow-up"} if found.kind == "talk" else {"prep"})
    contents = folder_contents(store, [employee], kinds)[employee]
    record = next((r for r in contents.records if r.name == found.path.name), None)
    if record is None:
        raise BadFile(_problem_with(found, contents.problems))
    problems: list[str] = []
    statuses: dict[str, list[TrackedAction]] = {}
    earlier: list[TrackedAction] = []
    if record.kind == "talk":
        actions, problems = tracked_actions(contents, employee, date.today())
        statuses = actions_by_question(contents.records, actions).get(record.name, {})
        held = [r.name for r in contents.records]  # oldest first
        earlier = [a for a in actions if a.is_open and a.record in held[: held.index(record.name)]]
    version, answers = record.answers()
    set_id = record.question_set()  # as the record names it: `--questions FILE` writes its own set's id
    shown = shown_answers(question_texts(store.home, set_id), version, answers, statuses, record.own_words())
    if earlier:
        shown.append(Shown(EARLIER, earlier))
    title = record_title(display_name(store, employee), employee, record)
    width = text_width()
    about = [one_line(f"Question set: {set_id}, version {version}")]
    about += file_lines(found.path, store.home, width)
    if use_colour():
        draw(title, about, shown)
    else:
        print("\n".join(plain_lines(title, about, shown, width)))
    if earlier or any(a.is_open for actions in statuses.values() for a in actions):
        print(fitted(f"\nMark an action done with: aspire actions done {employee} NUMBER", width))
    for problem in problems:
        report(BadFile(problem))
    return 2 if problems else 0


def file_lines(path: Path, home: Path, width: int | None) -> list[str]:
    """'File: PATH' when it fits on a line; else the file in the home and, under it, the home: a
    path is never cut, and broken only when the home alone is wider than the terminal."""
    line = one_line(f"File: {path}")
    if width is None or cells(line) <= width or not path.is_relative_to(home):
        return wrapped(line, width, "", "  ")
    in_home = wrapped(one_line(f"in {home}"), width, "  ", "  ")
    return [*wrapped(one_line(f"File: {path.relative_to(home)}"), width, "", "  "), *in_home]


def _problem_with(found: RecordFile, problems: list[str]) -> str:
    path = str(found.path)
    mine = [problem for problem in problems if problem.startswith(f"{path}:")]
    return mine[0] if mine else f"{path}: could not be read; see: aspire history {found.path.parent.name}"


# -- what is shown -------------------------------------------------------------------------------
def question_texts(home: Path, set_id: str) -> tuple[int | None, dict[str, str]]:
    """The question set `set_id` as it applies in `home` (the leader's own, else the shipped one; see
    question_sets.py): its version and each question's text by id, in order; (None, {}) when there
    is no such set any more. Read as plain TOML, not validated into models (the index checked every
    record it holds against this very file, whose stamp it depends on): a warm `show` loads no pydantic."""
    from aspire_cli.storage.question_sets import available

    found = available(home).get(set_id)
    return (None, {}) if found is None else _texts(found.path)


def _texts(path: Path) -> tuple[int, dict[str, str]]:
    from aspire_cli.storage.plain_questions import plain_set

    found = plain_set(path)
    return found.version, {question.id: question.text for question in found.questions}


def shown_answers(
    texts: tuple[int | None, dict[str, str]],
    version: int,
    answers: dict[str, Any],
    statuses: dict[str, list[TrackedAction]],
    own: dict[str, Any] | None = None,
) -> list[Shown]:
    """The answers in the current set's order, each under its question (with the employee's own
    words, where they gave some); then any the set no longer asks, under their id. A question the
    record's version did not ask is left out."""
    current, by_id = texts
    own = own or {}
    shown: list[Shown] = []
    for key, text in [*by_id.items(), *((k, k) for k in answers if k not in by_id)]:
        theirs = None if key not in own else their_words(own[key], answers.get(key))
        if key in statuses:
            shown.append(Shown(text, statuses[key], theirs))
        elif isinstance(answers.get(key), str):
            shown.append(Shown(text, answers[key], theirs))
        elif version == current and key not in answers:
            shown.append(Shown(text, None, theirs))  # an optional question left unanswered
    return shown


def actions_by_question(
    records: list[IndexedRecord], actions: list[TrackedAction]
) -> dict[str, dict[str, list[TrackedAction]]]:
    """For each talk (by file name), each actions question's actions with their status, in the
    order agreed: numbered as tracking.py numbers them, so an action written before numbers existed
    gets the number `aspire actions` shows."""
    by_number = {action.number: action for action in actions}
    numbers = iter([number for number, _ in numbered(agreed_actions(records))])
    found: dict[str, dict[str, list[TrackedAction]]] = {}
    for record in records:
        if record.kind != "talk":
            continue
        found[record.name] = {
            key: [by_number[next(numbers)] for _ in items] for key, items in record.actions.items()
        }
    return found


def day_label(record: IndexedRecord) -> str:
    """The record's day as `--date` takes it: 2026-11-26, or 2026-11-26-2 for the second that day."""
    return record.day if record.seq == 1 else f"{record.day}-{record.seq}"


def display_name(store: Store, employee: str) -> str:
    """'Alice Smith (alice)', or the id alone for someone with no name or no longer on the team."""
    try:
        member = store.team.roster_report()[0].get(employee)
    except AspireError:  # a broken team.toml: the record can still be shown
        member = None
    name = member.name if member else ""
    return f"{one_line(name)} ({employee})" if name else employee


def record_title(name: str, employee: str, record: IndexedRecord) -> str:
    title = KIND_TITLES.get(record.kind, record.kind)
    nth = {2: "second", 3: "third"}.get(record.seq, f"number {record.seq}")
    return f"{name}: {title}, {record.day}" + (f" ({nth} that day)" if record.seq > 1 else "")


def text_width() -> int | None:
    """The width to wrap at: the terminal's, or $COLUMNS (see width.fit_width), at most MAX_WIDTH;
    None when piped without COLUMNS: a paragraph a line, for grep."""
    width = fit_width()
    return None if width is None else max(min(width, MAX_WIDTH), MIN_WIDTH)


def wrapped(text: str, width: int | None, first: str, rest: str) -> list[str]:
    """Multi-line text wrapped between words to `width` cells (None: not wrapped), its line breaks
    and blank lines kept, control characters shown as escapes; the first line starts with `first`,
    the others with `rest`. A word wider than a whole line (a long link) is broken, not lost."""
    lines: list[str] = []
    for line in visible(text.strip()).split("\n"):
        prefix = rest if lines else first
        line = line.expandtabs(4).rstrip()
        if not line:
            lines.append("")
        elif width is None:
            lines.append(prefix + line)
        else:
            lines += wrap(line, width, prefix, rest)
    return lines


# -- plain text ----------------------------------------------------------------------------------
def plain_lines(title: str, about: list[str], shown: list[Shown], width: int | None) -> list[str]:
    lines = [*wrapped(title, width, "", ""), *about]  # `about` fits already
    for item in shown:
        lines += ["", *wrapped(item.question, width, "", "")]
        if isinstance(item.answer, list):
            for action in item.answer:
                lines += plain_action(action, width)
        else:
            lines += wrapped(item.answer or "(no answer)", width, INDENT, INDENT)
        if item.their is not None:
            lines += wrapped(f"{THEIR_WORDS}: {item.their}", width, INDENT, INDENT + "  ")
    return lines


def plain_action(action: TrackedAction, width: int | None) -> list[str]:
    number = f"#{action.number}".ljust(4)
    field = INDENT + " " * 4
    lines = wrapped(action.action, width, f"{INDENT}{number}", field)
    lines += wrapped(action.measure, width, f"{field}measure: ", f"{field}{' ' * 9}")
    if action.due is not None:
        lines.append(f"{field}due:     {action.due.isoformat()}")
    lines.append(f"{field}status:  {status_text(action)}")
    if action.note:
        lines += wrapped(action.note, width, f"{field}note:    ", f"{field}{' ' * 9}")
    return lines


# -- Rich, in a colour terminal ------------------------------------------------------------------
def draw(title: str, about: list[str], shown: list[Shown], console: Console | None = None) -> None:
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    console = console or Console(highlight=False, emoji=False)
    console.width = min(console.width, MAX_WIDTH)
    console.print(Text(one_line(title), style="bold"))
    for line in about:  # fits already
        console.print(Text(one_line(line), style="dim"), soft_wrap=True)
    for item in shown:
        console.print()
        console.print(Text(one_line(item.question), style="bold cyan"))
        if isinstance(item.answer, list):
            console.print(Padding(actions_grid(item.answer), (0, 0, 0, 4)))
        elif item.answer is None:
            console.print(Padding(Text("(no answer)", style="dim"), (0, 0, 0, 4)))
        else:
            console.print(Padding(Text(visible(item.answer.strip()).expandtabs(4)), (0, 0, 0, 4)))
        if item.their is not None:
            said = Text(f"{THEIR_WORDS}: ", style="magenta") + Text(visible(item.their.strip()).expandtabs(4))
            console.print(Padding(said, (0, 0, 0, 4)))


def actions_grid(actions: list[TrackedAction]) -> RenderableType:
    """The actions as the plain text lays them out: number and action, then each field under it."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")  # the number
    grid.add_column()
    for action in actions:
        fields = Table.grid(padding=(0, 1))
        fields.add_column(no_wrap=True, style="dim")
        fields.add_column()
        fields.add_row("measure:", Text(visible(action.measure)))
        if action.due is not None:
            fields.add_row("due:", action.due.isoformat())
        fields.add_row("status:", Text(status_text(action), style=STATUS_STYLES.get(action.status, "")))
        if action.note:
            fields.add_row("note:", Text(visible(action.note)))
        grid.add_row(f"#{action.number}", Group(Text(visible(action.action), style="bold"), fields))
    return grid
