"""Question sets: TOML data validated into models. Rewording or adding a question needs no code."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from aspire_cli.domain.validation import describe_error
from aspire_cli.errors import BadInput

Text = Annotated[str, StringConstraints(min_length=1)]
ID_FORM = "must be lowercase letters, digits and _, starting with a letter (like core_strength)"


def _id_form(value: str) -> str:
    """A question's or a set's id: a TOML key, a file name and a word to type, all at once."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError(ID_FORM)
    return value


QuestionId = Annotated[str, AfterValidator(_id_form)]


def _storable(text: str) -> str:
    """Any Unicode text is kept as typed, but a lone surrogate (a broken terminal byte) has no UTF-8 form."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("contains characters that are not valid text; please retype it") from None
    return text


AnswerText = Annotated[str, AfterValidator(_storable)]


class Kind(StrEnum):
    long_text = "long_text"
    choice = "choice"
    actions = "actions"


class Action(BaseModel):
    """One follow-up action agreed in a talk."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    number: int | None = Field(default=None, ge=1)  # given when the talk is written (see tracking.py)
    action: AnswerText
    measure: AnswerText
    due: date | None = None

    @field_validator("action", "measure")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value


Answer = AnswerText | tuple[Action, ...]


def due_date_problem(due: date | None, agreed: date | None) -> str | None:
    """Why an action cannot be due on `due` when agreed on `agreed`, or None if it can."""
    if due is None or agreed is None or due >= agreed:
        return None
    return f"due date {due.isoformat()} is before the discussion it is agreed in ({agreed.isoformat()})"


def actions_due_problem(answers: dict[str, Answer], agreed: date) -> str | None:
    """The first action in `answers` due before the discussion, as '<question id>[n]: why'."""
    for key, answer in answers.items():
        if isinstance(answer, tuple):
            for number, item in enumerate(answer, 1):
                problem = due_date_problem(item.due, agreed)
                if problem:
                    return f"{key}[{number}]: {problem}"
    return None


class Question(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: QuestionId
    text: Text
    guidance: str = ""  # for the leader, under the question as it is asked
    employee_guidance: str = ""  # for the employee, in the invitation and form (else `guidance`)
    kind: Kind
    required: bool = True
    choices: tuple[Text, ...] = ()

    @model_validator(mode="after")
    def _choices_match_kind(self) -> Question:
        if self.kind is Kind.choice and len(self.choices) < 2:
            raise ValueError("a choice question needs at least two choices")
        if self.kind is not Kind.choice and self.choices:
            raise ValueError(f"choices only apply to kind 'choice', not '{self.kind.value}'")
        return self

    @cached_property
    def _adapter(self) -> TypeAdapter[Any]:
        if self.kind is Kind.actions:
            return TypeAdapter(tuple[Action, ...])
        return TypeAdapter(AnswerText)

    def _typed(self, value: object) -> Answer:
        """`value` as this question's answer type. A value that already is one (an answer read with
        its Record, which validated it) is not validated again: reading every record pays for it."""
        if self.kind is Kind.actions:
            if isinstance(value, tuple) and all(type(item) is Action for item in value):
                return value
        elif type(value) is str:
            return _storable(value)
        answer: Answer = self._adapter.validate_python(value)
        return answer

    def validate_answer(self, value: object) -> Answer:
        """The answer as the record stores it, or ValueError with a message for the user."""
        if value is None:
            raise ValueError("is required" if self.required else "is empty")
        try:
            answer: Answer = self._typed(value)
        except ValidationError as exc:
            raise ValueError(describe_error(exc)) from None
        if isinstance(answer, str):
            if self.kind is Kind.long_text:  # trailing blank lines and spaces carry nothing; the rest is kept
                answer = answer.rstrip()
            if self.required and not answer.strip():
                raise ValueError("is required: please give an answer")
            if self.kind is Kind.choice and answer not in self.choices:
                raise ValueError(f"must be one of: {', '.join(self.choices)}")
        elif self.required and not answer:
            raise ValueError("needs at least one action")
        return answer


class QuestionSet(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    id: QuestionId
    version: int = Field(ge=1)
    title: Text
    intro: str = ""
    questions: tuple[Question, ...] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions: tuple[Question, ...]) -> tuple[Question, ...]:
        seen: set[str] = set()
        for question in questions:
            if question.id in seen:
                raise ValueError(f"question id '{question.id}' appears twice")
            seen.add(question.id)
        return questions

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def validate_answers(self, raw: dict[str, object], *, complete: bool = True) -> dict[str, Answer]:
        """Every answer checked by its question; unknown ids refused; with `complete`, none missing.

        Typed answers, answers files and drafts all pass through here.
        """
        answers, problems = self.answers_and_problems(raw, complete=complete)
        if problems:
            raise BadInput(problems[0])
        return answers

    def answers_and_problems(
        self, raw: dict[str, object], *, complete: bool = True
    ) -> tuple[dict[str, Answer], list[str]]:
        """The answers that hold up, and a line for each that does not ('<question id>: why')."""
        known = {q.id for q in self.questions}
        problems = [
            f"unknown question id '{key}' for the {self.id} questions; known ids: {', '.join(sorted(known))}"
            for key in raw
            if key not in known
        ]
        answers: dict[str, Answer] = {}
        for question in self.questions:
            if question.id not in raw:
                if complete and question.required:
                    problems.append(f"{question.id}: an answer is required")
                continue
            try:
                answers[question.id] = question.validate_answer(raw[question.id])
            except ValueError as exc:
                problems.append(f"{question.id}: {exc}")
        return answers, problems
