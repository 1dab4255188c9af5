"""`aspire delete`: a record written by mistake taken away, after asking, kept where `aspire restore`
brings it back from; gone from every listing at once, the index included."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path

import pytest
from support.error_lines import one_line_error, one_line_of
from support.talks import hold_talk

from aspire_cli.storage import files

FIRST, SECOND = "2026-01-10", "2026-06-10"
ONE = [{"action": "Run the guild", "measure": "Two a month"}]
TWO = [*ONE, {"action": "Mentor Bob", "measure": "Monthly"}]


@pytest.fixture
def alice(aspire, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Alice's folder: a talk of FIRST (actions 1 and 2), one of SECOND (action 3, done), a prep of
    SECOND; every stamp settled at once, so that the index keeps all it reads."""
    monkeypatch.setattr(files, "STABLE_AFTER_NS", -(10**12))
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    hold_talk(aspire, FIRST, TWO)
    hold_talk(aspire, SECOND, ONE, core_strength="Mistaken")
    prep = aspire("prep", "alice", "--date", SECOND, "--answers", "-", input=PREP)
    assert prep.exit_code == 0, prep.stderr
    assert aspire("actions", "done", "alice", "3", "--date", SECOND).exit_code == 0
    return home / "records/alice"


PREP = """\
potential = "Head of platform"
potential_level = "two or more levels up"
readiness = "1-2 years"
development = "A rotation"
strengths = "Systems thinking"
short_term_needs = "Presentation skills"
next_assignment = "Tech lead"
"""


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def listings(aspire) -> dict[str, object]:
    """What every listing says of alice, each asked as a leader asks it (exit status 0, nothing on stderr)."""
    said = {}
    for name, args in {
        "due": ("due", "--json"),
        "show": ("show", "alice"),
        "history": ("history", "alice", "--json"),
        "actions": ("actions", "alice", "--all", "--json"),
        "report": ("report", "--format", "json"),
        "export": ("export", "--format", "json"),
    }.items():
        result = aspire(*args)
        assert (result.exit_code, result.stderr) == (0, ""), (name, result.stderr)
        said[name] = result.stdout if name == "show" else json.loads(result.stdout)
    return said


def test_a_deleted_talk_is_gone_from_every_listing_the_index_included(aspire, alice):
    before = listings(aspire)  # the index has learnt the talk of SECOND
    assert before["due"][0]["last_talk"] == SECOND and "Mistaken" in before["show"]
    time.sleep(0.05)  # the file system's clock moves on: the folder's change gets a stamp of its own

    result = aspire("delete", "alice", "--date", SECOND, "--yes")

    assert result.exit_code == 0, result.stderr
    after = listings(aspire)
    assert after["due"][0]["last_talk"] == FIRST
    assert f"Career aspiration discussion, {FIRST}" in after["show"] and "Mistaken" not in after["show"]
    assert [(r["date"], r["kind"]) for r in after["history"]] == [(SECOND, "prep"), (FIRST, "talk")]
    assert [(a["number"], a["status"]) for a in after["actions"]] == [(1, "open"), (2, "open")]
    assert after["report"]["members"][0]["last_talk"] == FIRST
    assert after["report"]["members"][0]["open_actions"] == 2
    assert [(r["date"], r["kind"]) for r in after["export"]] == [(FIRST, "talk")]
    gone = aspire("show", "alice", "--date", SECOND, "--kind", "talk")
    assert one_line_error(gone) == f"error: alice has no talk on {SECOND}; there are: {FIRST} (talk)"


def test_the_record_its_copy_and_its_follow_ups_are_kept_and_restore_brings_them_back(aspire, alice):
    before = files_in(alice)
    talk = f"{SECOND}-talk"
    follow_ups = [name for name in before if "-action-3-" in name]
    assert len(follow_ups) == 1

    result = aspire("delete", "alice", "--date", SECOND, "--yes")

    assert result.exit_code == 0 and result.stderr == ""
    kept = files_in(alice / ".versions")
    token = next(name for name in kept if name.startswith(f"{talk}.")).split(".")[1]
    assert token.endswith("Z-deleted")
    assert kept == {
        f"{talk}.{token}.toml": before[f"{talk}.toml"],
        f"{talk}.{token}.md": before[f"{talk}.md"],
        f"{follow_ups[0][:-5]}.{token}.toml": before[follow_ups[0]],
    }
    for name in kept:
        assert stat.S_IMODE((alice / ".versions" / name).stat().st_mode) == 0o600
    assert sorted(set(before) - set(files_in(alice))) == sorted([f"{talk}.toml", f"{talk}.md", *follow_ups])
    assert result.stdout.splitlines() == [  # not a terminal: a line each, whatever their length
        f"Deleted alice's talk of {SECOND}; kept, with its readable copy and 1 follow-up, "
        f"as {alice}/.versions/{talk}.{token}.toml",
        "Its action numbers (3) are never given again.",
        f"Bring it back with: aspire restore alice --date {SECOND}",
    ]

    back = aspire("restore", "alice", "--date", SECOND)

    assert back.exit_code == 0, back.stderr
    assert back.stdout == (
        f"Restored alice's talk of {SECOND} as {alice}/{talk}.toml, with its readable copy and 1 follow-up.\n"
    )
    now = files_in(alice)
    assert {name: data for name, data in now.items() if not name.startswith(".")} == {
        name: data for name, data in before.items() if not name.startswith(".")
    }
    assert not (alice / ".versions").exists() or files_in(alice / ".versions") == {}
    actions = json.loads(aspire("actions", "alice", "--all", "--json").stdout)
    assert [(a["number"], a["status"]) for a in actions] == [(1, "open"), (2, "open"), (3, "done")]


def test_a_prep_is_deleted_with_kind_prep_and_the_talk_of_that_day_stays(aspire, alice):
    result = aspire("delete", "alice", "--date", SECOND, "--kind", "prep", "--yes")
    assert result.exit_code == 0, result.stderr
    assert "Its action numbers" not in result.stdout
    assert (
        result.stdout.splitlines()[-1]
        == f"Bring it back with: aspire restore alice --date {SECOND} --kind prep"
    )
    assert sorted(p.name for p in alice.glob(f"{SECOND}-*")) == [f"{SECOND}-talk.md", f"{SECOND}-talk.toml"]
    assert aspire("restore", "alice", "--date", SECOND, "--kind", "prep").exit_code == 0
    assert (alice / f"{SECOND}-prep.toml").exists() and (alice / f"{SECOND}-prep.md").exists()


def test_the_second_record_of_a_day_is_named_by_its_number(aspire, alice):
    hold_talk(aspire, SECOND, ONE, core_strength="Second of the day")
    result = aspire("delete", "alice", "--date", f"{SECOND}-2", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"Bring it back with: aspire restore alice --date {SECOND}-2"
    assert not (alice / f"{SECOND}-talk-2.toml").exists() and (alice / f"{SECOND}-talk.toml").exists()
    assert aspire("restore", "alice", "--date", f"{SECOND}-2").exit_code == 0
    assert "Second of the day" in (alice / f"{SECOND}-talk-2.toml").read_text()


def test_a_record_held_again_since_leaves_the_restored_one_the_next_free_name(aspire, alice):
    assert aspire("delete", "alice", "--date", SECOND, "--yes").exit_code == 0
    hold_talk(aspire, SECOND, ONE, core_strength="Held again")
    result = aspire("restore", "alice", "--date", SECOND)
    assert result.exit_code == 0, result.stderr
    assert f"as {alice}/{SECOND}-talk-2.toml" in result.stdout
    assert "Held again" in (alice / f"{SECOND}-talk.toml").read_text()
    assert "Mistaken" in (alice / f"{SECOND}-talk-2.toml").read_text()
    numbers = json.loads(aspire("actions", "alice", "--all", "--json").stdout)
    assert sorted(a["number"] for a in numbers) == [1, 2, 3, 4]  # the talk held again got 4, never 3


# -- asking first ---------------------------------------------------------------------------------


def delete_in_terminal(home: Path, day: str = SECOND) -> int:
    """`aspire delete alice --date DAY` as the command line hands it over, stdin a terminal (the
    `in_terminal` fixture) and its keys from the `keys` fixture; AspireErrors as the CLI's."""
    from aspire_cli.commands.delete import run_delete
    from aspire_cli.domain.ids import parse_record_day
    from aspire_cli.storage.store import Store

    return run_delete(Store(home), "alice", parse_record_day(day, "--date"), None, False)


def test_yes_in_the_terminal_deletes(alice, keys, in_terminal, capsys):
    keys.send_text("y\r")
    assert delete_in_terminal(alice.parent.parent) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == (
        f"{SECOND}-talk.toml: action 3; 1 follow-up. "
        "A delete keeps it all, and aspire restore brings it back."
    )
    assert said[1].startswith(f"Deleted alice's talk of {SECOND}; kept")
    assert not (alice / f"{SECOND}-talk.toml").exists()


def test_no_in_the_terminal_deletes_nothing(alice, keys, in_terminal, capsys):
    before = files_in(alice)
    keys.send_text("n\r")
    assert delete_in_terminal(alice.parent.parent) == 1
    said = capsys.readouterr().out.splitlines()
    assert said[1:] == [f"Nothing deleted: {alice}/{SECOND}-talk.toml is as it was."]
    assert files_in(alice) == before


def test_ctrl_c_at_the_question_deletes_nothing(alice, keys, in_terminal):
    from aspire_cli.errors import Aborted

    before = files_in(alice)
    keys.send_text("\x03")
    with pytest.raises(Aborted) as stopped:
        delete_in_terminal(alice.parent.parent)
    assert (stopped.value.exit_code, stopped.value.message) == (130, "interrupted; nothing deleted")
    assert files_in(alice) == before


def test_a_record_changed_while_asking_is_not_deleted(alice, in_terminal, monkeypatch):
    from aspire_cli.errors import BadFile
    from aspire_cli.interview import prompts

    talk = alice / f"{SECOND}-talk.toml"

    def confirm_while_someone_edits(question: str, default: bool = True) -> bool:
        assert question == f"Delete alice's talk of {SECOND}?"
        talk.write_text(talk.read_text().replace("Mistaken", "Changed meanwhile"))
        return True

    monkeypatch.setattr(prompts, "confirm", confirm_while_someone_edits)
    with pytest.raises(BadFile) as refused:
        delete_in_terminal(alice.parent.parent)
    assert refused.value.message == f"{talk}: changed since you were asked; nothing deleted."
    assert "Changed meanwhile" in talk.read_text() and not (alice / ".versions").exists()


def test_without_a_terminal_it_asks_for_yes_and_deletes_nothing(aspire, alice):
    before = files_in(alice)
    result = aspire("delete", "alice", "--date", SECOND)
    assert result.exit_code == 2
    assert one_line_error(result) == (
        "error: aspire delete asks before it deletes, and stdin is not a terminal: to delete alice's "
        f"talk of {SECOND} without asking, add --yes"
    )
    assert files_in(alice) == before


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            (),
            "error: say which record: --date YYYY-MM-DD[-N]; alice's records: "
            f"{FIRST} (talk), {SECOND} (prep), {SECOND} (talk); see: aspire delete --help",
        ),
        (("--date", "2026-06-11"), f"error: alice has no record on 2026-06-11; there are: {FIRST} (talk), "),
        (("--date", "2026-02-30"), "error: --date '2026-02-30'"),
        (("--date", SECOND, "--kind", "notes"), "error: --kind 'notes': must be prep or talk"),
    ],
)
def test_a_wrong_line_is_one_line_and_deletes_nothing(aspire, alice, args, said):
    before = files_in(alice)
    result = aspire("delete", "alice", *args, "--yes")
    assert result.exit_code == 2
    assert one_line_error(result).startswith(said)
    assert files_in(alice) == before


def test_someone_with_no_records_is_told_so(aspire, alice):
    assert aspire("team", "add", "bob").exit_code == 0
    result = aspire("delete", "bob", "--date", FIRST, "--yes")
    assert one_line_error(result) == "error: no records with bob yet; prepare with: aspire prep bob"


def test_restore_says_what_there_is_to_restore(aspire, alice):
    nothing = aspire("restore", "alice", "--date", SECOND)
    assert (
        one_line_error(nothing)
        == f"error: alice has no deleted record of {SECOND}; nothing of alice's was deleted"
    )
    assert aspire("delete", "alice", "--date", SECOND, "--yes").exit_code == 0
    wrong = aspire("restore", "alice", "--date", FIRST)
    assert (
        one_line_error(wrong)
        == f"error: alice has no deleted record of {FIRST}; deleted and kept: {SECOND} (talk)"
    )
    bare = aspire("restore", "alice")
    assert one_line_error(bare) == (
        f"error: say which record: --date YYYY-MM-DD[-N]; deleted and kept: {SECOND} (talk); "
        "see: aspire restore --help"
    )


def refused_for_numbers(result, numbers: str, done: str) -> None:
    """Refused in one line, exit 1, because `numbers` ("s 1, 2" or " 3") would change meaning."""
    assert result.exit_code == 1
    assert one_line_error(result) == (
        f"error: that would make action number{numbers} name another action, or two, and follow-ups "
        "name actions by number (talks written before actions were numbered count theirs by their "
        f"order); nothing {done}"
    )


def test_a_talk_numbered_by_its_order_is_not_deleted_when_later_ones_would_be_renumbered(aspire, home):
    """Talks written before actions were numbered: theirs are numbered 1, 2, 3... in the order agreed,
    so taking an early one away would give the later ones other numbers."""
    from support.talks import GOOD_TALK

    assert aspire("team", "add", "alice").exit_code == 0
    folder = home / "records/alice"
    folder.mkdir(parents=True)
    for day in ("2026-01-10", "2026-02-10"):
        (folder / f"{day}-talk.toml").write_text(GOOD_TALK.replace("2026-01-10", day))
    before = files_in(folder)
    refused_for_numbers(aspire("delete", "alice", "--date", "2026-01-10", "--yes"), "s 1, 2", "deleted")
    assert files_in(folder) == before
    last = aspire("delete", "alice", "--date", "2026-02-10", "--yes")
    assert last.exit_code == 0, last.stderr
    assert "Its action numbers (2) are never given again." in last.stdout


def test_a_delete_in_a_synced_home_is_one_commit_and_so_is_a_restore(a):
    a("team", "add", "alice")
    a("sync", "init")
    a.talk("alice", FIRST)
    before = len(a.log())
    a("delete", "alice", "--date", FIRST, "--yes")
    assert a.log()[: len(a.log()) - before] == [f"delete: alice {FIRST}-talk"]
    assert a.git("status", "--porcelain") == ""
    moved = a.git("show", "--name-status", "--no-renames", "--format=", "HEAD").splitlines()
    kept = sorted(p.name for p in (a.home / "records/alice/.versions").iterdir())
    assert len(kept) == 2
    assert sorted(moved) == sorted(
        [f"D\trecords/alice/{FIRST}-talk.md", f"D\trecords/alice/{FIRST}-talk.toml"]
        + [f"A\trecords/alice/.versions/{name}" for name in kept]
    )
    a("restore", "alice", "--date", FIRST)
    assert a.log()[0] == f"restore: alice {FIRST}-talk"
    assert a.git("status", "--porcelain") == ""
    assert (a.home / f"records/alice/{FIRST}-talk.toml").exists()
    assert not list((a.home / "records/alice/.versions").glob("*"))


def test_a_record_that_does_not_read_can_still_be_deleted(aspire, alice):
    """A file broken by hand or by a bad copy may be the very mistake to take away."""
    broken = alice / f"{SECOND}-talk.toml"
    broken.write_text("this is [ not toml\n")
    result = aspire("delete", "alice", "--date", SECOND, "--yes")
    assert result.exit_code == 0, result.stderr
    assert not broken.exists()
    listed = aspire("actions", "alice", "--all")  # which of its actions #3's follow-up was, no one
    assert listed.exit_code == 2  # could read: it stays, named, to be deleted by hand if it was one
    assert "follows up action 3, which no talk with alice has" in one_line_of(listed.stderr)
    hold_talk(aspire, "2026-07-01", ONE)
    numbers = json.loads(aspire("actions", "alice", "--all", "--json").stdout)
    assert sorted(a["number"] for a in numbers) == [1, 2, 4]  # 3 was given before it broke


def test_a_restore_that_would_give_one_number_to_two_actions_is_refused(aspire, alice):
    assert aspire("delete", "alice", "--date", SECOND, "--yes").exit_code == 0
    kept = next((alice / ".versions").glob(f"{SECOND}-talk.*.toml"))
    copied = alice / "2026-07-01-talk.toml"  # a copy made by hand: action 3 again, on another day
    copied.write_text(kept.read_text().replace(SECOND, "2026-07-01"))
    before = files_in(alice)
    refused_for_numbers(aspire("restore", "alice", "--date", SECOND), " 3", "restored")
    assert files_in(alice) == before
