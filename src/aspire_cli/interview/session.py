"""Holding a prep or a talk: from the command line's words to a written record.

The promises kept here: nothing typed is lost (every answer, every completed action, is in the
draft before the next question shows: drafts.py), a draft is deleted only by the run that finished
it (or by --fresh after asking), and once the record is on disk the run has succeeded (hold.py).
Answers come typed, or from a file (answers_file.py). The terminal side (questions, confirmations)
comes in through `prompts`, imported only when a prompt is really shown.
"""

from __future__ import annotations

import difflib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.errors import BadInput, NotATerminal
from aspire_cli.interview import screen
from aspire_cli.interview.answers_file import from_answers_file
from aspire_cli.interview.drafts import start_or_resume
from aspire_cli.interview.hold import RESUMING, hold
from aspire_cli.storage.roster_changes import add_member

if TYPE_CHECKING:
    from rich.console import Console

    from aspire_cli.domain.questions import Answer, QuestionSet
    from aspire_cli.storage.store import Store

EARLIEST_DAY = date(1970, 1, 1)


class Discussion:
    """One prep or talk being held: where, with what terminal, of which kind, on which day."""

    def __init__(
        self,
        store: Store,
        console: Console | None,
        kind: str,
        day: date | None,
        today: date,
        questions: Path | None = None,
        again: bool = False,
    ) -> None:
        self.store = store
        self.questions = questions  # --questions FILE: a set for this run only
        self.again = again  # --again: another record on a day that has one, without asking
        self._console = console
        self.kind = kind  # "prep" or "talk"
        self.day = day  # None: today, or the draft's own date when resuming
        self.today = today
        self.hide_prep = False  # talk --hide-prep, or prep_notes = "hidden": no prep note drawn
        self.said_after: list[str] = []  # lines for after "Saved" (the review's follow-ups)
        self.their_words: dict[str, Answer] = {}  # talk --from FILE: the employee's own answers

    @property
    def console(self) -> Console:
        """Rich's console, made on first use: an --answers run that only says "Saved" never loads Rich."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(highlight=False)
        return self._console

    def question_set(self) -> QuestionSet:
        """The set to ask: --questions FILE, else the leader's own of this kind, else the shipped one."""
        from aspire_cli.storage.question_sets import set_for

        return set_for(self.store.home, self.kind, self.questions)

    @property
    def command(self) -> str:
        return f"aspire {self.kind}"

    @property
    def new_day(self) -> date:
        """The date of a discussion that does not resume a draft: --date, else today."""
        return self.day or self.today


def discussion_day(day: date, kind: str, today: date) -> date:
    """--date, a day already: from 1970 to today; a discussion cannot be dated in the future."""
    text = day.isoformat()
    when = "the day you prepared" if kind == "prep" else "the day it was held"
    if day > today:
        raise BadInput(
            f"--date {text} is in the future: date it {when}, today ({today.isoformat()}) at the latest."
        )
    if day < EARLIEST_DAY:
        raise BadInput(f"--date {text} is before 1970: check the year.")
    return day


def run_discussion(
    store: Store,
    kind: str,
    employee: str | None,
    day: date | None,
    answers: str | None,
    fresh: bool,
    questions: str | None = None,
    again: bool = False,
    *,
    hide_prep: bool = False,
    their: str | None = None,
) -> Path:
    """`aspire prep` or `aspire talk`, from the command line's words to a saved record; with
    `hide_prep`, a talk draws none of the prep notes (a screen the employee can see); `their`, the
    file of the employee's own answers (talk --from)."""
    today = date.today()
    given = None
    if questions is not None:
        if not questions:
            raise BadInput("--questions is empty: give a question set file, e.g. --questions short-talk.toml")
        given = Path(questions).expanduser()
    on = discussion_day(day, kind, today) if day is not None else None
    d = Discussion(store, None, kind, on, today, given, again)
    d.hide_prep = hide_prep
    if their is not None:
        _read_their_words(d, employee, their, answers)
    path = (
        from_answers_file(d, employee, answers, fresh)
        if answers is not None
        else interactive(d, employee, fresh)
    )
    screen.say_saved(d, path)
    for line in d.said_after:
        d.console.print(screen.escape(line), soft_wrap=True)
    return path


def _read_their_words(d: Discussion, employee: str | None, source: str, answers: str | None) -> None:
    """The employee's own answers, read and checked before anything is asked or written."""
    from aspire_cli.interview.their_words import their_words

    if employee is None:
        raise BadInput(f"name the employee whose answers these are: aspire talk EMPLOYEE --from {source}")
    if source == "-" and answers == "-":
        raise BadInput("--from - and --answers - cannot both read stdin: give one of them as a file")
    if answers is None and not sys.stdin.isatty():
        raise NotATerminal(
            "talk --from shows their answers as you hold the talk, in a terminal, and stdin is not one; "
            "to record them without prompts add --answers FILE with what was agreed."
        )
    employee = check_employee_id(employee)
    d.their_words = their_words(source, employee, d.question_set(), d.new_day)


def interactive(d: Discussion, employee: str | None, fresh: bool) -> Path:
    if not sys.stdin.isatty():
        raise NotATerminal(
            f"{d.command} asks its questions in a terminal, and stdin is not one; "
            "to run without prompts pass --answers FILE (TOML, or - for stdin)."
        )
    employee, name = _choose_employee(d, employee)
    qset = d.question_set()
    with d.store.interview_lock(employee, d.kind):
        d.store.sweep_temp_files(d.store.records.folder(employee))
        answers, day, unfinished = start_or_resume(d, employee, fresh)
        return hold(d, employee, name, qset, answers, day, unfinished, given_by=RESUMING if answers else "")


def _choose_employee(d: Discussion, employee: str | None) -> tuple[str, str]:
    """The employee the interview is with, and the name to show; a stranger may be added here."""
    from aspire_cli.interview import prompts

    if employee is not None:
        member = d.store.team.member(check_employee_id(employee))
        if member is not None:
            return employee, member.display_name(employee)
    roster = d.store.team.roster()
    if employee is None:
        if not roster:
            raise BadInput("no one is on your team yet; add someone first: aspire team add alice")
        employee = prompts.pick(f"Who is the {d.kind} with?", screen.team_by_urgency(d))
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
