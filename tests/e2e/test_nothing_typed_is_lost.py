"""Nothing typed is lost: drafts against answers files, actions kept one by one, Ctrl-C at any instant,
a failure after the record is written, and the printed answers file as the way out."""

import io
import os
import signal
import subprocess
import tomllib
from datetime import date

import pexpect
import pytest
from rich.console import Console
from support.answers import TALK_ANSWERS
from support.processes import aspire_script, terminal_env

from aspire_cli.domain.models import Draft
from aspire_cli.errors import Aborted
from aspire_cli.interview import session as discussion
from aspire_cli.storage.drafts import Drafts
from aspire_cli.storage.store import Store

TODAY = date.today()
DRAFT = "drafts/alice.talk.toml"


def spawn(home, *args, dimensions=(40, 120)):
    return pexpect.spawn(
        aspire_script(),
        list(args),
        env=terminal_env(home),
        encoding="utf-8",
        dimensions=dimensions,
        timeout=15,
    )


def finish(child, code):
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return child.before


def answer(child, position, text):
    child.expect(f"{position}/9")
    child.expect("Answer:")
    child.send(text + "\r")


def save_draft(home, answers, unfinished=None, day=TODAY):
    base = dict(kind="talk", employee="alice", date=day, question_set="talk", question_set_version=2)
    Store(home).drafts.save(Draft(**base, answers=answers, unfinished=unfinished))
    return (home / DRAFT).read_bytes()


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    return home


# -- an answers file never deletes a draft it did not finish ------------------------------------


def test_an_answers_run_leaves_a_typed_draft_alone_and_says_how_to_resume_or_discard_it(aspire, alice):
    typed = save_draft(
        alice, {"short_term_aspiration": "Typed in the meeting", "long_term_aspiration": "CTO"}
    )
    result = aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "alice.talk.toml" in result.stderr
    assert "aspire talk alice" in result.stderr and "aspire talk alice --fresh" in result.stderr
    assert (alice / DRAFT).read_bytes() == typed
    assert not (alice / "records").exists()


def test_an_answers_run_takes_the_interview_lock_of_a_talk_in_progress(alice):
    interview = spawn(alice, "talk", "alice")
    interview.expect("1/9")
    interview.expect("Answer:")
    done = subprocess.run(
        [aspire_script(), "talk", "alice", "--answers", "-"],
        input=TALK_ANSWERS,
        capture_output=True,
        text=True,
        env=terminal_env(alice),
        timeout=60,
    )
    assert done.returncode == 75
    assert "another `aspire talk alice` is running" in done.stderr
    assert not (alice / "records").exists()
    interview.send("\x03")
    finish(interview, 130)


# -- every completed action is saved as soon as it is complete ----------------------------------


def answer_up_to_the_actions(child):
    for position, text in enumerate(["Lead a team", "Director"], 1):
        answer(child, position, text)
    child.expect("3/9")
    child.expect("expert track")
    child.send("\r")  # the level: the first, "current role"
    answer(child, 4, "Partly")
    child.expect("5/9")
    child.expect("yes")
    child.send("\r")
    answer(child, 6, "Architecture")
    answer(child, 7, "Delegation")


def add_action(child, number, text, measure):
    child.expect(f"Action {number}")
    child.expect(":")
    child.send(text + "\r")
    child.expect("measure it")
    child.send(measure + "\r")
    child.expect("Due")
    child.send("\r")


def test_two_typed_actions_survive_a_hang_up_at_action_3_and_resume_continues_with_the_next(alice):
    child = spawn(alice, "talk", "alice")
    answer_up_to_the_actions(child)
    add_action(child, 1, "Run the guild", "Two a month")
    add_action(child, 2, "Mentor Bob", "Bob leads a release")
    child.expect("Action 3 \\(Enter when done\\):")
    child.close(force=True)  # the terminal window is closed
    draft = tomllib.loads((alice / DRAFT).read_text())
    assert [a["action"] for a in draft["answers"]["actions"]] == ["Run the guild", "Mentor Bob"]
    assert draft["unfinished"] == "actions"

    child = spawn(alice, "talk", "alice")
    child.expect("7 of 9 answered")
    child.send("\r")  # resume
    child.expect("Action 1: Run the guild")
    child.expect("Action 2: Mentor Bob")
    child.expect("Action 3 \\(Enter when done\\)")
    child.send("\r")
    answer(child, 9, "More scope")
    child.expect("Saved")
    finish(child, 0)
    record = tomllib.loads((alice / f"records/alice/{TODAY.isoformat()}-talk.toml").read_text())
    assert [a["action"] for a in record["answers"]["actions"]] == ["Run the guild", "Mentor Bob"]
    assert not (alice / DRAFT).exists()


# -- Ctrl-C stops at any moment -----------------------------------------------------------------


def test_ctrl_c_between_two_questions_stops_the_interview_every_time(alice):
    for attempt in range(3):
        child = spawn(alice, "talk", "alice", *(["--fresh"] if attempt else []))
        if attempt:
            child.expect("Discard the unfinished")
            child.send("y\r")
        answer(child, 1, "Lead a team")
        child.expect("2/9")  # the question's text is out, its prompt not yet live
        child.send("\x03")
        out = finish(child, 130)
        assert "Exception ignored" not in out and "Traceback" not in out
        assert "no record written" in out
        assert tomllib.loads((alice / DRAFT).read_text())["answers"] == {
            "short_term_aspiration": "Lead a team"
        }


# -- once the record is written, the run has succeeded ------------------------------------------


def test_a_draft_that_cannot_be_removed_after_the_record_is_written_is_a_warning_and_exit_0(alice):
    (alice / "drafts").write_text("a file where the drafts folder should be")
    child = spawn(alice, "talk", "alice")
    answer_up_to_the_actions(child)
    add_action(child, 1, "Run the guild", "Two a month")
    child.expect("Action 2 \\(Enter when done\\):")
    child.send("\r")
    answer(child, 9, "More scope")
    child.expect("Saved")
    out = finish(child, 0)
    assert "Traceback" not in out
    assert [p.name for p in (alice / "records/alice").iterdir() if p.suffix == ".toml"] == [
        f"{TODAY.isoformat()}-talk.toml"
    ]


def test_a_failed_draft_removal_after_the_record_is_one_warning_line(
    alice, keys, in_terminal, capsys, monkeypatch
):
    from support.keys import TALK_KEYS

    def refuse(self, employee, kind):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Drafts, "delete", refuse)
    keys.send_text("".join(TALK_KEYS))
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "talk", None, TODAY)
    path = discussion.interactive(d, "alice", False)
    assert path.exists()
    warnings = [line for line in capsys.readouterr().err.splitlines() if "could not be removed" in line]
    assert len(warnings) == 1 and warnings[0].startswith("warning: the record is saved")


# -- the way out: a printed answers file is accepted, and only the rest is asked -----------------


def stop_after_two_answers_with_nothing_writable(home, keys, capsys):
    """Drafts and records cannot be written: on Ctrl-C the answers are printed as an answers file."""
    (home / "drafts").write_text("not a folder")
    (home / "records").write_text("not a folder")
    keys.send_text("Lead a team\rDirector\r\x03")
    d = discussion.Discussion(Store(home), Console(file=io.StringIO()), "talk", None, TODAY)
    with pytest.raises(Aborted, match="printed above as an answers file"):
        discussion.interactive(d, "alice", False)
    return capsys.readouterr().out


def test_the_printed_answers_file_names_the_missing_ids_without_a_terminal(
    aspire, alice, keys, in_terminal, capsys
):
    printed = stop_after_two_answers_with_nothing_writable(alice, keys, capsys)
    assert tomllib.loads(printed) == {
        "short_term_aspiration": "Lead a team",
        "long_term_aspiration": "Director",
    }
    (alice / "records").unlink()
    (alice / "saved.toml").write_text(printed)
    result = aspire("talk", "alice", "--answers", str(alice / "saved.toml"))
    assert result.exit_code == 2
    for missing in [
        "aspiration_level",
        "knows_path",
        "willing",
        "core_strength",
        "development_area",
        "actions",
    ]:
        assert missing in result.stderr
    assert "short_term_aspiration" not in result.stderr
    assert not (alice / "records").exists()


def test_in_a_terminal_a_partial_answers_file_asks_only_what_it_leaves_unanswered(alice):
    (alice / "part.toml").write_text(
        TALK_ANSWERS.replace('next_assignment_wish = "More ownership"\n', "").replace(
            'core_strength = "Architecture"\n', ""
        )
    )
    child = spawn(alice, "talk", "alice", "--answers", str(alice / "part.toml"))
    child.expect("7 of 9 answers from part.toml; asking the 2 left")
    answer(child, 6, "Systems thinking")
    answer(child, 9, "A bigger team")
    child.expect("Saved")
    out = finish(child, 0)
    assert "1/9" not in out and "3/9" not in out and "8/9" not in out
    record = tomllib.loads((alice / f"records/alice/{TODAY.isoformat()}-talk.toml").read_text())
    assert record["answers"]["core_strength"] == "Systems thinking"
    assert record["answers"]["short_term_aspiration"] == "Lead a small team"
    assert len(record["answers"]["actions"]) == 2


# -- resume shows what was already said ---------------------------------------------------------


def test_resume_shows_what_was_already_said_before_the_next_question(alice, keys, in_terminal):
    from support.keys import TALK_KEYS

    save_draft(alice, {"short_term_aspiration": "Lead a small team", "long_term_aspiration": "CTO one day"})
    keys.send_text("\r" + "".join(TALK_KEYS[2:]))
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO(), width=100), "talk", None, TODAY)
    discussion.interactive(d, "alice", False)
    screen = d.console.file.getvalue()
    assert "Resuming: 2 of 9 already answered." in screen
    assert screen.index("Lead a small team") < screen.index("CTO one day") < screen.index("3/9")
    assert "1/9" not in screen


def test_an_answers_file_with_fresh_but_no_terminal_leaves_the_draft(aspire, alice):
    typed = save_draft(alice, {"short_term_aspiration": "Typed"})
    result = aspire("talk", "alice", "--answers", "-", "--fresh", input=TALK_ANSWERS)
    assert result.exit_code == 1
    assert "stdin is not a terminal: run `aspire talk alice --fresh` in a terminal" in result.stderr
    assert (alice / DRAFT).read_bytes() == typed


def test_sigterm_while_the_record_is_written_cannot_turn_success_into_failure(
    alice, monkeypatch, keys, in_terminal
):
    """A stop that arrives while the record is being saved is held, then dropped: the run succeeded."""
    from support.keys import TALK_KEYS

    from aspire_cli.storage.records import Records

    original = Records.write

    def write_then_signal(self, record, markdown):
        path = original(self, record, markdown)
        os.kill(os.getpid(), signal.SIGTERM)  # held back until the draft is gone, then dropped
        return path

    monkeypatch.setattr(Records, "write", write_then_signal)
    keys.send_text("".join(TALK_KEYS))
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "talk", None, TODAY)
    path = discussion.interactive(d, "alice", False)
    assert path.exists() and not (alice / DRAFT).exists()
