"""`aspire forget` in a real pseudo-terminal: it says what goes and asks; only a yes erases, and
Enter alone or Ctrl-C leave every file as it was."""

import pytest
from support.processes import finish, spawn
from support.talks import alice_with_a_talk

DAY = "2026-11-20"


@pytest.fixture
def alice(aspire, home):
    alice_with_a_talk(aspire, DAY)
    return home


def files(home) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def asked(child) -> None:
    child.expect(rf"This erases, of alice: 1 record \({DAY}\), the team entry\.")
    child.expect(r"It cannot be undone")
    child.expect(r"Erase it all for good\?")
    child.expect(r"\(y/N\)")


def said(child, code: int) -> str:
    return " ".join(finish(child, code).split())


def test_yes_erases(alice):
    child = spawn(alice, "forget", "alice")
    asked(child)
    child.send("y\r")
    assert f"Forgot, of alice: 1 record ({DAY}), the team entry." in said(child, 0)
    assert not (alice / "records/alice").exists()


@pytest.mark.parametrize(
    ("key", "code", "words"), [("\r", 1, "Nothing forgotten"), ("\x03", 130, "nothing forgotten")]
)
def test_enter_alone_or_ctrl_c_keep_everything(alice, key, code, words):
    before = files(alice)
    child = spawn(alice, "forget", "alice")
    asked(child)
    child.send(key)
    assert words in said(child, code)
    assert files(alice) == before
