"""The review of earlier actions, typed in a real terminal: each open action shown with its measure
and due date before the new actions, keep open the default, the follow-ups written with the record."""

import io
import tomllib

import pexpect
from support.answers import TALK_ANSWERS
from support.processes import answer, finish, spawn, talk_up_to_the_actions

DOWN = "\x1b[B"


def talk_up_to_the_review(home):
    child = spawn(home, "talk", "alice", "--date", "2026-11-25")
    child.logfile_read = io.StringIO()
    talk_up_to_the_actions(child)
    child.expect("Earlier actions still open \\(2\\)")
    return child


def prepared(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    done = aspire("talk", "alice", "--date", "2025-11-20", "--answers", "-", input=TALK_ANSWERS)
    assert done.exit_code == 0, done.stderr


def test_each_open_action_is_asked_about_before_the_new_ones(aspire, home):
    prepared(aspire, home)
    child = talk_up_to_the_review(home)
    child.expect("#1 Run the architecture guild \\(measure: Two sessions a month; due 2027-06-30\\)")
    child.expect("#1:")
    child.expect("dropped")
    child.send(DOWN + "\r")  # done
    child.expect("#2 Hand release management to Bob \\(measure: Bob runs two releases alone; no due date\\)")
    child.expect("dropped")
    child.send("\r")  # the default: keep open
    child.expect("8/9")
    child.expect("Action 1 \\(Enter when done\\)|Action 1:")
    child.send("Mentor a junior\r")
    child.expect("measure it")
    child.send("One a quarter\r")
    child.expect("Due")
    child.send("\r")
    child.expect("Action 2")
    child.send("\r")
    answer(child, "9/9", "More scope")
    child.expect("Saved")
    child.expect("Earlier actions reviewed: #1 done, #2 kept open.")
    finish(child)
    notes = [tomllib.loads(p.read_text()) for p in (home / "records/alice").glob("*-action-*.toml")]
    assert sorted((n["action"], n["status"], str(n["date"])) for n in notes) == [
        (1, "done", "2026-11-25"),
        (2, "open", "2026-11-25"),
    ]
    talk = tomllib.loads((home / "records/alice/2026-11-25-talk.toml").read_text())
    assert [a["number"] for a in talk["answers"]["actions"]] == [3]  # numbers go on, never reused


def test_ctrl_c_during_the_review_writes_nothing(aspire, home):
    prepared(aspire, home)
    child = talk_up_to_the_review(home)
    child.expect("#1:")
    child.expect("dropped")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not list((home / "records/alice").glob("*-action-*.toml"))
    assert not (home / "records/alice/2026-11-25-talk.toml").exists()
