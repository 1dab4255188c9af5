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
from pathlib import Path

from conftest import TALK_ANSWERS, aspire_script, terminal_env

TALK_DAY = "2024-03-01"  # TALK_ANSWERS agrees action 1 (due 2027-06-30) and action 2 (no due date)


def alice_with_a_talk(aspire, home: Path) -> None:
    assert aspire("--home", str(home), "team", "add", "alice").exit_code == 0
    talk = aspire(
        "--home", str(home), "talk", "alice", "--date", TALK_DAY, "--answers", "-", input=TALK_ANSWERS
    )
    assert talk.exit_code == 0, talk.stderr


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


def test_done_and_reopen_while_talks_are_being_written_never_call_a_talk_unreadable(aspire, home):
    alice_with_a_talk(aspire, home)
    stop = threading.Event()
    talks: list[subprocess.CompletedProcess[str]] = []

    def write_talks() -> None:  # one talk after another, as fast as aspire writes them
        while not stop.is_set():
            talks.append(
                aspire_process(
                    home, "talk", "alice", "--date", "2026-02-01", "--answers", "-", stdin=TALK_ANSWERS
                )
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
