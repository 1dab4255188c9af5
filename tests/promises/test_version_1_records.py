"""Records written with version 1 of the question sets (before the prep asked potential_level and
readiness, and the talk aspiration_level) stay valid: every view reads them as they are, asks for
nothing they lack, and puts them beside the records of the current version."""

import json
import tomllib

import pytest
from support.answers import TALK_ANSWERS

from aspire_cli.storage.question_sets import load_question_set

# Written by `aspire prep` and `aspire talk` with the version 1 sets, byte for byte.
V1_PREP = """\
schema = 1
kind = "prep"
employee = "alice"
date = 2024-11-18
question_set = "prep"
question_set_version = 1

[answers]
potential = "Head of platform engineering within five years"
development = "Leadership programme; a rotation through product"
strengths = "Systems thinking"
short_term_needs = "Presentation skills"
next_assignment = "Tech lead, payments, mid 2027"
"""
V1_TALK = """\
schema = 1
kind = "talk"
employee = "alice"
date = 2024-11-20
question_set = "talk"
question_set_version = 1

[answers]
short_term_aspiration = "Lead a small team"
long_term_aspiration = "Director of engineering"
knows_path = "Partly: needs people-management experience"
willing = "yes"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[answers.actions]]
number = 1
action = "Run the architecture guild"
measure = "Two sessions a month"
due = 2025-06-30
"""
NEW_IN_VERSION_2 = {
    "What level do you see them reaching?",
    "How soon could they take the next step?",
    "At what level do you see yourself in the long run?",
}


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    folder = home / "records/alice"
    folder.mkdir(parents=True)
    (folder / "2024-11-18-prep.toml").write_text(V1_PREP, encoding="utf-8")
    (folder / "2024-11-20-talk.toml").write_text(V1_TALK, encoding="utf-8")
    return home


def ok(result) -> str:
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return result.stdout


def test_the_shipped_sets_are_past_version_1_and_ask_what_these_records_lack():
    prep, talk = load_question_set("prep"), load_question_set("talk")
    assert prep.version > 1 and talk.version > 1
    prep_ids = {q.id for q in prep.questions}
    assert {"potential_level", "readiness"} <= prep_ids - set(tomllib.loads(V1_PREP)["answers"])
    assert "aspiration_level" in {q.id for q in talk.questions} - set(tomllib.loads(V1_TALK)["answers"])


def test_a_version_1_record_reads_in_due_show_history_and_actions(aspire, alice):
    for _ in range(2):  # a cold index, then a warm one
        due = json.loads(ok(aspire("due", "--json", "--as-of", "2025-01-10")))
        assert [(r["employee"], r["last_talk"], r["next_due"]) for r in due] == [
            ("alice", "2024-11-20", "2025-11-20")
        ]
        talk = ok(aspire("show", "alice"))
        assert "Question set: talk, version 1" in talk
        assert "Director of engineering" in talk and "More ownership" in talk
        assert "#1  Run the architecture guild" in talk
        prep = ok(aspire("show", "alice", "--kind", "prep"))
        assert "Question set: prep, version 1" in prep and "Tech lead, payments, mid 2027" in prep
        assert not any(text in talk + prep for text in NEW_IN_VERSION_2)  # nothing asked then is made up
        history = json.loads(ok(aspire("history", "alice", "--json")))
        assert [(r["kind"], r["question_set_version"]) for r in history] == [("talk", 1), ("prep", 1)]
        talk_answers = {k: v for k, v in tomllib.loads(V1_TALK)["answers"].items() if k != "actions"}
        assert history[0]["answers"] == talk_answers
        assert history[1]["answers"] == tomllib.loads(V1_PREP)["answers"]
        assert "Potential    Head of platform engineering within five years" in ok(aspire("history", "alice"))
        actions = ok(aspire("actions", "alice", "--as-of", "2025-07-15"))
        assert "Run the architecture guild" in actions and "overdue" in actions


def test_a_version_2_talk_sits_beside_a_version_1_talk(aspire, alice):
    answers = TALK_ANSWERS.replace("Lead a small team", "Lead the platform team")
    held = aspire("talk", "alice", "--date", "2025-11-19", "--answers", "-", input=answers)
    assert held.exit_code == 0, held.stderr
    history = json.loads(ok(aspire("history", "alice", "--json")))
    assert [(r["date"], r["question_set_version"]) for r in history] == [
        ("2025-11-19", 2),
        ("2024-11-20", 1),
        ("2024-11-18", 1),
    ]
    assert history[0]["answers"]["aspiration_level"] == "senior leadership"
    assert "aspiration_level" not in history[1]["answers"]
    assert history[0]["changes"] == {  # compared with the version 1 talk before
        "short_term_aspiration": {"from": "Lead a small team", "to": "Lead the platform team"}
    }
    actions = ok(aspire("actions", "alice", "--all"))
    assert "Run the architecture guild" in actions and "Hand release management to Bob" in actions
    assert ok(aspire("actions", "done", "alice", "1"))
    assert "2025-11-19" in ok(aspire("due"))
