"""Homes full of records, written by the project's own store, for the tests that need many."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from aspire_cli.domain.models import Member, Record, Team
from aspire_cli.domain.questions import Action
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.views.record_text import record_markdown

TALK = load_question_set("talk")
PREP = load_question_set("prep")

TALK_RAW: dict[str, object] = {
    "short_term_aspiration": "Lead a team",
    "long_term_aspiration": "Director",
    "aspiration_level": "senior leadership",
    "knows_path": "Partly",
    "willing": "yes",
    "core_strength": "Architecture",
    "development_area": "Delegation",
    "actions": (Action(action="Run the guild", measure="Two a month"),),
    "next_assignment_wish": "More scope",
}
TALK_ANSWERS = TALK.validate_answers(TALK_RAW)
PREP_ANSWERS = PREP.validate_answers(
    {q.id: q.choices[0] if q.choices else f"Prep answer for {q.id}" for q in PREP.questions}
)


def record(kind: str, employee: str, day: date) -> Record:
    qset = TALK if kind == "talk" else PREP
    answers = TALK_ANSWERS if kind == "talk" else PREP_ANSWERS
    return Record(
        kind=kind, employee=employee, date=day, question_set=qset.id, question_set_version=qset.version
    ).with_answers(answers)


def talk_record(**answers: object) -> Record:
    """Alice's talk of 2026-11-26, with `answers` in place of the usual ones (validated as typed)."""
    return Record(
        kind="talk",
        employee="alice",
        date=date(2026, 11, 26),
        question_set="talk",
        question_set_version=TALK.version,
    ).with_answers(TALK.validate_answers({**TALK_RAW, **answers}))


def write(store: Store, kind: str, employee: str, day: date) -> Path:
    rec = record(kind, employee, day)
    return store.records.write(rec, record_markdown(rec, TALK if kind == "talk" else PREP, employee))


def build_home(home: Path, employees: int, years: int) -> Store:
    """`employees` members, each with a prep and a talk in each of the last `years` years."""
    store = Store(home)
    ids = [f"emp-{n:03d}" for n in range(employees)]
    store.team.write(Team(members={e: Member(name=e.title(), cadence_months=12) for e in ids}))
    for n, employee in enumerate(ids):
        for year in range(2026 - years, 2026):
            write(store, "prep", employee, date(year, 1 + n % 12, 10))
            write(store, "talk", employee, date(year, 1 + n % 12, 12))
    return store
