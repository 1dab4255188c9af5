"""Answers files as a leader writes them for `--answers`: a prep and a talk with two actions."""

PREP_ANSWERS = """\
potential = "Head of platform engineering within five years"
potential_level = "two or more levels up"
readiness = "1-2 years"
development = "Leadership programme; a rotation through product"
strengths = "Systems thinking"
short_term_needs = "Presentation skills"
next_assignment = "Tech lead, payments, mid 2027"
"""

TALK_ANSWERS = """\
short_term_aspiration = "Lead a small team"
long_term_aspiration = "Director of engineering"
aspiration_level = "senior leadership"
knows_path = "Partly: needs people-management experience"
willing = "yes"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
due = 2027-06-30

[[actions]]
action = "Hand release management to Bob"
measure = "Bob runs two releases alone"
"""
