"""`aspire talk EMPLOYEE --from FILE` in a real terminal: the employee's own answer is shown before
each question and the answer field starts from it; their actions are proposed first; what was
agreed and what they wrote both land in the record."""

from __future__ import annotations

import tomllib
from datetime import date

from support.forms import THEIR_ANSWERS
from support.processes import finish, spawn


def test_a_talk_from_their_form_typed_in_a_real_terminal(tmp_path, aspire):
    home = tmp_path / "home"
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    theirs = tmp_path / "alice-2026-11-01-answers.toml"
    theirs.write_text(THEIR_ANSWERS)
    child = spawn(home, "talk", "alice", "--from", str(theirs))
    child.expect("Their own answers to 6 of 9 questions are shown before each")
    child.expect("1/9")
    child.expect("In their words:")
    child.expect("Lead the payments team")
    child.expect("Answer:")
    child.send(" by 2028\r")  # added to theirs: the field starts from it
    child.expect("2/9")
    child.expect("Answer:")
    child.send("Director\r")  # they left it empty: nothing to start from
    child.expect("3/9")
    child.expect("expert track")
    child.send("\r")  # their level is the one picked
    child.expect("4/9")
    child.expect("Answer:")
    child.send("Partly\r")
    child.expect("5/9")
    child.expect("no")
    child.send("\r")  # willing: theirs, "partly"
    for _ in range(2):  # core strength and development area: theirs, kept
        child.expect("Answer:")
        child.send("\r")
    child.expect("Their actions come first")
    child.expect(r"Action 1 \(theirs, 1 more; empty it to pass over\)")
    child.send("\r")  # their action, its measure and its due date, each kept as it is
    child.expect("measure it")
    child.send("\r")
    child.expect("Due")
    child.send("\r")
    child.expect(r"Action 2 \(theirs; empty it to pass over\)")
    child.send("\x15\r")  # emptied: passed over
    child.expect(r"Action 2 \(Enter when done\)")
    child.send("\r")
    child.expect("9/9")
    child.expect("Answer:")
    child.send("More scope\r")
    child.expect("Saved")
    finish(child)
    record = tomllib.loads((home / f"records/alice/{date.today().isoformat()}-talk.toml").read_text())
    assert record["answers"]["short_term_aspiration"] == "Lead the payments team by 2028"
    assert record["answers"]["willing"] == "partly"
    assert [a["action"] for a in record["answers"]["actions"]] == ["Run the architecture guild"]
    assert record["own_words"]["short_term_aspiration"] == "Lead the payments team"
    assert [a["action"] for a in record["own_words"]["actions"]] == [
        "Run the architecture guild",
        "Give a talk at the meetup",
    ]
