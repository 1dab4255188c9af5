"""Walking through a question set: ask what is unanswered, keep every answer the moment it is given.

Knows nothing of questionary: a Prompter shows a question and returns a valid answer. A list of
actions is built one action at a time, and each is kept as soon as it is complete, so a stop at
"Action 3" loses nothing of the first two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from aspire_cli.domain.questions import Action, Answer, Kind, Question, QuestionSet

Keep = Callable[[dict[str, Answer], str | None], None]
"""Called with the answers after each step, and the id of a question still being answered (or None)."""


class Prompter(Protocol):
    def show(self, question: Question, position: int, total: int) -> None:
        """Show the question, its guidance and where the interview is."""

    def answer(self, question: Question) -> Answer | None:
        """A valid text or choice answer, None when an optional one is skipped; raises Aborted
        when the user stops."""

    def earlier_actions(self, actions: tuple[Action, ...]) -> None:
        """Show the actions already agreed, when an interview resumes among them."""

    def action(self, number: int, *, optional: bool) -> Action | None:
        """Action `number`; None when it is `optional` and the user ends the list instead."""


def first_unanswered(qset: QuestionSet, answers: dict[str, Answer], unfinished: str | None = None) -> int:
    """The 1-based position the interview (re)starts at."""
    for position, question in enumerate(qset.questions, 1):
        if question.id not in answers or question.id == unfinished:
            return position
    return len(qset.questions) + 1


def run_interview(
    qset: QuestionSet,
    prompter: Prompter,
    answers: dict[str, Answer],
    keep: Keep,
    unfinished: str | None = None,
    before_actions: Callable[[], None] | None = None,
) -> dict[str, Answer]:
    """Ask every question not yet in `answers` (and finish `unfinished`, a list begun before);
    `before_actions` runs before a list of actions is begun (a talk's review of earlier ones)."""
    answers = dict(answers)
    total = len(qset.questions)
    for position, question in enumerate(qset.questions, 1):
        if question.id in answers and question.id != unfinished:
            continue
        given = answers.get(question.id, ())
        begun = given if question.kind is Kind.actions and isinstance(given, tuple) else ()
        if question.kind is Kind.actions and not begun and before_actions is not None:
            before_actions()
        prompter.show(question, position, total)
        if question.kind is Kind.actions:
            answers[question.id] = _actions(prompter, question, begun, keep, answers)
        else:
            answer = prompter.answer(question)
            if answer is not None:  # skipped: no answer recorded (asked again if a draft resumes)
                answers[question.id] = answer
        keep(dict(answers), None)
    return answers


def _actions(
    prompter: Prompter, question: Question, begun: tuple[Action, ...], keep: Keep, answers: dict[str, Answer]
) -> tuple[Action, ...]:
    """Actions one at a time, each kept the moment it is complete; an empty one ends the list (the
    first only when the question is optional)."""
    items = list(begun)
    if items:
        prompter.earlier_actions(begun)
    while True:
        item = prompter.action(len(items) + 1, optional=bool(items) or not question.required)
        if item is None:
            return tuple(items)
        items.append(item)
        keep({**answers, question.id: tuple(items)}, question.id)
