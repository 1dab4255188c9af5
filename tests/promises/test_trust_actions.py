"""Issue 15, a synced home is untrusted input: what `aspire actions done|drop|reopen` promise.

- A command that says it changed something changed it: a follow-up that came from a machine whose
  clock is ahead (synced, imported, or written by hand) never outranks the one written now.
- Concurrent commands never cry wolf: done and reopen run while talks are being written for the
  same employee succeed (or wait); they never call a healthy talk unreadable.
"""

from __future__ import annotations

import json
import subprocess
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS
from support.processes import aspire_script, terminal_env

TALK_DAY = "2024-03-01"  # TALK_ANSWERS agrees action 1 (due 2027-06-30) and action 2 (no due date)


def statuses(aspire, home: Path) -> dict[int, str]:
    """alice's actions as `aspire actions alice --all --json` shows them: number -> status."""
    result = aspire("--home", str(home), "actions", "alice", "--all", "--json")
    assert result.exit_code == 0, result.stderr
    return {row["number"]: row["status"] for row in json.loads(result.stdout)}


def alice_with_a_talk(aspire, home: Path) -> None:
    assert aspire("--home", str(home), "team", "add", "alice").exit_code == 0
    talk = aspire(
        "--home", str(home), "talk", "alice", "--date", TALK_DAY, "--answers", "-", input=TALK_ANSWERS
    )
    assert talk.exit_code == 0, talk.stderr


def follow_up_from_a_clock_ahead(
    folder: Path, status: str, ahead: timedelta, sequence: int | None = None
) -> Path:
    """A follow-up of action 1 as a machine whose clock runs `ahead` writes it (named and recorded
    by that clock); `sequence` as one that has already written that many, or none (an older aspire)."""
    recorded = datetime.now(UTC) + ahead
    counter = "" if sequence is None else f"sequence = {sequence}\n"
    path = folder / f"{recorded.date().isoformat()}-action-1-f00d42.toml"
    path.write_text(
        'schema = 1\nkind = "follow-up"\nemployee = "alice"\naction = 1\n'
        f'status = "{status}"\ndate = {TALK_DAY}\nrecorded = {recorded.isoformat()}\n{counter}',
        encoding="utf-8",
    )
    return path


def run(aspire, home: Path, *args: str) -> str:
    result = aspire("--home", str(home), "actions", *args)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    assert result.stderr == ""
    return result.stdout


# -- rule 6: a command that says it changed something changed it -------------------------------------
@pytest.mark.parametrize("ahead", [timedelta(minutes=5), timedelta(days=400)])
def test_each_change_takes_effect_over_a_follow_up_from_a_clock_ahead(aspire, home, ahead):
    alice_with_a_talk(aspire, home)
    follow_up_from_a_clock_ahead(home / "records/alice", "done", ahead)
    assert statuses(aspire, home)[1] == "done"  # what the other machine said

    assert "alice #1 open again" in run(aspire, home, "reopen", "alice", "1")
    assert statuses(aspire, home)[1] == "open"
    assert "alice #1 dropped" in run(aspire, home, "drop", "alice", "1")
    assert statuses(aspire, home)[1] == "dropped"
    run(aspire, home, "reopen", "alice", "1")
    assert f"alice #1 done ({date.today().isoformat()})" in run(aspire, home, "done", "alice", "1")
    result = aspire("actions", "alice", "--all", "--json")
    [first] = [row for row in json.loads(result.stdout) if row["number"] == 1]
    assert (first["status"], first["closed"]) == ("done", date.today().isoformat())


def test_a_change_takes_effect_over_a_follow_up_that_claims_many_before_it(aspire, home):
    """A machine with a fast clock that has written many follow-ups of the action already."""
    alice_with_a_talk(aspire, home)
    follow_up_from_a_clock_ahead(home / "records/alice", "dropped", timedelta(days=2), sequence=41)
    assert statuses(aspire, home)[1] == "dropped"
    assert "alice #1 done" in run(aspire, home, "done", "alice", "1")
    assert statuses(aspire, home)[1] == "done"
    assert "alice #1 open again" in run(aspire, home, "reopen", "alice", "1")
    assert statuses(aspire, home) == {1: "open", 2: "open"}


def test_a_follow_up_that_leaves_no_sequence_above_it_is_named_and_nothing_is_claimed(aspire, home):
    """One whose sequence is the highest a follow-up may hold: a new one could not outrank it, so
    none is written and the command says why, rather than reporting a change that would not show."""
    alice_with_a_talk(aspire, home)
    folder = home / "records/alice"
    planted = follow_up_from_a_clock_ahead(folder, "done", timedelta(days=2), sequence=10**9)
    assert statuses(aspire, home)[1] == "done"
    result = aspire("actions", "reopen", "alice", "1")
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{planted}: sequence 1000000000 leaves no room" in result.stderr
    assert sorted(folder.glob("*-action-*")) == [planted]
    assert statuses(aspire, home)[1] == "done"


def test_a_follow_up_written_by_an_older_aspire_still_counts_until_a_new_one_comes(aspire, home):
    """Files without a sequence read as before: among themselves the latest recorded wins."""
    alice_with_a_talk(aspire, home)
    folder = home / "records/alice"
    follow_up_from_a_clock_ahead(folder, "done", timedelta(days=-2)).rename(
        folder / "2024-04-01-action-1-aaaaaa.toml"
    )
    assert statuses(aspire, home)[1] == "done"
    follow_up_from_a_clock_ahead(folder, "dropped", timedelta(days=-1))
    assert statuses(aspire, home)[1] == "dropped"
    assert "alice #1 open again" in run(aspire, home, "reopen", "alice", "1")
    assert statuses(aspire, home)[1] == "open"


def git(home: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(home), "-c", "user.name=B", "-c", "user.email=b@example.org", *args],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def own_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """git with no settings of this machine's own, and a bare remote."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    return remote


def test_two_machines_agree_and_each_change_takes_effect_whatever_their_clocks(aspire, tmp_path, own_git):
    a, b = tmp_path / "a", tmp_path / "b"

    def on(home: Path, *args: str) -> str:
        result = aspire("--home", str(home), *args)
        assert result.exit_code == 0, (home.name, args, result.stdout, result.stderr)
        return result.stdout

    alice_with_a_talk(aspire, a)
    on(a, "sync", "init", str(own_git))
    on(a, "sync")
    on(b, "sync", "init", str(own_git))
    on(b, "sync")
    # machine b, its clock a day ahead, marks #1 done
    note = follow_up_from_a_clock_ahead(b / "records/alice", "done", timedelta(days=1))
    git(b, "add", str(note))
    git(b, "commit", "--quiet", "-m", "follow-up: alice #1 done")
    on(b, "sync")
    on(a, "sync")
    assert statuses(aspire, a)[1] == "done"

    assert "alice #1 open again" in on(a, "actions", "reopen", "alice", "1")
    assert statuses(aspire, a)[1] == "open"
    on(a, "sync")
    on(b, "sync")
    assert statuses(aspire, b)[1] == "open"  # b, clock ahead and all, sees a's change
    assert "alice #1 dropped" in on(b, "actions", "drop", "alice", "1")
    on(b, "sync")
    on(a, "sync")
    assert statuses(aspire, a)[1] == statuses(aspire, b)[1] == "dropped"


# -- rule 7: concurrent commands never cry wolf ----------------------------------------------------
def aspire_process(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [aspire_script(), *args],
        env=terminal_env(home),
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


AGAIN = ("--answers", "-", "--again")  # one talk after another, all on one day


def test_done_and_reopen_while_talks_are_being_written_never_call_a_talk_unreadable(aspire, home):
    alice_with_a_talk(aspire, home)
    stop = threading.Event()
    talks: list[subprocess.CompletedProcess[str]] = []

    def write_talks() -> None:  # one talk after another, as fast as aspire writes them
        while not stop.is_set():
            talks.append(
                aspire_process(home, "talk", "alice", "--date", "2026-02-01", *AGAIN, stdin=TALK_ANSWERS)
            )

    writer = threading.Thread(target=write_talks)
    writer.start()
    changes: list[subprocess.CompletedProcess[str]] = []
    try:
        for _ in range(12):
            changes.append(aspire_process(home, "actions", "done", "alice", "1"))
            changes.append(aspire_process(home, "actions", "reopen", "alice", "1"))
    finally:
        stop.set()
        writer.join()

    assert len(talks) >= 3  # the talks were written all along
    assert [(t.returncode, t.stderr) for t in talks] == [(0, "")] * len(talks)
    assert [(c.returncode, c.stderr) for c in changes] == [(0, "")] * len(changes)
    assert [c.stdout.split(" (")[0] for c in changes] == ["alice #1 done", "alice #1 open again"] * 12
    listed = aspire_process(home, "actions", "alice", "--all", "--json")
    assert (listed.returncode, listed.stderr) == (0, "")
    assert {row["number"]: row["status"] for row in json.loads(listed.stdout)}[1] == "open"
