"""End to end in a real pseudo-terminal: the installed `aspire` script, typed at like a person would."""

import tomllib
from datetime import date

import pytest
from support.processes import answer, choose, finish, one_action_and_the_rest, spawn, talk_up_to_the_actions

DONE = "\r"  # Enter submits
NEW_LINE = "\x1b\r"  # Alt-Enter
DOWN = "\x1b[B"
TODAY = date.today().isoformat()


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    return home


def test_prep_in_a_terminal_writes_the_record_and_its_markdown(alice):
    child = spawn(alice, "prep", "alice")
    child.expect("Preparation notes with Alice Smith")
    answer(child, "1/7", "Head of platform" + NEW_LINE + "in five years")
    choose(child, "2/7", "expert track", DOWN)  # the level: one down from "current role"
    choose(child, "3/7", "3-5 years", "")  # readiness: Enter takes the first, "ready now"
    answer(child, "4/7", "Leadership programme")
    child.expect("5/7")
    child.send(DONE)  # empty: asked again
    child.expect("An answer is required")
    child.send("Systems thinking" + DONE)
    answer(child, "6/7", "Presenting")
    answer(child, "7/7", "Tech lead, mid 2027")
    child.expect("Saved")
    finish(child)
    record = tomllib.loads((alice / f"records/alice/{TODAY}-prep.toml").read_text())
    assert record["answers"]["potential"] == "Head of platform\nin five years"
    assert record["answers"]["potential_level"] == "one level up"
    assert record["answers"]["readiness"] == "ready now"
    assert record["answers"]["strengths"] == "Systems thinking"
    assert (
        "## 5. What do you think are their main strengths?"
        in (alice / f"records/alice/{TODAY}-prep.md").read_text()
    )


def test_talk_in_a_terminal_picks_the_employee_shows_prep_and_records_everything(aspire, alice):
    from support.answers import PREP_ANSWERS

    aspire("prep", "alice", "--date", "2026-01-05", "--answers", "-", input=PREP_ANSWERS)
    child = spawn(alice, "talk", "--date", "2026-01-06")
    child.expect("Who is the talk with")
    child.send("\r")
    child.expect("Your prep notes for Alice Smith, 2026-01-05")
    child.expect("Presentation skills")
    talk_up_to_the_actions(child)
    one_action_and_the_rest(child)
    finish(child)
    record = tomllib.loads((alice / "records/alice/2026-01-06-talk.toml").read_text())
    assert record["date"] == date(2026, 1, 6)
    assert record["answers"]["aspiration_level"] == "expert track"
    assert record["answers"]["willing"] == "no"
    assert record["answers"]["actions"] == [
        {"number": 1, "action": "Run the guild", "measure": "Two a month", "due": date(2026, 6, 30)}
    ]
    md = (alice / "records/alice/2026-01-06-talk.md").read_text()
    assert "| 1 | Run the guild | Two a month | 2026-06-30 |" in md


def test_ctrl_c_in_a_terminal_stops_writes_no_record_and_exits_130(alice):
    child = spawn(alice, "talk", "alice")
    answer(child, "1/9", "Lead a team")
    child.expect("2/9")
    child.expect("Answer:")
    child.send("half an answer")
    child.send("\x03")
    child.expect("no record written")
    child.expect("resume with: aspire talk alice")
    finish(child, 130)
    assert not (alice / "records").exists()
