"""`aspire delete` in a real pseudo-terminal: it asks, and only a yes deletes."""

import pexpect
import pytest
from support.processes import spawn
from support.talks import alice_with_a_talk

DAY = "2026-11-20"


@pytest.fixture
def alice(aspire, home):
    alice_with_a_talk(aspire, DAY)
    return home / "records/alice"


def asked(child) -> None:
    child.expect(r"2026-11-20-talk.toml: actions 1, 2\. A delete keeps it all")
    child.expect(r"Delete alice's talk of 2026-11-20\?")
    child.expect(r"\(y/N\)")


def finish(child, code: int) -> str:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code, child.before
    return " ".join(child.before.split())


def test_yes_deletes_and_says_how_to_bring_it_back(alice):
    child = spawn(alice.parent.parent, "delete", "alice", "--date", DAY)
    asked(child)
    child.send("y\r")
    said = finish(child, 0)
    assert f"Bring it back with: aspire restore alice --date {DAY}" in said
    assert not (alice / f"{DAY}-talk.toml").exists()


def test_enter_alone_keeps_the_record(alice):
    child = spawn(alice.parent.parent, "delete", "alice", "--date", DAY)
    asked(child)
    child.send("\r")
    assert "Nothing deleted" in finish(child, 1)
    assert (alice / f"{DAY}-talk.toml").exists()


def test_ctrl_c_at_the_question_keeps_the_record(alice):
    child = spawn(alice.parent.parent, "delete", "alice", "--date", DAY)
    asked(child)
    child.send("\x03")
    assert "stopped: interrupted; nothing deleted" in finish(child, 130)
    assert (alice / f"{DAY}-talk.toml").exists() and not (alice / ".versions").exists()
