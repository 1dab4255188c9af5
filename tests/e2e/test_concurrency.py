"""Two aspire processes at once never lose an update: real processes, started together."""

import subprocess
import sys
import tomllib

from support.answers import TALK_ANSWERS
from support.processes import aspire_script, terminal_env


def start(home, *args, stdin=None):
    return subprocess.Popen(
        [aspire_script(), *args],
        env=terminal_env(home),
        stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_twenty_processes_adding_team_members_at_once_all_land(home):
    ids = [f"member-{n:02d}" for n in range(20)]
    procs = [start(home, "team", "add", employee, "--name", f"Name {employee}") for employee in ids]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
    assert all(code == 0 for code, _ in results), results
    members = tomllib.loads((home / "team.toml").read_text())["members"]
    assert sorted(members) == ids
    assert members["member-07"]["name"] == "Name member-07"


def test_two_processes_writing_a_talk_on_the_same_day_keep_both(aspire, home):
    aspire("team", "add", "alice")
    texts = [TALK_ANSWERS.replace("Architecture", who) for who in ("First writer", "Second writer")]
    procs = [
        start(home, "talk", "alice", "--date", "2026-11-26", "--answers", "-", "--again", stdin=True)
        for _ in texts
    ]
    for proc, text in zip(procs, texts, strict=True):
        proc.stdin.write(text)
        proc.stdin.close()
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    folder = home / "records/alice"
    names = sorted(p.name for p in folder.glob("*.toml"))
    assert names == ["2026-11-26-talk-2.toml", "2026-11-26-talk.toml"]
    strengths = sorted(tomllib.loads((folder / n).read_text())["answers"]["core_strength"] for n in names)
    assert strengths == ["First writer", "Second writer"]
    assert sorted(p.name for p in folder.glob("*.md")) == ["2026-11-26-talk-2.md", "2026-11-26-talk.md"]


HOLD_LOCK = """
import fcntl, sys, time
handle = open(sys.argv[1], "a")
fcntl.flock(handle, fcntl.LOCK_EX)  # what aspire's own lock does
print("locked", flush=True)
time.sleep(30)
"""


def test_a_lock_held_too_long_gets_a_clear_message_and_changes_nothing(aspire, home, monkeypatch):
    from aspire_cli.storage import store

    monkeypatch.setattr(store, "LOCK_TIMEOUT_SECONDS", 0.3)
    aspire("team", "add", "alice")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(home / ".lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = aspire("team", "add", "bob")
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code == 75
    assert "another aspire process has held" in result.stderr and ".lock" in result.stderr
    assert "bob" not in (home / "team.toml").read_text()
