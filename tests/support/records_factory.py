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


# -- a home of long names and long texts, as the width tests read it ---------------------------------
LONG_NAMES = {  # 24 characters each; the last 24 cells (twelve wide characters)
    "alice": "Alexandra Montgomery-Lee",
    "guinevere": "Guinevere Blackwood-Sims",
    "chen": "陈小明的长名字测试一二三",
}
ACTION_WORDS = (
    "Organise and run the architecture guild every other Tuesday with the platform payments and "
    "mobile teams then write up each decision in the wiki and report what changed to the CTO"
)
WORDS = ACTION_WORDS.split(" ")


def sentence(length: int, start: int = 0) -> str:
    """Words (from WORDS, beginning at the `start`th) making exactly `length` characters: the last
    word ends in as many full stops as it takes."""
    text, at = WORDS[start % len(WORDS)], start + 1
    while len(text) + 1 + len(WORDS[at % len(WORDS)]) <= length:
        text, at = f"{text} {WORDS[at % len(WORDS)]}", at + 1
    return text + "." * (length - len(text))


def wordy_talk(employee: str, day: date) -> Record:
    """A talk whose free answers and two actions are 200 characters long, the first action overdue."""
    answers = {
        **TALK_RAW,
        **{key: sentence(200, n) for n, key in enumerate(("short_term_aspiration", "long_term_aspiration"))},
        "development_area": sentence(200, 5),
        "next_assignment_wish": sentence(200, 9),
        "actions": (
            Action(action=sentence(200, 3), measure=sentence(120, 7), due=date(2026, 6, 30)),
            Action(action=sentence(200, 11), measure="Two releases alone"),
        ),
    }
    return Record(
        kind="talk", employee=employee, date=day, question_set=TALK.id, question_set_version=TALK.version
    ).with_answers(TALK.validate_answers(answers))


def wordy_home(home: Path) -> Store:
    """LONG_NAMES on the team, each with a prep and a wordy talk in 2025; alice's first action done
    (with a long note), and a prep begun for guinevere left as a draft."""
    store = Store(home)
    store.team.write(Team(members={e: Member(name=n, cadence_months=12) for e, n in LONG_NAMES.items()}))
    for employee in LONG_NAMES:
        write(store, "prep", employee, date(2025, 11, 19))
        talk = wordy_talk(employee, date(2025, 11, 20))
        store.records.write(talk, record_markdown(talk, TALK, employee))
    from datetime import UTC, datetime

    done = {"employee": "alice", "action": 1, "status": "done", "date": date(2026, 1, 5)}
    store.follow_ups.write(
        {**done, "recorded": datetime.now(UTC), "note": sentence(150, 2)}
    )  # see wordy_texts
    store.drafts.save(record("prep", "guinevere", date(2026, 2, 1)))
    return store


def wordy_texts(store: Store) -> list[str]:
    """Every text of a wordy home that a listing may show: names, answers, actions, measures, notes."""
    texts = [*LONG_NAMES.values(), sentence(150, 2)]  # alice's note
    for employee in LONG_NAMES:
        for found in store.records.listed(employee):
            record, _ = store.records.checked(found.path)
            for answer in record.answers.values():
                if isinstance(answer, str):
                    texts.append(answer)
                else:
                    texts += [part for action in answer for part in (action.action, action.measure)]
    return texts
