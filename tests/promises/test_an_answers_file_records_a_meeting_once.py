"""An answers file cannot record the same meeting twice by accident: a `prep` or `talk --answers` run
for a day that already has a record of its kind is refused in one line, nothing written, unless
`--again` says another is meant, as the typed interview asks before a second one that day."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pexpect
import pytest
from rich.console import Console
from support.answers import PREP_ANSWERS, TALK_ANSWERS
from support.error_lines import one_line_error
from support.keys import TALK_KEYS
from support.processes import aspire_script, spawn, terminal_env

from aspire_cli.interview import session as discussion
from aspire_cli.storage.store import Store

DAY = "2026-11-20"
INCOMPLETE = TALK_ANSWERS.replace('willing = "yes"\n', "")


@pytest.fixture
def alice(aspire, home: Path) -> Path:
    assert aspire("team", "add", "alice").exit_code == 0
    return home / "records/alice"


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("kind", "answers"), [("prep", PREP_ANSWERS), ("talk", TALK_ANSWERS)])
def test_the_same_file_run_twice_records_the_meeting_once(aspire, alice, kind, answers):
    first = aspire(kind, "alice", "--date", DAY, "--answers", "-", input=answers)
    assert first.exit_code == 0, first.stderr
    before = files_in(alice)
    again = aspire(kind, "alice", "--date", DAY, "--answers", "-", input=answers)
    assert again.exit_code == 1
    assert one_line_error(again) == (
        f"error: you already have a {kind} with alice on {DAY} ({DAY}-{kind}.toml); nothing written: "
        f"to record another (saved as {DAY}-{kind}-2), add --again"
    )
    assert files_in(alice) == before


@pytest.mark.parametrize(("kind", "answers"), [("prep", PREP_ANSWERS), ("talk", TALK_ANSWERS)])
def test_again_records_another_as_the_days_next(aspire, alice, kind, answers, tmp_path):
    file = tmp_path / "answers.toml"
    file.write_text(answers)
    assert aspire(kind, "alice", "--date", DAY, "--answers", str(file)).exit_code == 0
    assert aspire(kind, "alice", "--date", DAY, "--answers", str(file)).exit_code == 1
    third = aspire(kind, "alice", "--date", DAY, "--answers", str(file), "--again")
    assert third.exit_code == 0, third.stderr
    assert f"(the second {kind} with alice on {DAY})" in third.stdout
    assert sorted(p.name for p in alice.glob("*.toml") if "action" not in p.name) == [
        f"{DAY}-{kind}-2.toml",
        f"{DAY}-{kind}.toml",
    ]
    fourth = aspire(kind, "alice", "--date", DAY, "--answers", str(file))
    assert one_line_error(fourth).startswith(
        f"error: you already have a {kind} with alice on {DAY} ({DAY}-{kind}-2.toml); nothing written: "
        f"to record another (saved as {DAY}-{kind}-3)"
    )


def test_a_record_of_the_other_kind_or_day_is_no_reason_to_refuse(aspire, alice):
    assert aspire("prep", "alice", "--date", DAY, "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    talk = aspire("talk", "alice", "--date", DAY, "--answers", "-", input=TALK_ANSWERS)
    assert talk.exit_code == 0, talk.stderr
    other_day = aspire("talk", "alice", "--date", "2026-11-21", "--answers", "-", input=TALK_ANSWERS)
    assert other_day.exit_code == 0, other_day.stderr
    again = aspire("talk", "alice", "--date", "2026-11-22", "--answers", "-", "--again", input=TALK_ANSWERS)
    assert again.exit_code == 0 and "2026-11-22-talk.toml" in again.stdout  # the first of its day


def test_a_file_that_leaves_questions_to_ask_is_refused_before_any_is_asked(aspire, alice):
    """In a terminal the questions a file leaves out are asked; on a day that has its record, the
    run stops first, in one line, as one without a terminal does."""
    assert aspire("talk", "alice", "--date", DAY, "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    file = alice.parent.parent / "incomplete.toml"
    file.write_text(INCOMPLETE)
    child = spawn(alice.parent.parent, "talk", "alice", "--date", DAY, "--answers", str(file))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1, child.before
    said = " ".join(child.before.split())  # as the terminal wrapped it
    assert "nothing written: to record another (saved as 2026-11-20-talk-2), add --again" in said
    assert "1/9" not in said and "asking the 1 left" not in said  # nothing was asked
    assert sorted(p.name for p in alice.glob("*.toml")) == [f"{DAY}-talk.toml"]


def test_two_runs_at_once_write_one_record(aspire, alice):
    home = alice.parent.parent
    runs = [
        subprocess.Popen(
            [aspire_script(), "talk", "alice", "--date", DAY, "--answers", "-"],
            env=terminal_env(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    said = [run.communicate(TALK_ANSWERS, timeout=60) for run in runs]
    assert sorted(run.returncode for run in runs) == [0, 1], said
    assert sorted(p.name for p in alice.glob("*.toml")) == [f"{DAY}-talk.toml"]


def test_the_typed_interview_with_again_asks_nothing_first(aspire, alice, keys, in_terminal):
    today = date.today()
    assert aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    keys.send_text("".join(TALK_KEYS))  # straight into the questions: no same-day question first
    d = discussion.Discussion(
        Store(alice.parent.parent), Console(file=io.StringIO()), "talk", None, today, again=True
    )
    path = discussion.interactive(d, "alice", False)
    assert path.name == f"{today.isoformat()}-talk-2.toml"
    assert "Hold another one" not in d.console.file.getvalue()
