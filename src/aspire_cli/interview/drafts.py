"""Keeping an interview's answers on disk as they are given, saying where they are when it stops,
and offering them back when the next interview with that employee starts.

The draft file is written the moment an answer (or an action) is complete, with stopping signals
held back so it is never half-saved. If the disk refuses, the answers live on in memory and, if the
record cannot be written either, are printed as an answers file: nothing typed is lost. A draft
found at the start is resumed, discarded or left alone as the leader chooses; --fresh discards it
only after asking.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.domain.models import Draft, Record
from aspire_cli.domain.questions import Answer
from aspire_cli.errors import Aborted, AspireError, BadFile, WriteFailed, warn
from aspire_cli.interview.interrupts import signals_held
from aspire_cli.interview.walk import first_unanswered
from aspire_cli.storage.folders import private_dir
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:
    from aspire_cli.interview.session import Discussion


class DraftKeeper:
    """Keeps every answer on disk the moment it is given; if the disk refuses, in memory, and says so."""

    def __init__(
        self, d: Discussion, base: Record, resumed: dict[str, Answer], unfinished: str | None
    ) -> None:
        self.d = d
        self.base = base
        self.path = d.store.drafts.path(base.employee, base.kind)
        self.answers = resumed
        self.unfinished = unfinished
        self.on_disk = True  # the draft file holds every answer given so far

    def check_the_drafts_folder(self) -> None:
        """Say before the first question, not after it, when answers cannot be kept on disk."""
        try:
            private_dir(self.d.store.drafts.root, follow=False)
        except AspireError as exc:
            warn(
                f"{exc.message} Until then your answers are kept in memory, "
                "and printed if the record cannot be saved."
            )
            self.on_disk = False

    def keep(self, answers: dict[str, Answer], unfinished: str | None) -> None:
        self.answers, self.unfinished = answers, unfinished
        draft = Draft(**self.base.model_dump(), unfinished=unfinished).with_answers(answers)
        try:
            with signals_held():
                self.d.store.drafts.save(draft)
        except WriteFailed as exc:
            if self.on_disk:
                warn(f"{exc.message} Carrying on: your answers are kept in memory until the record is saved.")
            self.on_disk = False
        else:
            self.on_disk = True

    def finished(self) -> None:
        """The record is written: the draft goes; if it cannot, a warning (the run has succeeded)."""
        try:
            self.d.store.drafts.delete(self.base.employee, self.base.kind)
        except (OSError, AspireError) as exc:
            reason = exc.message if isinstance(exc, AspireError) else exc.strerror or str(exc)
            warn(
                f"the record is saved, but its draft {self.path} could not be removed ({reason}); delete it."
            )

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


# -- a draft offered when the next run starts -----------------------------------------------------


def start_or_resume(d: Discussion, employee: str, fresh: bool) -> tuple[dict[str, Answer], date, str | None]:
    """Answers to start from (a draft's, when resumed), the discussion's date, and the question
    (a list of actions) the draft stopped in the middle of."""
    from aspire_cli.interview import prompts

    path = d.store.drafts.path(employee, d.kind)
    if not path.exists():
        return {}, d.new_day, None
    if fresh:
        discard_after_asking(d, employee)
        return {}, d.new_day, None
    qset = d.question_set()
    try:
        draft = d.store.drafts.read(employee, d.kind, qset)
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
        d.store.drafts.delete(employee, d.kind)
        return {}, d.new_day, None
    if not d.their_words:  # their own words came with the draft; a new --from file replaces them
        d.their_words = {k: v for k, v in draft.own_words.items() if k in asked}
    if d.day is not None and d.day != draft.date:
        d.console.print(f"The draft was dated {draft.date}; it is now dated {d.day} (--date).")
    return answers, d.day or draft.date, unfinished


def discard_after_asking(d: Discussion, employee: str) -> None:
    from aspire_cli.interview import prompts

    path = d.store.drafts.path(employee, d.kind)
    if not prompts.confirm(f"Discard the unfinished {d.kind} draft in {path}?", default=False):
        raise AspireError(f"kept the draft; resume it with: {d.command} {employee}")
    d.store.drafts.delete(employee, d.kind)
