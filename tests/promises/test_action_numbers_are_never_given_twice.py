"""An action number once given to an employee is never given again, whatever took its talk away:
`aspire delete`, an edit, a file removed by hand, on this machine or on another one that synced. The
folder remembers the highest number given, records/<employee>/.action-numbers-given-<n>."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from support.git_homes import Machine
from support.talks import hold_talk

ONE = [{"action": "Run the guild", "measure": "Two a month"}]
TWO = [*ONE, {"action": "Mentor Bob", "measure": "Monthly"}]


def numbers(aspire, employee: str = "alice") -> list[int]:
    result = aspire("actions", employee, "--all", "--json")
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    return sorted(row["number"] for row in json.loads(result.stdout))


def remembered(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".action-numbers-given-*"))


def alice_with_action_3(aspire, home: Path) -> Path:
    """Alice's talks: 2026-01-10 with actions 1 and 2, 2026-06-10 with action 3."""
    assert aspire("team", "add", "alice").exit_code == 0
    hold_talk(aspire, "2026-01-10", TWO)
    hold_talk(aspire, "2026-06-10", ONE)
    assert numbers(aspire) == [1, 2, 3]
    folder = home / "records/alice"
    assert remembered(folder) == [".action-numbers-given-3"]
    return folder


def test_after_a_delete_the_next_talk_starts_above_the_deleted_action(aspire, home):
    alice_with_action_3(aspire, home)
    assert aspire("delete", "alice", "--date", "2026-06-10", "--yes").exit_code == 0
    assert numbers(aspire) == [1, 2]
    hold_talk(aspire, "2026-07-01", TWO)
    assert numbers(aspire) == [1, 2, 4, 5]


def test_after_a_talk_removed_by_hand_the_next_talk_starts_above_it(aspire, home):
    folder = alice_with_action_3(aspire, home)
    (folder / "2026-06-10-talk.toml").unlink()
    (folder / "2026-06-10-talk.md").unlink()
    hold_talk(aspire, "2026-07-01", ONE)
    assert numbers(aspire) == [1, 2, 4]
    assert remembered(folder) == [".action-numbers-given-4"]  # the lower one gone: one file left


def test_after_an_edit_takes_the_highest_action_out_the_next_talk_starts_above_it(
    aspire, home, tmp_path, monkeypatch
):
    assert aspire("team", "add", "alice").exit_code == 0
    hold_talk(aspire, "2026-01-10", TWO)
    folder = home / "records/alice"
    for name in remembered(folder):  # a home from before: the edit itself must remember
        (folder / name).unlink()
    editor = tmp_path / "editor.py"  # takes the talk's second action out, as a leader would
    editor.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text()\n"
        "path.write_text(text[: text.rindex('[[answers.actions]]')])\n"
    )
    editor.chmod(0o700)
    monkeypatch.setenv("EDITOR", shlex.quote(str(editor)))
    edited = aspire("edit", "alice", "--date", "2026-01-10")
    assert edited.exit_code == 0, edited.stderr
    assert numbers(aspire) == [1]
    assert remembered(folder) == [".action-numbers-given-2"]
    (folder / ".versions").rename(folder.parent / "versions-moved-away")  # not even they remember
    hold_talk(aspire, "2026-07-01", ONE)
    assert numbers(aspire) == [1, 3]


def test_a_home_from_before_remembers_from_the_versions_it_kept(aspire, home):
    folder = alice_with_action_3(aspire, home)
    assert aspire("delete", "alice", "--date", "2026-06-10", "--yes").exit_code == 0
    for name in remembered(folder):  # an older aspire's home: no such file
        (folder / name).unlink()
    (folder / ".versions/2026-02-01-talk.20260201T100000Z.toml").write_text("not [ toml")  # counts nothing
    hold_talk(aspire, "2026-07-01", ONE)
    assert numbers(aspire) == [1, 2, 4]


def test_a_remembered_number_below_the_talks_is_not_trusted(aspire, home):
    folder = alice_with_action_3(aspire, home)
    (folder / ".action-numbers-given-3").rename(folder / ".action-numbers-given-1")
    hold_talk(aspire, "2026-07-01", ONE)
    assert numbers(aspire) == [1, 2, 3, 4]
    assert remembered(folder) == [".action-numbers-given-4"]


def test_names_aspire_would_not_write_are_not_numbers_and_a_higher_one_counts(aspire, home):
    folder = alice_with_action_3(aspire, home)
    for name in ("1234567890", "07", "9.toml", "x"):  # ten digits, a leading zero, more after, none
        (folder / f".action-numbers-given-{name}").write_text("")
    hold_talk(aspire, "2026-07-01", ONE)
    assert numbers(aspire) == [1, 2, 3, 4]
    (folder / ".action-numbers-given-9").write_text("")  # another machine gave up to 9
    hold_talk(aspire, "2026-08-01", ONE)
    assert numbers(aspire) == [1, 2, 3, 4, 10]
    assert ".action-numbers-given-10" in remembered(folder)
    assert ".action-numbers-given-1234567890" in remembered(folder)  # not aspire's: left alone


def test_a_delete_on_one_machine_holds_on_the_other_after_a_sync(both: tuple[Machine, Machine]):
    a, b = both
    for day in ("2026-01-10", "2026-02-10", "2026-03-10"):  # ANSWERS has one action: 1, 2, 3
        a.talk("alice", day)
    a("sync")
    b("sync")
    a("delete", "alice", "--date", "2026-03-10", "--yes")
    a("sync")
    came = b("sync")
    assert "1 deleted record: alice 2026-03-10 talk" in came.stdout
    assert not (b.home / "records/alice/2026-03-10-talk.toml").exists()
    b.talk("alice", "2026-04-10")
    assert numbers(b, "alice") == [1, 2, 4]


def test_two_machines_that_both_raised_it_keep_the_higher_without_a_conflict(both: tuple[Machine, Machine]):
    a, b = both
    a.talk("alice", "2026-01-10")  # action 1
    a("sync")
    b("sync")
    a.talk("alice", "2026-02-10")  # 2
    a.talk("alice", "2026-03-10")  # 3 ...
    a("delete", "alice", "--date", "2026-03-10", "--yes")  # ... taken away: only the file says 3
    b.talk("alice", "2026-02-20")  # b, not synced since, gives 2 too (each machine numbers alone)
    a("sync")
    merged = b("sync")
    assert merged.stderr == ""
    folder = b.home / "records/alice"
    assert remembered(folder) == [".action-numbers-given-2", ".action-numbers-given-3"]
    assert not [p for p in b.home.rglob("*conflict*")]
    b.talk("alice", "2026-04-10")
    assert 4 in numbers(b, "alice") and 3 not in numbers(b, "alice")
    assert remembered(folder) == [".action-numbers-given-4"]
    b("sync")
    a("sync")
    assert remembered(a.home / "records/alice") == [".action-numbers-given-4"]
