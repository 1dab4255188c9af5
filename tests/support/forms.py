"""An employee's returned form (talk --from), as `aspire invite`'s form page saves it; a question set
as the pages written from it read it (plain data)."""

from aspire_cli.domain.questions import QuestionSet
from aspire_cli.storage.plain_questions import PlainSet, as_plain_set


def plain(qset: QuestionSet) -> PlainSet:
    """The set as `invite` reads it for the pages: plain data, no model."""
    return as_plain_set(qset.model_dump(mode="json"), qset.id)


THEIR_ANSWERS = """\
short_term_aspiration = "Lead the payments team"
long_term_aspiration = ""
aspiration_level = "senior leadership"
willing = "partly"
core_strength = "Calm under \\"pressure\\""
development_area = "Public speaking"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
due = 2027-06-30

[[actions]]
action = "Give a talk at the meetup"
measure = "One talk by summer"

[[actions]]
action = ""
measure = ""

[form]
employee = "alice"
question_set = "talk"
version = 2
sent = 2026-11-01
"""
