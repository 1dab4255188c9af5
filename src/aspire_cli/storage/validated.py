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
    same_version = record.question_set_version == qset.version
    asked = {question.id for question in qset.questions}
    checked: dict[str, dict[str, object]] = {}
    for table, given in (("answers", record.answers), ("own_words", record.own_words)):
        answers: dict[str, object] = {k: v for k, v in given.items() if same_version or k in asked}
        try:  # their own words may leave any question out
            found = qset.validate_answers(answers, complete=table == "answers" and complete and same_version)
        except BadInput as exc:
            raise BadFile(f"{path}: {table}.{exc.message}") from None
        checked[table] = {**given, **found}
    return record.model_copy(update=checked)


def validated(model: Any, path: Path, data: dict[str, Any]) -> Any:
    from pydantic import ValidationError

    from aspire_cli.domain.ids import READS_SCHEMA
    from aspire_cli.domain.validation import describe_error

    schema = data.get("schema")
    if isinstance(schema, int) and schema > READS_SCHEMA:
        raise BadFile(
            f"{path}: written by a newer aspire (schema {schema}; this one reads up to {READS_SCHEMA}); "
            "upgrade aspire to read it."
        )
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadFile(f"{path}: {describe_error(exc, data)}") from None
