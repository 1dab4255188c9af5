"""A question a set marks `required = false` can be left without an answer: typed, an optional
choice offers "(skip)" as its last choice and records nothing; an answers file may leave it out,
and a terminal then asks every question the file left, saying how many it asks."""

import io
import tomllib
from datetime import date

import pytest
from rich.console import Console
from support.keys import DONE, DOWN
from support.processes import answer, choose, finish, spawn

from aspire_cli.interview import session as discussion
from aspire_cli.storage.store import Store

TODAY = date.today()

# The leader's own prep set: an optional choice first, a required text, an optional text.
CHECKIN = """\
id = "prep"
version = 9
title = "Check-in"

[[questions]]
id = "mood"
text = "How is the mood?"
kind = "choice"
choices = ["fine", "great"]
required = false

[[questions]]
id = "note"
text = "Anything to note?"
kind = "long_text"

[[questions]]
id = "plans"
text = "Any plans?"
kind = "long_text"
required = false
"""


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice").exit_code == 0
    (home / "questions").mkdir()
    (home / "questions/prep.toml").write_text(CHECKIN)
    return home


def written(home):
    return tomllib.loads((home / f"records/alice/{TODAY.isoformat()}-prep.toml").read_text())


def test_a_typed_optional_choice_skipped_records_no_answer(aspire, alice, keys, in_terminal):
    keys.send_text(f"{DOWN}{DOWN}\r" + f"All good{DONE}" + f"Travel{DONE}")  # (skip) is the third
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "prep", None, TODAY)
    discussion.interactive(d, "alice", False)
    assert written(alice)["answers"] == {"note": "All good", "plans": "Travel"}
    markdown = (alice / f"records/alice/{TODAY.isoformat()}-prep.md").read_text()
    assert "## 1. How is the mood?\n\n*No answer.*\n" in markdown
    shown = aspire("show", "alice", "--kind", "prep").stdout
    assert "How is the mood?\n    (no answer)\n" in shown


def test_a_typed_optional_choice_can_still_be_answered(alice, keys, in_terminal):
    keys.send_text(f"{DOWN}\r" + f"All good{DONE}" + DONE)
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "prep", None, TODAY)
    discussion.interactive(d, "alice", False)
    assert written(alice)["answers"]["mood"] == "great"


def test_in_a_terminal_skip_is_the_last_choice_of_an_optional_question_only(alice):
    (alice / "questions/prep.toml").write_text(CHECKIN.replace("required = false\n", "", 1))
    child = spawn(alice, "prep", "alice")
    choose(child, "1/3", "great", "")
    child.expect("Anything to note")
    assert "(skip)" not in child.before  # a required choice offers none
    child.send("\x03")
    finish(child, 130)
    (alice / "drafts/alice.prep.toml").unlink()
    (alice / "questions/prep.toml").write_text(CHECKIN)
    child = spawn(alice, "prep", "alice")
    choose(child, "1/3", "(skip)", DOWN * 2)
    answer(child, "2/3", "All good")
    answer(child, "3/3", "")
    child.expect("Saved")
    finish(child)
    assert written(alice)["answers"] == {"note": "All good", "plans": ""}


def test_an_answers_file_may_leave_an_optional_question_out(aspire, alice):
    done = aspire("prep", "alice", "--answers", "-", input='note = "All good"\n')
    assert done.exit_code == 0, done.stderr
    assert written(alice)["answers"] == {"note": "All good"}


def test_in_a_terminal_asking_the_n_left_counts_every_question_then_asked(alice):
    (alice / "part.toml").write_text('plans = "Travel"\n')
    child = spawn(alice, "prep", "alice", "--answers", str(alice / "part.toml"))
    child.logfile_read = io.StringIO()
    child.expect("1 of 3 answers from part.toml; asking the 2 left")
    choose(child, "1/3", "(skip)", DOWN * 2)
    answer(child, "2/3", "All good")
    child.expect("Saved")
    finish(child)
    assert "3/3" not in child.logfile_read.getvalue()  # the one the file answered is not asked
    assert written(alice)["answers"] == {"note": "All good", "plans": "Travel"}
