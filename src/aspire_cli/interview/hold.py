"""The interview itself, held under the employee's interview lock: ask every question, keep each
answer in the draft as it is given (drafts.py), and write the record. Once the record is on disk the
run has succeeded; until then a stop says where the answers are."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.ids import SCHEMA
from aspire_cli.domain.models import Record
from aspire_cli.domain.questions import Answer, QuestionSet, actions_due_problem
from aspire_cli.errors import Aborted, AspireError, BadInput, WriteFailed
from aspire_cli.interview import screen
from aspire_cli.interview.drafts import DraftKeeper
from aspire_cli.interview.editor_files import EDITING_FOLDER, editor_files_in
from aspire_cli.interview.interrupts import as_aborted, saving_the_record, stop_if_signalled, stop_on_signals
from aspire_cli.interview.review import Review, open_actions, write_review
from aspire_cli.interview.walk import run_interview
from aspire_cli.storage.looking_back import with_action_numbers
from aspire_cli.views.record_text import record_markdown

if TYPE_CHECKING:
    from aspire_cli.interview.session import Discussion

RESUMING = "Resuming"  # answers from a draft: its day was agreed to when it began


def hold(
    d: Discussion,
    employee: str,
    name: str,
    qset: QuestionSet,
    answers: dict[str, Answer],
    day: date,
    unfinished: str | None = None,
    *,
    given_by: str = "",
    review: Review | None = None,
) -> Path:
    """The interview itself, under the employee's interview lock: ask, keep, write. `given_by`
    says where answers given before come from (RESUMING: a draft the leader already began);
    `review`, the earlier actions' review when an answers file gave it (else a talk asks it)."""
    from aspire_cli.interview import prompts

    with stop_on_signals():
        if given_by != RESUMING:  # a resumed draft was agreed to when it began
            _confirm_another_on_the_same_day(d, employee, day)
        draft = DraftKeeper(d, new_record(d, employee, qset, day), answers, unfinished)
        screen.introduce(d, name, qset, draft.base)
        draft.check_the_drafts_folder()
        screen.show_brief(d, employee, day)
        if d.kind == "talk":
            screen.show_prep_notes(d, employee, name, day)  # or that they are hidden, and nothing of them
        if d.their_words:
            screen.their_words_given(d, qset)
        if answers:
            screen.already_said(d, qset, answers, unfinished, given_by)
        try:
            with editor_files_in(d.store.home / EDITING_FOLDER):
                prompter = prompts.TerminalPrompter(d.console, day, their=d.their_words)
                reviewed, ask_review = _review_to_ask(d, employee, day, review)
                answers = run_interview(qset, prompter, answers, draft.keep, unfinished, ask_review)
            stop_if_signalled()  # a Ctrl-C after the last answer still stops before the record
        except KeyboardInterrupt as interrupt:  # a signal that arrived between two prompts
            stop = as_aborted(interrupt)
            raise Aborted(draft.stopped_message(stop), stop.exit_code) from None
        except Aborted as exc:
            raise Aborted(draft.stopped_message(exc), exc.exit_code) from None
        record = draft.base.with_answers(qset.validate_answers(dict(answers)))
        path = write_record(d, name, qset, record, draft)
        keep_review(d, employee, reviewed, day)
        return path


def _review_to_ask(
    d: Discussion, employee: str, day: date, given: Review | None
) -> tuple[Review, Callable[[], None] | None]:
    """The review so far, and what asks it before the new actions (None: nothing to ask)."""
    from aspire_cli.interview import prompts

    reviewed: Review = dict(given or {})
    if d.kind != "talk" or given is not None:
        return reviewed, None
    try:
        earlier = open_actions(d.store, employee, day)
    except AspireError:  # the brief has named the file; the talk goes on without a review
        return reviewed, None
    if not earlier:
        return reviewed, None
    return reviewed, lambda: reviewed.update(prompts.review_actions(d.console, earlier))


def keep_review(d: Discussion, employee: str, review: Review, day: date) -> None:
    """The review's follow-ups, once the talk's record is written; said after "Saved"."""
    line = write_review(d.store, employee, review, day)
    if line:
        d.said_after.append(line)


def write_record(
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
            path = d.store.records.write(record, markdown)
            if draft is not None:
                draft.finished()
    except WriteFailed as exc:
        if draft is None:
            raise
        raise WriteFailed(f"{exc.message} Nothing is lost: {draft.safe_place()}") from None
    return path


def new_record(d: Discussion, employee: str, qset: QuestionSet, day: date) -> Record:
    return Record(
        schema_version=SCHEMA,
        kind=d.kind,
        employee=employee,
        date=day,
        question_set=qset.id,
        question_set_version=qset.version,
        own_words=d.their_words,
    )


def _confirm_another_on_the_same_day(d: Discussion, employee: str, day: date) -> None:
    """A second record on one day is saved as -2: asked first, as it is usually a mistake."""
    from aspire_cli.interview import prompts

    another = _another_on_the_same_day(d, employee, day)
    if another is None:
        return
    already, saved_as, first = another
    question = f"Y{already[1:]}. Hold another one that day (saved as {saved_as})?"
    if not prompts.confirm(question, default=False):
        raise AspireError(f"nothing started; the {d.kind} of {day.isoformat()} is in {first}")


def refuse_another_on_the_same_day(d: Discussion, employee: str, day: date) -> None:
    """An answers file for a day that has a record of its kind: refused unless --again, as the typed
    interview asks before it holds another (a file run twice is the usual mistake)."""
    another = _another_on_the_same_day(d, employee, day)
    if another is not None:
        already, saved_as, _ = another
        raise AspireError(f"{already}; nothing written: to record another (saved as {saved_as}), add --again")


def _another_on_the_same_day(d: Discussion, employee: str, day: date) -> tuple[str, str, Path] | None:
    """Unless --again: what to say of the records of this kind already held that day (None: there
    are none), the name another would be saved as, and the latest of them."""
    same_day = [r for r in d.store.records.listed(employee, d.kind) if r.day == day]
    if not same_day or d.again:
        return None
    first = same_day[-1].path
    already = f"you already have a {d.kind} with {employee} on {day.isoformat()} ({first.name})"
    return already, f"{day.isoformat()}-{d.kind}-{len(same_day) + 1}", first
