"""A file's data made a model (a record, a draft, the team, a follow-up), or a BadFile naming the file
and the field at fault; a record's answers checked by the question set it was written with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aspire_cli.errors import BadFile

if TYPE_CHECKING:
    from aspire_cli.domain.models import Record
    from aspire_cli.domain.questions import QuestionSet

AnyRecord = TypeVar("AnyRecord", bound="Record")


def answers_checked(record: AnyRecord, qset: QuestionSet, path: Path, *, complete: bool) -> AnyRecord:
    """Answers checked by the questions: all of them for a record of this version of the set; for
    one written with another version, only those this version still asks, and none required."""
    from aspire_cli.errors import BadInput

    if record.question_set != qset.id:
        raise BadFile(f"{path}: question_set is '{record.question_set}', expected '{qset.id}'")
    answers: dict[str, object] = dict(record.answers)
    same_version = record.question_set_version == qset.version
    if not same_version:
        asked = {question.id for question in qset.questions}
        answers = {key: value for key, value in answers.items() if key in asked}
    try:
        checked = qset.validate_answers(answers, complete=complete and same_version)
    except BadInput as exc:
        raise BadFile(f"{path}: answers.{exc.message}") from None
    return record.with_answers({**record.answers, **checked})


def validated(model: Any, path: Path, data: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from aspire_cli.domain.ids import SCHEMA
    from aspire_cli.domain.validation import describe_error

    schema = data.get("schema")
    if isinstance(schema, int) and schema > SCHEMA:
        raise BadFile(
            f"{path}: written by a newer aspire (schema {schema}; this one reads up to {SCHEMA}); "
            "upgrade aspire to read it."
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadFile(f"{path}: {describe_error(exc, data)}") from None
