"""`aspire sync resolve`: the conflict copies a sync left, settled by aspire, and said while they wait."""

from __future__ import annotations

import pexpect
import pytest
from support.git_homes import Machine, conflict_on_both, one_line
from support.processes import spawn

LISTENING, FEEDBACK = 'development_area = "Listening"', 'development_area = "Feedback"'
PLACE = "records/alice/2026-11-20-talk.toml"


@pytest.fixture
def conflicted(
    both: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
) -> tuple[Machine, Machine, str]:
    """alice's talk edited on both machines: b keeps its own (Listening) with a's (Feedback) beside it."""
    a, b = both
    conflict_on_both(a, b, monkeypatch)
    copies = sorted(p.name for p in (b.home / "records/alice").glob("*.conflict-*"))
    assert len(copies) == 2  # the record's copy and its readable copy
    return a, b, copies[1]  # the .toml


def test_while_a_copy_waits_due_show_and_history_say_so_in_one_line(conflicted):
    _, b, copy = conflicted
    for args in (["due"], ["show", "alice"], ["history", "alice"]):
        line = one_line(b(*args).stderr, "1 sync conflict", f"records/alice/{copy}", "aspire sync resolve")
        assert line.startswith("aspire: ")
    assert b("due", "--json").stdout.startswith("[")  # the listing itself is unchanged


def test_keep_copy_puts_the_other_version_in_place_keeps_the_old_and_is_one_commit(conflicted):
    a, b, _ = conflicted
    commits = len(b.log())
    done = b("sync", "resolve", "alice", "--keep", "copy")
    assert done.stdout == f"{PLACE}: kept the copy\n"
    folder = b.home / "records/alice"
    assert FEEDBACK in (folder / "2026-11-20-talk.toml").read_text()
    assert "Feedback" in (folder / "2026-11-20-talk.md").read_text()
    assert not list(folder.glob("*.conflict-*"))
    kept = list((folder / ".versions").glob("2026-11-20-talk.*.toml"))
    assert any(LISTENING in k.read_text() for k in kept)  # the version it replaced, as an edit keeps it
    assert len(b.log()) == commits + 1 and b.log()[0] == "sync resolve: 1 conflict"
    assert b.git("status", "--porcelain") == ""
    assert b("due").stderr == "" and b("show", "alice").stderr == ""
    b("sync")
    came = a("sync")  # a never saw the copies: its own version (Feedback) stays, b's comes as the kept one
    assert "1 version kept by an edit: alice 2026-11-20 talk" in came.stdout
    assert FEEDBACK in (a.home / PLACE).read_text() and not list(
        (a.home / "records/alice").glob("*.conflict-*")
    )
    assert a("due").stderr == ""


def test_keep_in_place_removes_the_copy_and_changes_nothing_else(conflicted):
    _, b, _ = conflicted
    before = (b.home / PLACE).read_bytes()
    assert b("sync", "resolve", "--keep", "in-place").stdout == f"{PLACE}: kept the version in place\n"
    assert (b.home / PLACE).read_bytes() == before
    assert not list((b.home / "records/alice").glob("*.conflict-*"))
    assert b("sync", "resolve").stdout == "No sync conflicts to resolve.\n"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([], "with no terminal give --keep in-place or copy"),
        (["--keep", "theirs"], "--keep 'theirs': give in-place or copy"),
    ],
)
def test_without_a_terminal_or_with_a_wrong_choice_it_is_one_line_and_nothing_changes(conflicted, args, says):
    _, b, copy = conflicted
    done = b("sync", "resolve", *args, code=None)
    assert done.exit_code == 2 and one_line(done.stderr, says)
    assert (b.home / "records/alice" / copy).exists()


def test_a_copy_that_is_no_record_is_not_put_in_place(conflicted):
    _, b, copy = conflicted
    (b.home / "records/alice" / copy).write_text("not = [ a record", encoding="utf-8")
    done = b("sync", "resolve", "--keep", "copy", code=None)
    assert done.exit_code == 2 and one_line(done.stderr, "not kept: keep the version in place")
    assert LISTENING in (b.home / PLACE).read_text()


def test_in_a_terminal_it_shows_what_differs_and_asks(conflicted):
    _, b, _ = conflicted
    child = spawn(b.home, "sync", "resolve")
    child.expect("-" + LISTENING)
    child.expect("\\+" + FEEDBACK)
    child.expect("Keep which")
    child.expect("Neither yet")
    child.send("\x1b[B\r")  # the copy
    child.expect("kept the copy")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0 and FEEDBACK in (b.home / PLACE).read_text()
