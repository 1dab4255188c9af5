"""`aspire forget`: what is held about a person erased for good, after asking (an erasure request):
all of it with the team entry, or only the records before a day with what stands for them; a no,
Ctrl-C or a missing --yes leaves everything as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.error_lines import one_line_error
from support.talks import hold_talk

ONE = [{"action": "Run the guild", "measure": "Two a month"}]
OLD, MIDDLE, NEW = "2015-03-01", "2019-05-05", "2026-01-10"


@pytest.fixture
def alice(aspire, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Alice: a talk of OLD (action 1, done), one of MIDDLE (action 2) deleted, one of NEW (action 3),
    a draft; Bob: a talk of OLD. Every stamp settled at once, so that the index keeps all it reads."""
    from aspire_cli.storage import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -(10**12))
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    hold_talk(aspire, OLD, ONE, core_strength="Old words")
    hold_talk(aspire, MIDDLE, ONE, core_strength="Deleted words")
    hold_talk(aspire, NEW, ONE, core_strength="New words")
    assert aspire("actions", "done", "alice", "1", "--date", "2016-01-01").exit_code == 0
    assert aspire("delete", "alice", "--date", MIDDLE, "--yes").exit_code == 0
    (home / "drafts").mkdir(mode=0o700)
    (home / "drafts/alice.prep.toml").write_text('schema = 1\nkind = "prep"\n')
    assert aspire("team", "add", "bob").exit_code == 0
    hold_talk_with(aspire, "bob", OLD)
    assert aspire("history", "alice").exit_code == 0  # the index now holds the answers it read
    return home / "records/alice"


def hold_talk_with(aspire, employee: str, day: str) -> None:
    from support.talks import talk_answers

    result = aspire("talk", employee, "--date", day, "--answers", "-", input=talk_answers(ONE))
    assert result.exit_code == 0, result.stderr


def everything(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def words_in_home(home: Path, *words: str) -> list[str]:
    """The files of the home (the index included) that hold any of `words`."""
    return [name for name, data in everything(home).items() if any(word.encode() in data for word in words)]


def test_forget_erases_everything_held_about_alice_and_nothing_of_bob(aspire, alice, home):
    bobs = {name: data for name, data in everything(home).items() if "/bob/" in name}
    result = aspire("forget", "alice", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Forgot, of alice: 2 records ({OLD} to {NEW}), 1 follow-up, 1 kept version, 1 draft, the team entry."
    ]
    assert not alice.exists() and not (home / "drafts/alice.prep.toml").exists()
    assert words_in_home(home, "alice", "Alice Smith", "Old words", "Deleted words") == []
    assert [name for name in everything(home) if "alice" in name] == []  # .locks/talk-alice.lock too
    assert {name: data for name, data in everything(home).items() if "/bob/" in name} == bobs
    assert [row["employee"] for row in json.loads(aspire("due", "--json").stdout)] == ["bob"]
    assert aspire("export", "--person", "alice").exit_code == 2


def test_before_a_day_erases_the_older_records_their_follow_ups_and_kept_versions(aspire, alice, home):
    assert ".index.sqlite3" in words_in_home(home, "Old words")  # the index is a copy too
    result = aspire("forget", "alice", "--before", "2020-01-01", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"Forgot, of alice: 1 record ({OLD}), 1 follow-up, 1 kept version."]
    assert words_in_home(home, "Old words", "Deleted words") == []
    assert sorted(p.name for p in alice.glob("*-talk.*")) == [f"{NEW}-talk.md", f"{NEW}-talk.toml"]
    assert aspire("team", "list", "--json").stdout.count('"alice"') == 1  # the team entry stays
    history = json.loads(aspire("history", "alice", "--json").stdout)
    assert [record["date"] for record in history] == [NEW]
    hold_talk(aspire, "2026-06-01", ONE)
    actions = json.loads(aspire("actions", "alice", "--all", "--json").stdout)
    assert sorted(a["number"] for a in actions) == [3, 4]  # numbers 1 and 2 never given again


def test_nothing_before_the_day_is_said_and_nothing_changes(aspire, alice, home):
    before = everything(home)
    result = aspire("forget", "alice", "--before", "2010-01-01", "--yes")
    assert (result.exit_code, result.stdout) == (
        0,
        "Nothing to forget: alice has no records dated before 2010-01-01.\n",
    )
    assert everything(home) == before


def test_without_a_terminal_it_asks_for_yes_and_erases_nothing(aspire, alice, home):
    before = everything(home)
    result = aspire("forget", "alice")
    assert result.exit_code == 2
    assert one_line_error(result) == (
        "error: aspire forget asks before it erases, and stdin is not a terminal: to erase without "
        "asking, add --yes"
    )
    assert everything(home) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("carol",), "error: nothing is held about 'carol': not on your team, no records, no drafts"),
        ((), "error: say whose records: aspire forget EMPLOYEE, or aspire forget --expired"),
        (("alice", "--expired"), "error: --expired goes alone"),
        (("--expired",), "error: retention_years is not set, so nothing expires; set it first"),
        (("alice", "--before", "2020-02-30"), "error: --before '2020-02-30'"),
    ],
)
def test_a_wrong_line_is_one_line_and_erases_nothing(aspire, alice, home, args, said):
    before = everything(home)
    result = aspire("forget", *args, "--yes")
    assert result.exit_code == 2
    assert one_line_error(result).startswith(said)
    assert everything(home) == before


# -- asking first, in a terminal --------------------------------------------------------------------


def forget_in_terminal(home: Path, before: str | None = None) -> int:
    """`aspire forget alice [--before D]` as the command line hands it over, stdin a terminal."""
    from datetime import date

    from aspire_cli.commands.forget import run_forget
    from aspire_cli.storage.store import Store

    day = date.fromisoformat(before) if before else None
    return run_forget(Store(home), "alice", day, False, False, lambda: None, date.today())


def test_the_question_says_what_goes_and_yes_erases(alice, home, keys, in_terminal, capsys):
    keys.send_text("y\r")
    assert forget_in_terminal(home, "2020-01-01") == 0
    said = capsys.readouterr().out.splitlines()
    assert said[:2] == [
        f"This erases what is dated before 2020-01-01, of alice: 1 record ({OLD}), 1 follow-up, "
        "1 kept version.",
        "It cannot be undone: nothing is kept (aspire delete keeps; forget does not).",
    ]
    assert not (alice / f"{OLD}-talk.toml").exists()


def test_no_at_the_question_erases_nothing(alice, home, keys, in_terminal, capsys):
    before = everything(home)
    keys.send_text("n\r")
    assert forget_in_terminal(home) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "Nothing forgotten: everything is as it was."
    assert everything(home) == before


def test_ctrl_c_at_the_question_erases_nothing(alice, home, keys, in_terminal):
    from aspire_cli.errors import Aborted

    before = everything(home)
    keys.send_text("\x03")
    with pytest.raises(Aborted) as stopped:
        forget_in_terminal(home)
    assert (stopped.value.exit_code, stopped.value.message) == (130, "interrupted; nothing forgotten")
    assert everything(home) == before
