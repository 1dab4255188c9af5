"""`aspire prep|talk EMPLOYEE --answers FILE` (or - for standard input): every answer the file gives,
validated like typed ones; in a terminal, the rest are asked. The file is read bounded (a regular
file or stdin, at most ANSWERS_LIMIT bytes), and it never replaces a draft of what was typed."""

from __future__ import annotations

import stat
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.own_words import FORM, check_form
from aspire_cli.domain.questions import Answer, QuestionSet, actions_due_problem
from aspire_cli.errors import AspireError, BadAnswers, BadFile, BadInput
from aspire_cli.interview.drafts import discard_after_asking
from aspire_cli.interview.hold import (
    hold,
    keep_review,
    new_record,
    refuse_another_on_the_same_day,
    write_record,
)
from aspire_cli.interview.review import REVIEW, Review, open_actions, review_from_file
from aspire_cli.interview.screen import escape
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import ANSWERS_LIMIT, MiB, read_regular
from aspire_cli.storage.store import LOCK_TIMEOUT_SECONDS
from aspire_cli.storage.toml_read import TomlError, load_bytes

if TYPE_CHECKING:
    from aspire_cli.interview.session import Discussion


def from_answers_file(d: Discussion, employee: str | None, source: str, fresh: bool) -> Path:
    """Every answer the file gives, validated like typed ones; in a terminal, the rest are asked."""
    if employee is None:
        raise BadInput(f"name the employee: {d.command} EMPLOYEE --answers {source}")
    employee = check_employee_id(employee)
    member = d.store.team.member(employee)
    if member is None:
        raise BadInput(f"'{employee}' is not on your team; add them first: aspire team add {employee}")
    name = member.display_name(employee)
    qset = d.question_set()
    raw = read_answers(source)
    check_form(raw.pop(FORM, None), employee, qset, source_name(source))
    review = _file_review(d, employee, raw.pop(REVIEW, None), source) if REVIEW in raw else None
    given = file_answers(qset, raw, source_name(source), d.new_day)
    missing = [q.id for q in qset.questions if q.required and q.id not in given]
    if missing and not sys.stdin.isatty():
        raise BadInput(
            f"{source_name(source)}: no answer for {', '.join(missing)}; add them, "
            "or run the command in a terminal to be asked for them."
        )
    with d.store.interview_lock(employee, d.kind, wait=LOCK_TIMEOUT_SECONDS):  # another run may be saving
        _leave_the_draft_alone(d, employee, fresh)
        refuse_another_on_the_same_day(d, employee, d.new_day)
        if not missing:
            path = write_record(d, name, qset, new_record(d, employee, qset, d.new_day).with_answers(given))
            keep_review(d, employee, review or {}, d.new_day)
            return path
        shown_name = "stdin" if source == "-" else Path(source).name
        asked = [q for q in qset.questions if q.id not in given]  # as the interview asks: optional ones too
        d.console.print(
            f"{len(given)} of {len(qset.questions)} answers from {escape(one_line(shown_name))}; "
            f"asking the {len(asked)} left.",
            soft_wrap=True,
        )
        return hold(
            d, employee, name, qset, given, d.new_day, given_by="From the answers file", review=review
        )


def _file_review(d: Discussion, employee: str, table: object, source: str) -> Review:
    """The file's [review] of earlier open actions, checked against them (a talk's alone)."""
    if d.kind != "talk":
        raise BadInput(f"{source_name(source)}: review: only a talk reviews earlier actions")
    try:
        return review_from_file(table, open_actions(d.store, employee, d.new_day), employee)
    except BadInput as exc:
        raise BadInput(f"{source_name(source)}: {exc.message}") from None


def file_answers(qset: QuestionSet, raw: dict[str, object], name: str, day: date) -> dict[str, Answer]:
    """The file's answers, checked as typed ones are; every problem in a line of its own."""
    given, problems = qset.answers_and_problems(raw, complete=False)
    problem = actions_due_problem(given, day)
    if problem:
        problems.append(problem)
    if problems:
        raise BadAnswers([f"{name}: {problem}" for problem in problems])
    return given


def _leave_the_draft_alone(d: Discussion, employee: str, fresh: bool) -> None:
    """An answers file never replaces what was typed: with a draft there, it stops and says so."""
    path = d.store.drafts.path(employee, d.kind)
    if not path.exists() and not path.is_symlink():
        return
    if fresh and sys.stdin.isatty():
        discard_after_asking(d, employee)
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


def read_answers(source: str) -> dict[str, object]:
    """The answers' TOML data, of at most ANSWERS_LIMIT bytes from a regular file or standard input."""
    data = _stdin_bytes() if source == "-" else _answers_file_bytes(source)
    try:
        return load_bytes(data)
    except TomlError as exc:
        raise BadInput(f"{source_name(source)}: not valid TOML: {exc}") from None


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


def source_name(source: str) -> str:
    return "answers from stdin" if source == "-" else f"answers file {source}"
