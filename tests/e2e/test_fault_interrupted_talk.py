"""A talk cut short by kill -9, a closed terminal or Ctrl-C loses nothing that was answered."""

import signal
import tomllib
from datetime import date

import pexpect
import pytest
from support.processes import aspire_script, terminal_env

DONE = "\r"  # Enter submits
NEW_LINE = "\x1b\r"  # Alt-Enter
DOWN = "\x1b[B"
TODAY = date.today().isoformat()
FIRST_TWO = ["Lead a small team", "Director of engineering" + NEW_LINE + "in ten years"]
REST = [  # questions 3 to 9: a text, ("choose", keys before Enter) for a choice, None for the actions
    ("choose", DOWN * 2),  # aspiration_level: "two or more levels up"
    "Mostly",
    ("choose", ""),  # willing: "yes"
    "Architecture",
    "Delegation",
    None,
    "More scope",
]


def spawn(home, *args):
    return pexpect.spawn(
        aspire_script(),
        ["talk", "alice", *args],
        env=terminal_env(home),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=15,
    )


def answer_first_two(child):
    for n, text in enumerate(FIRST_TWO, 1):
        child.expect(f"{n}/9")
        child.expect("Answer:")
        child.send(text + DONE)
    child.expect("3/9")  # the second answer is saved before the third question shows
    child.expect("Answer:")
    child.expect("expert track")
    child.send(DOWN)  # a level highlighted but not picked


def resume_and_finish(home):
    child = spawn(home)
    child.expect("2 of 9 answered")
    child.expect("resume it")
    child.send("\r")  # "Resume it at question 3" is the first choice
    child.expect("3/9")
    for n, text in enumerate(REST, 3):
        if n > 3:
            child.expect(f"{n}/9")
        if isinstance(text, tuple):
            child.expect("Answer:")
            child.send(text[1] + "\r")
        elif text is None:
            child.expect("Action 1:")
            child.send("Run the guild\r")
            child.expect("measure it")
            child.send("Two a month\r")
            child.expect("Due")
            child.send("\r")
            child.expect("Action 2 \\(Enter when done\\)")
            child.send("\r")
        else:
            child.expect("Answer:")
            child.send(text + DONE)
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def draft(home):
    return tomllib.loads((home / "drafts/alice.talk.toml").read_text())


@pytest.fixture
def alice(aspire, home):
    aspire("team", "add", "alice")
    return home


def check_record_has_everything(home):
    record = tomllib.loads((home / f"records/alice/{TODAY}-talk.toml").read_text())
    assert len(record["answers"]) == 9
    assert record["answers"]["short_term_aspiration"] == FIRST_TWO[0]
    assert record["answers"]["long_term_aspiration"] == "Director of engineering\nin ten years"
    assert record["answers"]["aspiration_level"] == "two or more levels up"
    assert record["answers"]["willing"] == "yes"
    assert record["answers"]["next_assignment_wish"] == "More scope"
    assert not (home / "drafts/alice.talk.toml").exists()


def test_kill_9_mid_talk_keeps_both_answers_and_resume_finishes_the_record(alice):
    child = spawn(alice)
    answer_first_two(child)
    child.kill(signal.SIGKILL)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    assert draft(alice)["answers"] == {
        "short_term_aspiration": FIRST_TWO[0],
        "long_term_aspiration": "Director of engineering\nin ten years",
    }
    assert not (alice / "records").exists()
    resume_and_finish(alice)
    check_record_has_everything(alice)


def test_closing_the_terminal_mid_talk_keeps_both_answers_and_resume_finishes_the_record(alice):
    child = spawn(alice)
    answer_first_two(child)
    child.close(force=True)  # hang up: SIGHUP, as when the terminal window is closed
    assert len(draft(alice)["answers"]) == 2
    assert not list(alice.rglob("*.tmp"))
    resume_and_finish(alice)
    check_record_has_everything(alice)


def test_sigterm_mid_talk_says_where_the_draft_is(alice):
    child = spawn(alice)
    answer_first_two(child)
    child.kill(signal.SIGTERM)
    child.expect("received SIGTERM")
    child.expect("alice.talk.toml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + signal.SIGTERM
    assert len(draft(alice)["answers"]) == 2


def test_ctrl_c_mid_talk_says_where_the_draft_is_and_resume_finishes_the_record(alice):
    child = spawn(alice)
    answer_first_two(child)
    child.send("\x03")
    child.expect("no record written")
    child.expect("alice.talk.toml")
    child.expect("resume with: aspire talk alice")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert len(draft(alice)["answers"]) == 2
    resume_and_finish(alice)
    check_record_has_everything(alice)


def test_fresh_discards_the_draft_after_asking(alice):
    child = spawn(alice)
    answer_first_two(child)
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    child = spawn(alice, "--fresh")
    child.expect("Discard the unfinished talk draft")
    child.send("y\r")
    child.expect("1/9")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert not (alice / "drafts/alice.talk.toml").exists()


def test_a_second_terminal_cannot_fill_the_same_draft(alice):
    first = spawn(alice)
    first.expect("1/9")
    second = spawn(alice)
    second.expect("another `aspire talk alice` is running")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 75
    first.send("\x03")
    first.expect(pexpect.EOF)
    first.close()
