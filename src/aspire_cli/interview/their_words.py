"""`aspire talk EMPLOYEE --from FILE`: the employee's own answers, from the form or template
`aspire invite` wrote, read with an answers file's cap and checks (answers_file.py): their form,
for these questions, every answer valid, each problem named in a line of its own. What they left
empty is no answer."""

from __future__ import annotations

from datetime import date

from aspire_cli.domain.own_words import FORM, check_form, without_blanks
from aspire_cli.domain.questions import Answer, QuestionSet
from aspire_cli.errors import BadInput
from aspire_cli.interview.answers_file import file_answers, read_answers
from aspire_cli.interview.review import REVIEW


def their_words(source: str, employee: str, qset: QuestionSet, day: date) -> dict[str, Answer]:
    """The answers the employee returned, checked; BadInput (exit 2) before anything is written."""
    raw = read_answers(source)
    name = "their answers from stdin" if source == "-" else f"their answers {source}"
    check_form(raw.pop(FORM, None), employee, qset, name)
    if REVIEW in raw:
        raise BadInput(f"{name}: review: the review of earlier actions is yours, in the talk itself")
    given = file_answers(qset, without_blanks(qset, raw), name, day)
    if not given:
        raise BadInput(f"{name}: no answer in it: did they save the form before sending it?")
    return given
