"""An employee's returned form (talk --from), as `aspire invite`'s form page saves it."""

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
