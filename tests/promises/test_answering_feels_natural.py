"""Answering feels natural, and no date can hide someone: Enter submits, pasted text stays whole,
$EDITOR's file stays private, a second same-day talk is asked first, the team is offered most
urgent first, and a discussion (or an action) cannot be dated where it would mislead."""

import io
import json
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pexpect
import pytest
from rich.console import Console
from support.answers import PREP_ANSWERS, TALK_ANSWERS
from support.processes import aspire_script, terminal_env
from support.records_factory import write

from aspire_cli.domain.models import Draft
from aspire_cli.interview import session as discussion
from aspire_cli.storage.store import Store

TODAY = date.today()


def spawn(home, *args, env=None):
    return pexpect.spawn(
        aspire_script(),
        list(args),
        env=env or terminal_env(home),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=15,
    )


def finish(child, code=0):
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return child.before


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    return home


def prep_record(home):
    return tomllib.loads((home / f"records/alice/{TODAY.isoformat()}-prep.toml").read_text())


# -- Enter submits, Alt-Enter and paste keep lines ----------------------------------------------

PREP_CHOICES = {2: "expert track", 3: "3-5 years"}  # the prep's choice questions, by their last choice


def choose_first(child, position):
    """Enter on a choice question once it is drawn: the first, highlighted choice."""
    child.expect("Answer:")
    child.expect(PREP_CHOICES[position])
    child.send("\r")


def test_a_whole_prep_is_answered_pressing_enter_after_each_answer(alice):
    child = spawn(alice, "prep", "alice")
    for position in range(1, 8):
        child.expect(f"{position}/7")
        if position in PREP_CHOICES:
            choose_first(child, position)
            continue
        child.expect("Enter to finish; Alt-Enter")
        child.expect("Answer:")
        if position == 4:
            child.send("First line\x1b\rsecond line\r")  # Alt-Enter: a new line inside the answer
        elif position == 5:
            child.send("\x1b[200~Pasted one\nPasted two\x1b[201~\r")  # a bracketed paste, then Enter
        else:
            child.send(f"Answer {position}\r")
    child.expect("Saved")
    finish(child)
    answers = prep_record(alice)["answers"]
    assert answers["potential"] == "Answer 1"
    assert answers["potential_level"] == "current role"
    assert answers["readiness"] == "ready now"
    assert answers["development"] == "First line\nsecond line"
    assert answers["strengths"] == "Pasted one\nPasted two"
    assert answers["next_assignment"] == "Answer 7"


def test_the_editor_file_of_ctrl_x_ctrl_e_lives_in_the_private_home_and_is_removed(alice, tmp_path):
    seen = tmp_path / "seen.txt"
    editor = tmp_path / "editor.sh"
    editor.write_text(
        f'#!/bin/sh\necho "$1" > {seen}\nstat -c %a "$(dirname "$1")" >> {seen}\n'
        'printf "Written in the editor\\n" > "$1"\n'
    )
    editor.chmod(0o755)
    child = spawn(
        alice, "prep", "alice", env=dict(terminal_env(alice), EDITOR=str(editor), VISUAL=str(editor))
    )
    child.expect("1/7")
    child.expect("Answer:")
    child.send("\x18\x05")  # Ctrl-X Ctrl-E
    child.expect("Written in the editor")
    child.send("\r")
    for position in range(2, 8):
        child.expect(f"{position}/7")
        if position in PREP_CHOICES:
            choose_first(child, position)
            continue
        child.expect("Answer:")
        child.send(f"Answer {position}\r")
    child.expect("Saved")
    finish(child)
    path, mode = seen.read_text().split()
    assert path.startswith(str(alice / ".editing") + "/")
    assert mode == "700"
    assert not Path(path).exists() and not (alice / ".editing").exists()
    assert prep_record(alice)["answers"]["potential"] == "Written in the editor"


# -- a second discussion on one day is asked first ----------------------------------------------


def test_a_second_talk_on_the_same_day_is_asked_before_it_starts(aspire, alice, keys, in_terminal):
    assert aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    keys.send_text("n\r")
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "talk", None, TODAY)
    with pytest.raises(Exception, match="nothing started"):
        discussion.interactive(d, "alice", False)
    assert sorted(p.name for p in (alice / "records/alice").glob("*.toml")) == [
        f"{TODAY.isoformat()}-talk.toml"
    ]
    assert not (alice / "drafts/alice.talk.toml").exists()


def test_a_second_talk_from_an_answers_file_says_it_is_the_second(aspire, alice):
    assert aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    result = aspire("talk", "alice", "--answers", "-", "--again", input=TALK_ANSWERS)
    assert result.exit_code == 0
    assert f"{TODAY.isoformat()}-talk-2.toml" in result.stdout
    assert f"(the second talk with alice on {TODAY.isoformat()})" in result.stdout


# -- the team, most urgent first -----------------------------------------------------------------


def test_talk_without_an_employee_offers_the_team_most_urgent_first_with_each_status(aspire, home):
    for employee in ["amy", "bob", "cat"]:
        aspire("team", "add", employee, "--name", employee.title() + " Long-Name")
    store = Store(home)
    write(store, "talk", "amy", TODAY - timedelta(days=10))  # ok
    write(store, "talk", "cat", TODAY - timedelta(days=400))  # overdue
    child = spawn(home, "talk")
    child.expect("Who is the talk with")
    child.expect("ok, in")
    screen = child.before + child.after
    child.send("\x03")
    finish(child, 130)
    lines = [line for line in screen.replace("\r", "\n").splitlines() if "Long-Name" in line]
    order = [next(e for e in ["amy", "bob", "cat"] if f"{e} " in line) for line in lines]
    assert order == ["cat", "bob", "amy"]
    assert "overdue by" in lines[0] and "never held" in lines[1] and "ok, in" in lines[2]
    columns = {line.index("Long-Name") - line.index(order[n]) for n, line in enumerate(lines)}
    assert len(columns) == 1  # aligned


# -- dates that cannot hide someone --------------------------------------------------------------


@pytest.mark.parametrize("kind, answers", [("talk", TALK_ANSWERS), ("prep", PREP_ANSWERS)])
def test_a_discussion_cannot_be_dated_in_the_future(aspire, alice, kind, answers):
    result = aspire(kind, "alice", "--answers", "-", "--date", "2030-01-01", input=answers)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --date 2030-01-01 is in the future")
    assert not (alice / "records").exists()


def test_tomorrow_is_refused_on_the_launchers_plain_path_too(alice):
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    child = spawn(alice, "talk", "alice", "--date", tomorrow)
    out = finish(child, 2)
    assert f"--date {tomorrow} is in the future" in out
    assert not (alice / "records").exists() and not (alice / "drafts").exists()


@pytest.mark.parametrize("day", ["1969-12-31", "0001-01-01"])
def test_a_date_before_1970_is_refused(aspire, alice, day):
    result = aspire("talk", "alice", "--answers", "-", "--date", day, input=TALK_ANSWERS)
    assert result.exit_code == 2
    assert "before 1970" in result.stderr
    assert not (alice / "records").exists()


def test_an_action_due_before_its_discussion_is_refused(aspire, alice):
    early = TALK_ANSWERS.replace("2027-06-30", "2025-12-31")
    result = aspire("talk", "alice", "--answers", "-", "--date", "2026-01-10", input=early)
    assert result.exit_code == 2
    assert "actions[1]: due date" in result.stderr and "is before the discussion" in result.stderr
    assert not (alice / "records").exists()


def test_a_typed_action_due_before_the_discussion_is_asked_again(alice, keys, in_terminal):
    from support.keys import TALK_KEYS

    keys.send_text("".join(TALK_KEYS[:9]) + "2020-01-01\r" + "\x7f" * 10 + "".join(TALK_KEYS[9:]))
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "talk", None, date(2026, 11, 26))
    path = discussion.interactive(d, "alice", False)
    actions = tomllib.loads(path.read_text())["answers"]["actions"]
    assert actions[0]["due"] == date(2027, 6, 30)


def test_an_empty_date_is_refused_not_taken_for_today(aspire, alice):
    result = aspire("talk", "alice", "--answers", "-", "--date", "", input=TALK_ANSWERS)
    assert result.exit_code == 2
    assert "--date '' is not a date" in result.stderr
    assert not (alice / "records").exists()


def test_due_as_of_a_past_day_counts_only_the_talks_held_by_then(aspire, home):
    aspire("team", "add", "amy")
    aspire("team", "add", "bob")
    store = Store(home)
    write(store, "talk", "amy", date(2024, 3, 1))
    write(store, "talk", "amy", date(2026, 3, 1))
    write(store, "talk", "bob", date(2026, 3, 1))
    rows = {
        row["employee"]: row for row in json.loads(aspire("due", "--json", "--as-of", "2025-01-01").stdout)
    }
    assert rows["amy"]["last_talk"] == "2024-03-01" and rows["amy"]["status"] == "ok"
    assert rows["bob"]["last_talk"] is None and rows["bob"]["status"] == "never held"
    today = {row["employee"]: row for row in json.loads(aspire("due", "--json").stdout)}
    assert today["amy"]["last_talk"] == "2026-03-01"


def test_resuming_a_second_same_day_talk_does_not_ask_again(aspire, alice, keys, in_terminal):
    from support.keys import TALK_KEYS

    assert aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    Store(alice).drafts.save(
        Draft(
            kind="talk", employee="alice", date=TODAY, question_set="talk", question_set_version=2
        ).with_answers({"short_term_aspiration": "Typed before the stop"})
    )
    keys.send_text("\r" + "".join(TALK_KEYS[1:]))  # resume; no same-day question comes
    d = discussion.Discussion(Store(alice), Console(file=io.StringIO()), "talk", None, TODAY)
    path = discussion.interactive(d, "alice", False)
    assert path.name == f"{TODAY.isoformat()}-talk-2.toml"
    assert "Hold another one" not in d.console.file.getvalue()


def test_a_drafts_folder_that_cannot_be_written_is_said_before_the_first_question(alice, capsys):
    (alice / "drafts").write_text("a file where the drafts folder goes")
    child = spawn(alice, "prep", "alice")
    child.expect("kept in memory")
    child.expect("1/7")
    child.send("\x03")
    finish(child, 130)


def test_an_empty_as_of_is_refused_not_taken_for_today(aspire, alice):
    result = aspire("due", "--as-of", "")
    assert result.exit_code == 2
    assert "--as-of '' is not a date" in result.stderr


def test_a_backfilled_talk_shows_the_prep_notes_made_before_it(aspire, alice, keys, in_terminal):
    from support.keys import TALK_KEYS

    older = PREP_ANSWERS.replace("Presentation skills", "Notes of January")
    assert aspire("prep", "alice", "--date", "2026-01-05", "--answers", "-", input=older).exit_code == 0
    newer = PREP_ANSWERS.replace("Presentation skills", "Notes of June")
    assert aspire("prep", "alice", "--date", "2026-06-05", "--answers", "-", input=newer).exit_code == 0
    keys.send_text("".join(TALK_KEYS))
    d = discussion.Discussion(
        Store(alice), Console(file=io.StringIO(), width=100), "talk", date(2026, 2, 1), TODAY
    )
    discussion.interactive(d, "alice", False)
    screen = d.console.file.getvalue()
    assert "Notes of January" in screen and "Notes of June" not in screen
