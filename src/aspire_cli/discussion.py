"""Holding a prep or a talk: from answers (typed or from a file) to a written record.

The terminal side (questions, confirmations) comes in through `prompts`, imported only when a
prompt is really shown; everything else here is plain orchestration of the core modules.
"""

from __future__ import annotations

import difflib
import sys
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape

from aspire_cli.errors import Aborted, AspireError, BadFile, BadInput, NotATerminal, WriteFailed, warn
from aspire_cli.files import toml_text
from aspire_cli.ids import check_employee_id, parse_day
from aspire_cli.interrupts import as_aborted, signals_held, stop_on_signals
from aspire_cli.interview import first_unanswered, run_interview
from aspire_cli.models import SCHEMA, Record
from aspire_cli.questions import Answer, QuestionSet, load_question_set
from aspire_cli.render import KIND_TITLES, record_markdown, record_panel
from aspire_cli.store import Store
from aspire_cli.team import add_member

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class Discussion:
    store: Store
    console: Console
    kind: str  # "prep" or "talk"
    day: date | None  # None: today, or the draft's own date when resuming
    today: date

    @property
    def command(self) -> str:
        return f"aspire {self.kind}"

    @property
    def new_day(self) -> date:
        """The date of a discussion that does not resume a draft: --date, else today."""
        return self.day or self.today


def run_discussion(
    store: Store, kind: str, employee: str | None, day: str | None, answers: str | None, fresh: bool
) -> Path:
    """`aspire prep` or `aspire talk`, from the command line's words to a saved record."""
    from rich.console import Console

    console = Console(highlight=False)
    d = Discussion(store, console, kind, parse_day(day, "--date") if day else None, date.today())
    path = from_answers_file(d, employee, answers) if answers is not None else interactive(d, employee, fresh)
    saved = f"[green]Saved[/] {escape(str(path))} and its readable copy {path.with_suffix('.md').name}"
    console.print(saved, soft_wrap=True)  # a path is copied by hand: never break it
    return path


def from_answers_file(d: Discussion, employee: str | None, source: str) -> Path:
    """Run without prompts: every answer from a TOML file, validated like typed ones."""
    if employee is None:
        raise BadInput(f"name the employee: {d.command} EMPLOYEE --answers {source}")
    employee = check_employee_id(employee)
    member = d.store.member(employee)
    if member is None:
        raise BadInput(f"'{employee}' is not on your team; add them first: aspire team add {employee}")
    qset = load_question_set(d.kind)
    raw = _read_answers(source)
    try:
        answers = qset.validate_answers(raw)
    except BadInput as exc:
        raise BadInput(f"{_source_name(source)}: {exc.message}") from None
    record = _new_record(d, employee, qset, d.new_day).with_answers(answers)
    return _write(d, member.display_name(employee), qset, record)


def interactive(d: Discussion, employee: str | None, fresh: bool) -> Path:
    if not sys.stdin.isatty():
        raise NotATerminal(
            f"{d.command} asks its questions in a terminal, and stdin is not one; "
            "to run without prompts pass --answers FILE (TOML, or - for stdin)."
        )
    from aspire_cli import prompts

    employee, name = _choose_employee(d, employee)
    qset = load_question_set(d.kind)
    with d.store.interview_lock(employee, d.kind), stop_on_signals():
        d.store.sweep_temp_files(d.store.records_dir(employee))
        answers, day = _start_or_resume(d, employee, fresh)
        draft = _Draft(d, _new_record(d, employee, qset, day), answers)
        _introduce(d, name, qset, draft.base, answers)
        if d.kind == "talk":
            _show_prep_notes(d, employee, name)
        try:
            answers = run_interview(qset, prompts.TerminalPrompter(d.console), answers, draft.keep)
        except KeyboardInterrupt as interrupt:  # a signal that arrived between two prompts
            stop = as_aborted(interrupt)
            raise Aborted(draft.stopped_message(stop), stop.exit_code) from None
        except Aborted as exc:
            raise Aborted(draft.stopped_message(exc), exc.exit_code) from None
        return _write(d, name, qset, draft.base.with_answers(qset.validate_answers(dict(answers))), draft)


class _Draft:
    """Keeps every answer on disk the moment it is given; if the disk refuses, in memory, and says so."""

    def __init__(self, d: Discussion, base: Record, resumed: dict[str, Answer]) -> None:
        self.d = d
        self.base = base
        self.path = d.store.draft_path(base.employee, base.kind)
        self.answers = resumed
        self.on_disk = True  # the draft file holds every answer given so far

    def keep(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        try:
            with signals_held():
                self.d.store.save_draft(self.base.with_answers(answers))
        except WriteFailed as exc:
            if self.on_disk:
                warn(f"{exc.message} Carrying on: your answers are kept in memory until the record is saved.")
            self.on_disk = False
        else:
            self.on_disk = True

    def safe_place(self) -> str:
        """Where the answers are now, for a message; prints them if only memory holds them."""
        if self.on_disk and self.path.exists():
            resume = f"{self.d.command} {self.base.employee}"
            return f"your answers so far are kept in {self.path}; resume with: {resume}"
        if not self.answers:
            return "no answer was given yet; nothing written."
        print(toml_text(self.base.with_answers(self.answers).to_toml_data()["answers"]))
        return (
            "your answers are printed above as an answers file: save them to a file and run "
            f"{self.d.command} {self.base.employee} --answers FILE"
        )

    def stopped_message(self, exc: Aborted) -> str:
        why = "" if exc.exit_code == 130 else f"{exc.message}: "
        place = self.safe_place()
        return f"{why}no record written; {place}" if self.answers else f"{why}{place}"


def _write(d: Discussion, name: str, qset: QuestionSet, record: Record, draft: _Draft | None = None) -> Path:
    markdown = record_markdown(record, qset, name)
    try:
        path = d.store.write_record(record, markdown)
    except WriteFailed as exc:
        if draft is None:
            raise
        raise WriteFailed(f"{exc.message} Nothing is lost: {draft.safe_place()}") from None
    d.store.delete_draft(record.employee, record.kind)
    return path


def _new_record(d: Discussion, employee: str, qset: QuestionSet, day: date) -> Record:
    return Record(
        schema_version=SCHEMA,
        kind=d.kind,
        employee=employee,
        date=day,
        question_set=qset.id,
        question_set_version=qset.version,
    )


def _read_answers(source: str) -> dict[str, object]:
    try:
        if source == "-":
            return tomllib.loads(sys.stdin.read())
        return tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadInput(f"answers file {source} does not exist.") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{_source_name(source)}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"answers file {source} cannot be read: {exc}") from None


def _source_name(source: str) -> str:
    return "answers from stdin" if source == "-" else f"answers file {source}"


def _choose_employee(d: Discussion, employee: str | None) -> tuple[str, str]:
    """The employee the interview is with, and the name to show; a stranger may be added here."""
    from aspire_cli import prompts

    if employee is not None:
        member = d.store.member(check_employee_id(employee))
        if member is not None:
            return employee, member.display_name(employee)
    roster = d.store.roster()
    if employee is None:
        if not roster:
            raise BadInput("no one is on your team yet; add someone first: aspire team add alice")
        choices = [(e, f"{e}  {m.name}" if m.name else e) for e, m in sorted(roster.items())]
        employee = prompts.pick(f"Who is the {d.kind} with?", choices)
    employee = check_employee_id(employee)
    if employee in roster:
        return employee, roster[employee].display_name(employee)
    close = difflib.get_close_matches(employee, list(roster), n=1, cutoff=0.6)
    if close and prompts.confirm(f"'{employee}' is not on your team. Did you mean '{close[0]}'?"):
        return close[0], roster[close[0]].display_name(close[0])
    if not prompts.confirm(f"'{employee}' is not on your team yet. Add them now?", default=not close):
        raise BadInput(f"'{employee}' is not on your team; add them with: aspire team add {employee}")
    name = prompts.ask_line(f"Full name of {employee} (Enter to skip):").strip()
    add_member(d.store, employee, name, 12, d.today)
    d.console.print(f"Added {employee} to your team (yearly discussions).")
    return employee, name or employee


def _start_or_resume(d: Discussion, employee: str, fresh: bool) -> tuple[dict[str, Answer], date]:
    """Answers to start from (a draft's, when resumed) and the discussion's date."""
    from aspire_cli import prompts

    path = d.store.draft_path(employee, d.kind)
    if not path.exists():
        return {}, d.new_day
    if fresh:
        if not prompts.confirm(f"Discard the unfinished {d.kind} draft in {path}?", default=False):
            raise AspireError(f"kept the draft; resume it with: {d.command} {employee}")
        d.store.delete_draft(employee, d.kind)
        return {}, d.new_day
    qset = load_question_set(d.kind)
    try:
        draft = d.store.read_draft(employee, d.kind, qset)
    except BadFile as exc:
        raise BadFile(
            f"{exc.message}; to discard the draft and start over: {d.command} {employee} --fresh"
        ) from None
    assert draft is not None
    asked = {question.id for question in qset.questions}
    answers = {key: value for key, value in draft.answers.items() if key in asked}  # a set may have changed
    done = first_unanswered(qset, answers) - 1
    choice = prompts.pick(
        f"There is an unfinished {d.kind} with {employee} from {draft.date} "
        f"({done} of {len(qset.questions)} answered): resume it?",
        [
            ("resume", f"Resume at question {done + 1}"),
            ("fresh", "Start over (discard the draft)"),
            ("cancel", "Cancel"),
        ],
    )
    if choice == "cancel":
        raise Aborted(f"nothing changed; the draft is still in {path}")
    if choice == "fresh":
        d.store.delete_draft(employee, d.kind)
        return {}, d.new_day
    return answers, d.day or draft.date


def _introduce(d: Discussion, name: str, qset: QuestionSet, base: Record, answers: dict[str, Answer]) -> None:
    d.console.print(f"[bold]{KIND_TITLES[d.kind]} with {escape(name)}[/], {base.date.isoformat()}")
    if qset.intro:
        d.console.print(f"[dim]{qset.intro}[/]", highlight=False)
    d.console.print(
        "[dim]Each answer is kept in a draft as you go; Ctrl-C stops and you can resume later.[/]"
    )
    if answers:
        d.console.print(f"Resuming: {len(answers)} answers already given.")


def _show_prep_notes(d: Discussion, employee: str, name: str) -> None:
    latest = d.store.latest(employee, "prep")
    if latest is None:
        d.console.print(
            f"[yellow]No prep notes for {employee} yet.[/] "
            f"[dim](aspire prep {employee} before the meeting)[/]"
        )
        return
    qset = load_question_set("prep")
    try:
        prep = d.store.read_record(latest.path, qset)
    except AspireError as exc:
        d.console.print(f"[yellow]Prep notes could not be read:[/] {escape(exc.message)}", highlight=False)
        return
    title = f"Your prep notes for {escape(name)}, {prep.date.isoformat()}"
    d.console.print(record_panel(prep, qset, title))
