"""Walking through a question set: ask what is unanswered, keep every answer the moment it is given.

Knows nothing of questionary: a Prompter asks one question and returns a valid answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from aspire_cli.questions import Answer, Question, QuestionSet


class Prompter(Protocol):
    def ask(self, question: Question, position: int, total: int) -> Answer:
        """A valid answer to `question`; raises Aborted when the user stops."""
        ...


def first_unanswered(qset: QuestionSet, answers: dict[str, Answer]) -> int:
    """The 1-based position the interview (re)starts at."""
    for position, question in enumerate(qset.questions, 1):
        if question.id not in answers:
            return position
    return len(qset.questions) + 1


def run_interview(
    qset: QuestionSet,
    prompter: Prompter,
    answers: dict[str, Answer],
    keep: Callable[[dict[str, Answer]], None],
) -> dict[str, Answer]:
    """Ask every question not yet in `answers`; `keep` sees the answers after each one."""
    answers = dict(answers)
    total = len(qset.questions)
    for position, question in enumerate(qset.questions, 1):
        if question.id in answers:
            continue
        answers[question.id] = prompter.ask(question, position, total)
        keep(dict(answers))
    return answers
