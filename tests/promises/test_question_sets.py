"""A leader's own question sets: listed, shown, validated, used in place of the shipped ones, or
for one run with --questions; records of every set stay readable."""

import tomllib

import pytest
from support.answers import TALK_ANSWERS
from support.paths import REPO
from support.talks import talk_with_a_set_of_one

SHIPPED_TALK = (REPO / "questions" / "talk.toml").read_text()
MOOD = """
[[questions]]
id = "mood"
text = "How do you feel about work lately?"
kind = "long_text"
"""


SHIPPED_VERSION = tomllib.loads(SHIPPED_TALK)["version"]


def own_talk(version: int = SHIPPED_VERSION + 1, extra: str = MOOD) -> str:
    return SHIPPED_TALK.replace(f"version = {SHIPPED_VERSION}", f"version = {version}", 1) + extra


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice").exit_code == 0
    return home


def test_list_shows_the_shipped_sets_and_yours_in_their_place(aspire, alice):
    shipped = aspire("questions", "list")
    assert shipped.exit_code == 0
    assert [line.split()[:3] for line in shipped.stdout.splitlines()[1:3]] == [
        ["prep", "2", "7"],
        ["talk", "2", "9"],
    ]
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(own_talk())
    mine = aspire("questions", "list")
    talk_line = next(line for line in mine.stdout.splitlines() if line.startswith("talk"))
    assert talk_line.split()[:3] == ["talk", "3", "10"] and f"yours: {alice}/questions/talk.toml" in talk_line


def test_show_lists_every_question_with_its_id(aspire, alice):
    result = aspire("questions", "show", "talk")
    assert result.exit_code == 0
    assert "id: willing (choice)" in result.stdout and "choices: yes, partly, no" in result.stdout
    unknown = aspire("questions", "show", "tlak")
    assert unknown.exit_code != 0 and "no question set 'tlak'" in unknown.stderr


def test_validate_names_each_problem_by_its_question(aspire, alice, tmp_path):
    broken = SHIPPED_TALK.replace('kind = "choice"', 'kind = "chioce"').replace(
        'id = "core_strength"', 'id = "Core"'
    )
    path = tmp_path / "broken.toml"
    path.write_text(broken)
    result = aspire("questions", "validate", str(path))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 3  # both choice questions' kinds, and the id
    assert "questions[2] (aspiration_level).kind: must be 'long_text', 'choice' or 'actions'" in lines[0]
    assert "questions[4] (willing).kind: must be 'long_text', 'choice' or 'actions'" in lines[1]
    assert lines[2].endswith(
        "questions[5] (Core).id: must be lowercase letters, digits and _, starting with a letter "
        "(like core_strength)"
    )


def test_validate_refuses_a_changed_set_that_keeps_the_shipped_version(aspire, alice, tmp_path):
    path = tmp_path / "talk.toml"
    path.write_text(own_talk(version=2))
    result = aspire("questions", "validate", str(path))
    assert result.exit_code == 2 and "set version = 3" in result.stderr
    path.write_text(own_talk(version=3))
    fine = aspire("questions", "validate", str(path))
    assert fine.exit_code == 0 and f"save it as {alice}/questions/talk.toml" in fine.stdout


def test_validate_says_what_is_wrong_with_a_file_that_is_not_toml(aspire, alice, tmp_path):
    path = tmp_path / "x.toml"
    path.write_text("id = ")
    result = aspire("questions", "validate", str(path))
    assert result.exit_code != 0 and result.stderr.startswith("error: ") and "not valid TOML" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_your_talk_set_is_asked_and_older_records_stay_valid(aspire, alice):
    assert (
        aspire("talk", "alice", "--date", "2025-11-20", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    )
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(own_talk())
    missing = aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS)
    assert missing.exit_code == 2 and "no answer for mood" in missing.stderr
    held = aspire("talk", "alice", "--answers", "-", input='mood = "Good"\n' + TALK_ANSWERS)
    assert held.exit_code == 0, held.stderr
    written = sorted((alice / "records" / "alice").glob("*-talk.toml"))[-1]
    assert tomllib.loads(written.read_text())["question_set_version"] == 3
    due = aspire("due")
    assert due.exit_code == 0 and due.stderr == ""


def test_questions_file_is_used_for_one_run_and_its_record_stays_readable(aspire, alice, tmp_path):
    held = talk_with_a_set_of_one(aspire, tmp_path / "short.toml", "short-talk")
    assert held.exit_code == 2
    assert "id: must be lowercase letters, digits and _, starting with a letter" in held.stderr
    held = talk_with_a_set_of_one(aspire, tmp_path / "short.toml", "short_talk")
    assert held.exit_code == 0, held.stderr
    record = tomllib.loads(next((alice / "records" / "alice").glob("*-talk.toml")).read_text())
    assert record["question_set"] == "short_talk" and record["answers"] == {"long_term_aspiration": "CTO"}
    due = aspire("due")
    assert due.exit_code == 0 and due.stderr == ""  # checked for its form: never turned away


def test_a_broken_own_set_is_named_in_one_line(aspire, alice):
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text("version = [")
    talk = aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS)
    assert talk.exit_code != 0
    assert talk.stderr.count("\n") == 1 and f"{alice}/questions/talk.toml: not valid TOML" in talk.stderr
    listing = aspire("questions", "list")
    assert listing.exit_code == 2 and "questions/talk.toml" in listing.stderr


def test_an_own_set_must_be_named_after_its_id(aspire, alice):
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(own_talk().replace('id = "talk"', 'id = "chat"', 1))
    talk = aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS)
    assert talk.exit_code != 0 and "its id is 'chat'; name the file chat.toml" in talk.stderr
