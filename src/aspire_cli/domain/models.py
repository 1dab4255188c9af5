"""What the tool stores: discussion records (and drafts of them) and the team roster.

Every file read becomes one of these models or a clear error; after that the code trusts them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidatorFunctionWrapHandler, WrapValidator

from aspire_cli.domain import ids
from aspire_cli.domain.ids import NAME_RULE, OWN_WORDS_SCHEMA, READS_SCHEMA, SCHEMA, check_employee_id
from aspire_cli.domain.questions import Answer, AnswerText
from aspire_cli.domain.schedule import CADENCE_MONTHS, DEFAULT_CADENCE
from aspire_cli.domain.tracking import SEQUENCE_MAX
from aspire_cli.errors import BadInput
from aspire_cli.safe_text import has_control_characters

RecordKind = Literal["prep", "talk"]


def _employee_id(value: object, as_text: ValidatorFunctionWrapHandler) -> str:
    if type(value) is ids.EmployeeId:  # checked where it was made, at the command line
        return value
    try:
        return check_employee_id(as_text(value))
    except BadInput as exc:  # as pydantic's ValueError, so that the error names the field
        raise ValueError(exc.message) from None


EmployeeId = Annotated[str, WrapValidator(_employee_id)]


class Record(BaseModel):
    """A prep or talk: complete when written as a record, partial while it is a draft."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)

    schema_version: int = Field(default=SCHEMA, alias="schema", ge=1, le=READS_SCHEMA)
    kind: RecordKind
    employee: EmployeeId
    date: date
    question_set: str
    question_set_version: int = Field(ge=1)
    answers: dict[str, Answer] = Field(default_factory=dict)
    # the employee's own answers, as their form or template gave them before the talk (talk --from):
    # kept beside what was agreed, never mixed into it
    own_words: dict[str, Answer] = Field(default_factory=dict)

    def to_toml_data(self) -> dict[str, Any]:
        data = self.model_dump(mode="python", by_alias=True, exclude_none=True)
        data["answers"] = _as_tables(self.answers)
        data.pop("own_words")
        if self.own_words:  # a table of their own, written last; schema 2 (an older aspire refuses it)
            data["own_words"] = _as_tables(self.own_words)
            data["schema"] = OWN_WORDS_SCHEMA
        return data

    def with_answers(self, answers: dict[str, Answer]) -> Self:
        return self.model_copy(update={"answers": dict(answers)})


def _as_tables(answers: dict[str, Answer]) -> dict[str, Any]:
    """Answers as tomli-w writes them: a list of actions reads as [[answers.actions]] tables."""
    return {
        key: [a.model_dump(exclude_none=True) for a in value] if isinstance(value, tuple) else value
        for key, value in answers.items()
    }


class Draft(Record):
    """The answers so far of an unfinished interview; `unfinished` names a list of actions begun
    but not yet closed (its actions so far are in `answers`)."""

    unfinished: str | None = None


class FollowUp(BaseModel):
    """What became of one agreed action: done, dropped, or open again. A file of its own, never
    rewritten, so that the talk stays as it was written and two copies of a home merge cleanly."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)

    schema_version: int = Field(default=SCHEMA, alias="schema", ge=1, le=SCHEMA)
    kind: Literal["follow-up"] = "follow-up"
    employee: EmployeeId
    action: int = Field(ge=1)
    status: Literal["done", "dropped", "open"]
    date: date
    recorded: datetime
    # one more than the highest of the action's follow-ups when it was written: orders them before
    # `recorded` does, so no clock can rank an older one above it (tracking.py); 0 from an older aspire
    sequence: int = Field(default=0, ge=0, le=SEQUENCE_MAX)
    note: AnswerText | None = None

    def to_toml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="python", by_alias=True, exclude_none=True)


def _one_line_name(value: str) -> str:
    if has_control_characters(value):  # printed in tables and titles: it must not forge or drive them
        raise ValueError(NAME_RULE)
    return value


class Member(BaseModel):
    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid")

    name: Annotated[str, AfterValidator(_one_line_name)] = ""
    cadence_months: int = Field(default=DEFAULT_CADENCE, ge=CADENCE_MONTHS[0], le=CADENCE_MONTHS[-1])
    added: date | None = None


class Team(BaseModel):
    """The roster: who the leader holds discussions with, and how often."""

    model_config = ConfigDict(defer_build=True, frozen=True, extra="forbid", populate_by_name=True)

    schema_version: int = Field(default=SCHEMA, alias="schema", ge=1, le=SCHEMA)
    members: dict[EmployeeId, Member] = Field(default_factory=dict)

    def to_toml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="python", by_alias=True, exclude_none=True)
