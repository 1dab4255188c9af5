"""Holding a prep or a talk: from answers (typed or from a file) to a written record.

The promises kept here: nothing typed is lost (every answer, every completed action, is in the
draft before the next question shows), a draft is deleted only by the run that finished it (or by
--fresh after asking), and once the record is on disk the run has succeeded. The terminal side
(questions, confirmations) comes in through `prompts`, imported only when a prompt is really shown.
"""

from __future__ import annotations

import contextlib
import difflib
import stat
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.ids import check_employee_id, parse_day
from aspire_cli.domain.models import SCHEMA, Record
from aspire_cli.domain.questions import Answer, QuestionSet, actions_due_problem
from aspire_cli.errors import Aborted, AspireError, BadFile, BadInput, NotATerminal, WriteFailed
from aspire_cli.interview import screen
from aspire_cli.interview.drafts import DraftKeeper
from aspire_cli.interview.interrupts import (
    as_aborted,
    saving_the_record,
    stop_if_signalled,
    stop_on_signals,
)
from aspire_cli.interview.screen import escape
from aspire_cli.interview.walk import first_unanswered, run_interview
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import ANSWERS_LIMIT, MiB, private_dir, read_regular
from aspire_cli.storage.looking_back import with_action_numbers
from aspire_cli.storage.roster import add_member
from aspire_cli.storage.store import LOCK_TIMEOUT_SECONDS, Store
from aspire_cli.storage.toml_read import TomlError, load_bytes
from aspire_cli.views.record_text import record_markdown

if TYPE_CHECKING:
    from rich.console import Console

EARLIEST_DAY = date(1970, 1, 1)
RESUMING = "Resuming"  # answers from a draft: its day was agreed to when it began
EDITOR_FOLDER = ".editing"  # Ctrl-X Ctrl-E's temporary file: inside the private home, not in /tmp


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
    ) -> None:
        self.store = store
        self.questions = questions  # --questions FILE: a set for this run only
        self._console = console
        self.kind = kind  # "prep" or "talk"
        self.day = day  # None: today, or the draft's own date when resuming
        self.today = today

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


def discussion_day(text: str, kind: str, today: date) -> date:
    """--date: a real day, from 1970 to today; a discussion cannot be dated in the future."""
    day = parse_day(text, "--date")
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
    day: str | None,
    answers: str | None,
    fresh: bool,
    questions: str | None = None,
) -> Path:
    """`aspire prep` or `aspire talk`, from the command line's words to a saved record."""
    today = date.today()
    given = None
    if questions is not None:
        if not questions:
            raise BadInput("--questions is empty: give a question set file, e.g. --questions short-talk.toml")
        given = Path(questions).expanduser()
    on = discussion_day(day, kind, today) if day is not None else None
    d = Discussion(store, None, kind, on, today, given)
    path = (
        from_answers_file(d, employee, answers, fresh)
        if answers is not None
        else interactive(d, employee, fresh)
    )
    screen.say_saved(d, path)
    return path


# -- answers from a file ------------------------------------------------------------------------


def from_answers_file(d: Discussion, employee: str | None, source: str, fresh: bool) -> Path:
    """Every answer the file gives, validated like typed ones; in a terminal, the rest are asked."""
    if employee is None:
        raise BadInput(f"name the employee: {d.command} EMPLOYEE --answers {source}")
    employee = check_employee_id(employee)
    member = d.store.member(employee)
    if member is None:
        raise BadInput(f"'{employee}' is not on your team; add them first: aspire team add {employee}")
    name = member.display_name(employee)
    qset = d.question_set()
    given = _file_answers(qset, _read_answers(source), source, d.new_day)
    missing = [q.id for q in qset.questions if q.required and q.id not in given]
    if missing and not sys.stdin.isatty():
        raise BadInput(
            f"{_source_name(source)}: no answer for {', '.join(missing)}; add them, "
            "or run the command in a terminal to be asked for them."
        )
    with d.store.interview_lock(employee, d.kind, wait=LOCK_TIMEOUT_SECONDS):  # another run may be saving
        _leave_the_draft_alone(d, employee, fresh)
        if not missing:
            return _write(d, name, qset, _new_record(d, employee, qset, d.new_day).with_answers(given))
        source_name = "stdin" if source == "-" else Path(source).name
        d.console.print(
            f"{len(given)} of {len(qset.questions)} answers from {escape(one_line(source_name))}; "
            f"asking the {len(missing)} left.",
            soft_wrap=True,
        )
        return _hold(d, employee, name, qset, given, d.new_day, given_by="From the answers file")


def _file_answers(qset: QuestionSet, raw: dict[str, object], source: str, day: date) -> dict[str, Answer]:
    try:
        given = qset.validate_answers(raw, complete=False)
    except BadInput as exc:
        raise BadInput(f"{_source_name(source)}: {exc.message}") from None
    problem = actions_due_problem(given, day)
    if problem:
        raise BadInput(f"{_source_name(source)}: {problem}")
    return given


def _leave_the_draft_alone(d: Discussion, employee: str, fresh: bool) -> None:
    """An answers file never replaces what was typed: with a draft there, it stops and says so."""
    path = d.store.draft_path(employee, d.kind)
    if not path.exists() and not path.is_symlink():
        return
    if fresh and sys.stdin.isatty():
        _discard_after_asking(d, employee)
        return
    if fresh:
        raise AspireError(
            f"--fresh asks before it discards the unfinished {d.kind} in {path}, and stdin is not a "
            f"terminal: run `{d.command} {employee} --fresh` in a terminal (or resume it with "
            f"`{d.command} {employee}`), then run this again."
        )
    raise AspireError(
        f"an unfinished {d.kind} with {employee} is in {path} and was left alone: resume it with "
        f"`{d.command} {employee}` or discard it with `{d.command} {employee} --fresh`, then run this again."
    )


def _read_answers(source: str) -> dict[str, object]:
    """The answers' TOML data, of at most ANSWERS_LIMIT bytes from a regular file or standard input."""
    data = _stdin_bytes() if source == "-" else _answers_file_bytes(source)
    try:
        return load_bytes(data)
    except TomlError as exc:
        raise BadInput(f"{_source_name(source)}: not valid TOML: {exc}") from None


def _stdin_bytes() -> bytes:
    """Standard input up to its end, but never more than ANSWERS_LIMIT bytes (`yes |` never ends)."""
    if sys.stdin is None:  # started with its standard input closed
        raise BadInput("answers from stdin: there is no standard input; give a file: --answers FILE")
    try:
        stream = getattr(sys.stdin, "buffer", sys.stdin)  # a test's stand-in for a terminal is text only
        data = stream.read(ANSWERS_LIMIT + 1)
        data = data.encode() if isinstance(data, str) else data
    except OSError as exc:
        raise BadInput(f"answers from stdin cannot be read: {exc.strerror or exc}.") from None
    if len(data) > ANSWERS_LIMIT:
        raise BadInput(
            f"answers from stdin: more than the {ANSWERS_LIMIT // MiB} MiB aspire reads as answers; "
            "is it the right input?"
        )
    return data


def _answers_file_bytes(source: str) -> bytes:
    """A regular file's bytes: a FIFO could block for ever and a device (/dev/zero) never end."""
    path = Path(source)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise BadInput(f"answers file {source} does not exist.") from None
    except OSError as exc:
        raise BadInput(f"answers file {source} cannot be read: {exc.strerror or exc}.") from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise BadInput(
            f"answers file {source} is not a regular file (a pipe or a device?); "
            "to pipe answers in, use --answers - instead."
        )
    try:
        return read_regular(path, ANSWERS_LIMIT, follow=True)
    except BadFile as exc:  # a folder, too big, or changed since
        raise BadInput(f"answers file {exc.message}") from None


def _source_name(source: str) -> str:
    return "answers from stdin" if source == "-" else f"answers file {source}"


# -- in a terminal ------------------------------------------------------------------------------


def interactive(d: Discussion, employee: str | None, fresh: bool) -> Path:
    if not sys.stdin.isatty():
        raise NotATerminal(
            f"{d.command} asks its questions in a terminal, and stdin is not one; "
            "to run without prompts pass --answers FILE (TOML, or - for stdin)."
        )
    employee, name = _choose_employee(d, employee)
    qset = d.question_set()
    with d.store.interview_lock(employee, d.kind):
        d.store.sweep_temp_files(d.store.records_dir(employee))
        answers, day, unfinished = _start_or_resume(d, employee, fresh)
        return _hold(d, employee, name, qset, answers, day, unfinished, given_by=RESUMING if answers else "")


def _hold(
    d: Discussion,
    employee: str,
    name: str,
    qset: QuestionSet,
    answers: dict[str, Answer],
    day: date,
    unfinished: str | None = None,
    *,
    given_by: str = "",
) -> Path:
    """The interview itself, under the employee's interview lock: ask, keep, write. `given_by`
    says where answers given before come from (RESUMING: a draft the leader already began)."""
    from aspire_cli.interview import prompts

    with stop_on_signals():
        if given_by != RESUMING:  # a resumed draft was agreed to when it began
            _confirm_another_on_the_same_day(d, employee, day)
        draft = DraftKeeper(d, _new_record(d, employee, qset, day), answers, unfinished)
        screen.introduce(d, name, qset, draft.base)
        draft.check_the_drafts_folder()
        screen.show_brief(d, employee, day)
        if d.kind == "talk":
            screen.show_prep_notes(d, employee, name, day)
        if answers:
            screen.already_said(d, qset, answers, unfinished, given_by)
        try:
            with _editor_files_in(d.store.home / EDITOR_FOLDER):
                prompter = prompts.TerminalPrompter(d.console, day)
                answers = run_interview(qset, prompter, answers, draft.keep, unfinished)
            stop_if_signalled()  # a Ctrl-C after the last answer still stops before the record
        except KeyboardInterrupt as interrupt:  # a signal that arrived between two prompts
            stop = as_aborted(interrupt)
            raise Aborted(draft.stopped_message(stop), stop.exit_code) from None
        except Aborted as exc:
            raise Aborted(draft.stopped_message(exc), exc.exit_code) from None
        record = draft.base.with_answers(qset.validate_answers(dict(answers)))
        return _write(d, name, qset, record, draft)


def _write(
    d: Discussion, name: str, qset: QuestionSet, record: Record, draft: DraftKeeper | None = None
) -> Path:
    problem = actions_due_problem(dict(record.answers), record.date)
    if problem:
        raise BadInput(f"{problem}; nothing written.")
    if record.kind == "talk":
        record = with_action_numbers(d.store, record)
    markdown = record_markdown(record, qset, name)
    try:
        with saving_the_record():
            path = d.store.write_record(record, markdown)
            if draft is not None:
                draft.finished()
    except WriteFailed as exc:
        if draft is None:
            raise
        raise WriteFailed(f"{exc.message} Nothing is lost: {draft.safe_place()}") from None
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


@contextlib.contextmanager
def _editor_files_in(folder: Path) -> Iterator[None]:
    """$EDITOR's temporary file (Ctrl-X Ctrl-E) is made in `folder`, private, instead of /tmp."""
    import tempfile

    private_dir(folder)
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: another interview may be editing in it


def _choose_employee(d: Discussion, employee: str | None) -> tuple[str, str]:
    """The employee the interview is with, and the name to show; a stranger may be added here."""
    from aspire_cli.interview import prompts

    if employee is not None:
        member = d.store.member(check_employee_id(employee))
        if member is not None:
            return employee, member.display_name(employee)
    roster = d.store.roster()
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


def _start_or_resume(d: Discussion, employee: str, fresh: bool) -> tuple[dict[str, Answer], date, str | None]:
    """Answers to start from (a draft's, when resumed), the discussion's date, and the question
    (a list of actions) the draft stopped in the middle of."""
    from aspire_cli.interview import prompts

    path = d.store.draft_path(employee, d.kind)
    if not path.exists():
        return {}, d.new_day, None
    if fresh:
        _discard_after_asking(d, employee)
        return {}, d.new_day, None
    qset = d.question_set()
    try:
        draft = d.store.read_draft(employee, d.kind, qset)
    except BadFile as exc:
        raise BadFile(
            f"{exc.message}; to discard the draft and start over: {d.command} {employee} --fresh"
        ) from None
    assert draft is not None
    asked = {question.id for question in qset.questions}
    answers = {key: value for key, value in draft.answers.items() if key in asked}  # a set may have changed
    unfinished = draft.unfinished if draft.unfinished in answers else None
    done = first_unanswered(qset, answers, unfinished) - 1
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
        return {}, d.new_day, None
    if d.day is not None and d.day != draft.date:
        d.console.print(f"The draft was dated {draft.date}; it is now dated {d.day} (--date).")
    return answers, d.day or draft.date, unfinished


def _discard_after_asking(d: Discussion, employee: str) -> None:
    from aspire_cli.interview import prompts

    path = d.store.draft_path(employee, d.kind)
    if not prompts.confirm(f"Discard the unfinished {d.kind} draft in {path}?", default=False):
        raise AspireError(f"kept the draft; resume it with: {d.command} {employee}")
    d.store.delete_draft(employee, d.kind)


def _confirm_another_on_the_same_day(d: Discussion, employee: str, day: date) -> None:
    """A second record on one day is saved as -2: asked first, as it is usually a mistake."""
    from aspire_cli.interview import prompts

    same_day = [r for r in d.store.list_records(employee, d.kind) if r.day == day]
    if not same_day:
        return
    nth = len(same_day) + 1
    question = (
        f"You already have a {d.kind} with {employee} on {day.isoformat()} ({same_day[-1].path.name}). "
        f"Hold another one that day (saved as {day.isoformat()}-{d.kind}-{nth})?"
    )
    if not prompts.confirm(question, default=False):
        raise AspireError(f"nothing started; the {d.kind} of {day.isoformat()} is in {same_day[-1].path}")
