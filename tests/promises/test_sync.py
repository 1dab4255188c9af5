"""aspire sync: two homes and a bare repository made here, no network; git with no identity of its own."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest
from support.git_homes import ANSWERS, Machine, conflict_on_both, no_markers, one_line

from aspire_cli.storage.merge_driver import conflict_name, merge_team

# -- init and join -------------------------------------------------------------------------------


def test_init_commits_what_is_there_and_sets_the_remote_without_sending(a: Machine, remote: Path):
    a("team", "add", "alice")
    result = a("sync", "init", str(remote))
    assert f"{a.home} is now a git repository" in result.stdout
    assert f"Remote: origin = {remote}. Nothing is sent until: aspire sync" in result.stdout
    assert "aspire <aspire@localhost>" in result.stdout  # git had no identity: said, and for this home only
    assert a.log() == ["aspire sync init: this home kept in git"]
    assert sorted(a.tracked()) == ["team.toml"]
    assert a.git("status", "--porcelain") == ""
    assert subprocess.run(["git", "-C", str(remote), "rev-parse", "--verify", "-q", "HEAD"]).returncode != 0


def test_a_second_machine_joins_on_an_empty_home_and_its_first_sync_brings_everything_in(
    a: Machine, b: Machine, remote: Path
):
    a("team", "add", "alice")
    a.talk("alice", "2026-11-20")
    a("sync", "init", str(remote))
    assert a("sync").stdout == f"Sent 1 commit to {remote}.\n"
    b("sync", "init", str(remote))
    result = b("sync")
    assert result.stdout.splitlines()[0] == (
        f"From {remote}: 1 new record: alice 2026-11-20 talk; the team: alice added."
    )
    assert (b.home / "records/alice/2026-11-20-talk.toml").read_bytes() == (
        a.home / "records/alice/2026-11-20-talk.toml"
    ).read_bytes()
    assert "alice" in b("due").stdout


def test_init_adopts_a_repository_and_stops_tracking_drafts_and_the_index(a: Machine):
    a("team", "add", "alice")
    (a.home / "drafts").mkdir()
    (a.home / "drafts/alice.talk.toml").write_text("kind = 'talk'\n")
    a("due")  # the index
    subprocess.run(["git", "init", "-q", str(a.home)], check=True)
    a.git("add", "--all")
    a.git("-c", "user.name=me", "-c", "user.email=me@example.com", "commit", "-qm", "by hand")
    assert "drafts/alice.talk.toml" in a.tracked()
    assert "was a git repository" in a("sync", "init").stdout
    assert not [name for name in a.tracked() if name.startswith(("drafts/", ".index", ".lock"))]
    assert (a.home / "drafts/alice.talk.toml").exists()  # untracked, not deleted


# -- every write is a commit ---------------------------------------------------------------------


def test_every_write_is_one_commit_with_a_message_that_says_what_happened(a: Machine, tmp_path: Path):
    a("sync", "init")
    steps = [
        (("team", "add", "alice"), "team: add alice"),
        (("talk", "alice", "--date", "2026-11-20", "--answers", "-"), "talk: alice 2026-11-20"),
        (("talk", "alice", "--date", "2026-11-20", "--answers", "-", "--again"), "talk: alice 2026-11-20-2"),
        (("actions", "done", "alice", "1"), "follow-up: alice #1 done"),
        (("team", "edit", "alice", "--cadence", "6"), "team: edit alice"),
        (("edit", "alice", "--date", "2026-11-20"), "edit: alice 2026-11-20-talk"),
        (("team", "remove", "alice"), "team: remove alice"),
    ]
    os.environ["EDITOR"] = "sed -i s/Delegation/Feedback/"
    try:
        for args, message in steps:
            before = len(a.log())
            result = a(*args, input=ANSWERS if "--answers" in args else None)
            assert result.stderr == "", result.stderr
            assert a.log()[: len(a.log()) - before] == [message]
            assert a.git("status", "--porcelain") == ""  # the write, all of it, and nothing else
    finally:
        del os.environ["EDITOR"]
    edited = a.git("show", "--name-only", "--format=", "HEAD~1").split()
    assert edited[0].startswith("records/alice/.versions/2026-11-20-talk.")  # the version before
    assert edited[1:] == ["records/alice/2026-11-20-talk.md", "records/alice/2026-11-20-talk.toml"]


def test_drafts_and_the_index_are_never_committed(a: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    (a.home / "drafts").mkdir()
    (a.home / "drafts/alice.talk.toml").write_text("kind = 'talk'\n")
    (a.home / ".team.toml.abc.tmp").write_text("left by a killed write")
    for scratch in (".editing/alice", ".importing-x1y2/records/bob", ".locks"):
        (a.home / scratch).mkdir(parents=True)
        (a.home / scratch / "x.toml").write_text("in progress")
    a("due")
    a("sync")
    assert (a.home / ".index.sqlite3").exists()
    assert sorted(a.tracked()) == ["team.toml"]
    assert (
        "drafts"
        not in subprocess.run(
            ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "main"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def test_a_plain_home_stays_plain(a: Machine):
    a("team", "add", "alice")
    a.talk("alice", "2026-11-20")
    assert not (a.home / ".git").exists()
    assert not (a.home / ".gitignore").exists()


def test_a_commit_that_fails_keeps_the_write_and_the_next_sync_commits_it(a: Machine, remote: Path):
    a("sync", "init", str(remote))
    lock = a.home / ".git/index.lock"
    lock.write_text("")  # another git is busy in this home
    result = a("team", "add", "alice")
    one_line(result.stderr, "warning: saved, but not committed to git", "the next `aspire sync` commits it")
    assert "alice" in (a.home / "team.toml").read_text()
    lock.unlink()
    a("sync")
    assert a.log()[0] == "sync: team.toml"
    assert a.git("status", "--porcelain") == ""


# -- sync: what comes in, what goes out ----------------------------------------------------------


def test_records_written_on_each_side_appear_on_both(both: tuple[Machine, Machine], remote: Path):
    a, b = both
    b("team", "add", "bob")
    a.talk("alice", "2026-11-20")
    b.talk("bob", "2026-11-21")
    b("actions", "done", "bob", "1")
    assert a("sync").stdout == f"Sent 1 commit to {remote}.\n"
    came = b("sync").stdout.splitlines()
    assert came == [f"From {remote}: 1 new record: alice 2026-11-20 talk.", f"Sent 4 commits to {remote}."]
    came = a("sync").stdout.splitlines()
    assert came == [
        f"From {remote}: 1 new record: bob 2026-11-21 talk; 1 follow-up: bob #1; the team: bob added."
    ]
    for name in ("records/alice/2026-11-20-talk.toml", "records/bob/2026-11-21-talk.md"):
        assert (a.home / name).read_bytes() == (b.home / name).read_bytes()
    assert a("sync").stdout == f"Up to date with {remote}: nothing came in, nothing to send.\n"
    assert (
        "bob #1 done" in a("actions", "bob", "--all").stdout or "done" in a("actions", "bob", "--all").stdout
    )


def test_both_sides_add_a_member_and_both_rosters_have_both(both: tuple[Machine, Machine]):
    a, b = both
    a("team", "add", "carol", "--name", "Carol King")
    b("team", "add", "dave", "--name", "Dave Oak")
    a("sync")
    assert b("sync").stderr == ""
    a("sync")
    for machine in (a, b):
        members = tomllib.loads((machine.home / "team.toml").read_text())["members"]
        assert sorted(members) == ["alice", "carol", "dave"]
        assert members["carol"]["name"] == "Carol King" and members["dave"]["name"] == "Dave Oak"
        no_markers(machine)
        assert machine.git("status", "--porcelain") == ""
    assert (a.home / "team.toml").read_bytes() == (b.home / "team.toml").read_bytes()


def test_the_users_own_merge_settings_do_not_change_how_aspire_merges(
    both: tuple[Machine, Machine], tmp_path: Path
):
    (tmp_path / "gitconfig").write_text("[merge]\n\tff = only\n[pull]\n\trebase = true\n")
    a, b = both
    a("team", "add", "carol")
    b("team", "add", "dave")
    a("sync")
    assert b("sync").stdout.startswith("From ")
    assert sorted(tomllib.loads((b.home / "team.toml").read_text())["members"]) == ["alice", "carol", "dave"]


def test_a_member_changed_on_both_sides_is_merged_field_by_field_and_a_clash_is_named(
    both: tuple[Machine, Machine],
):
    a, b = both
    a("team", "edit", "alice", "--cadence", "6")
    b("team", "edit", "alice", "--name", "Alice B. Smith")
    a("team", "add", "carol", "--cadence", "9")
    b("team", "add", "carol", "--cadence", "3")
    a("sync")
    one_line(
        b("sync").stderr, "warning: team.toml: carol's cadence_months was changed on both machines: kept 3"
    )
    a("sync")
    for machine in (a, b):
        members = tomllib.loads((machine.home / "team.toml").read_text())["members"]
        assert members["alice"]["name"] == "Alice B. Smith" and members["alice"]["cadence_months"] == 6
        assert members["carol"]["cadence_months"] == 3


def test_a_record_edited_on_both_sides_keeps_both_names_them_in_one_line_and_every_command_reads_on(
    both: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
):
    a, b = both
    result = conflict_on_both(a, b, monkeypatch)
    assert result.stdout == f"Sent 2 commits to {b.home.parent / 'remote.git'}.\n"  # its edit, the merge
    line = one_line(
        result.stderr, "changed on both machines, both versions kept", "records/alice/2026-11-20-talk.toml"
    )
    copy = line.split("beside it, ")[1].split(";")[0]
    assert copy.startswith("2026-11-20-talk.conflict-") and copy.endswith(".toml")
    folder = b.home / "records/alice"
    assert 'development_area = "Listening"' in (folder / "2026-11-20-talk.toml").read_text()  # b's own
    assert 'development_area = "Feedback"' in (folder / copy).read_text()  # a's, beside it
    result = a("sync")  # a learns of it too, and takes b's version
    assert result.stdout.startswith(
        f"From {a.home.parent / 'remote.git'}: 1 edited record: alice 2026-11-20 talk"
    )
    one_line(result.stderr, "changed on both machines, both versions kept", copy)
    for machine in (a, b):
        no_markers(machine)
        one_line(machine("due").stderr, f"1 sync conflict to resolve (records/alice/{copy})")  # said, read on
        assert "2026-11-20  talk" in machine("history", "alice").stdout
        assert (machine.home / "records/alice" / copy).exists()
    assert (a.home / "records/alice/2026-11-20-talk.toml").read_bytes() == (
        folder / "2026-11-20-talk.toml"
    ).read_bytes()


def test_a_record_deleted_on_one_side_and_edited_on_the_other_comes_back_edited(
    both: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
):
    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    record = "records/alice/2026-11-20-talk.toml"
    (b.home / record).unlink()  # by hand
    monkeypatch.setenv("EDITOR", "sed -i s/Delegation/Feedback/")
    a("edit", "alice", "--date", "2026-11-20")
    a("sync")
    b("sync")  # git leaves this one unmerged (no driver runs on a deletion): aspire settles it
    a("sync")
    for machine in (a, b):
        assert 'development_area = "Feedback"' in (machine.home / record).read_text()
        no_markers(machine)
        assert machine.git("status", "--porcelain") == ""


def test_a_merge_by_hand_leaves_no_marker_either(both: tuple[Machine, Machine]):
    a, b = both
    a("team", "add", "carol")
    b("team", "add", "dave")
    a("sync")
    b.git("fetch", "--quiet", "origin")
    b.git("merge", "--quiet", "--no-edit", "origin/main")  # the user's own git, aspire's drivers
    assert sorted(tomllib.loads((b.home / "team.toml").read_text())["members"]) == ["alice", "carol", "dave"]
    no_markers(b)


def test_a_second_machine_with_a_team_of_its_own_joins_and_keeps_it(a: Machine, b: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    a("sync")
    b("team", "add", "bob")
    b("sync", "init", str(remote))
    assert b("sync").stdout.startswith(f"From {remote}: the team: alice added.")
    a("sync")
    for machine in (a, b):
        assert "alice" in machine("team", "list").stdout and "bob" in machine("team", "list").stdout
        no_markers(machine)


def test_a_sync_stopped_in_the_middle_of_a_merge_is_finished_by_the_next(both: tuple[Machine, Machine]):
    a, b = both
    a("team", "add", "carol")
    a("sync")
    b("team", "add", "dave")
    b.git("fetch", "--quiet", "origin")
    b.git("merge", "--quiet", "--no-commit", "--no-ff", "origin/main")  # and then the sync was killed
    b("sync")
    assert b.git("status", "--porcelain") == ""
    assert not (b.home / ".git/MERGE_HEAD").exists()
    assert sorted(tomllib.loads((b.home / "team.toml").read_text())["members"]) == ["alice", "carol", "dave"]


def test_an_unreachable_remote_is_one_line_and_local_work_stays_committed(a: Machine, tmp_path: Path):
    a("sync", "init", str(tmp_path / "no-such-remote.git"))
    a("team", "add", "alice")
    result = a("sync", code=1)
    one_line(result.stderr, "error: cannot reach", "no-such-remote.git", "your work is committed here")
    assert a.log()[0] == "team: add alice"
    assert a.git("status", "--porcelain") == ""
    assert "alice" in a("team", "list").stdout


def test_a_remote_that_wants_a_password_fails_at_once_and_shows_no_password(a: Machine):
    a("sync", "init", "https://me:secret@127.0.0.1:9/aspire.git")
    result = a("sync", code=1)
    line = one_line(result.stderr, "error: cannot reach https://me:***@127.0.0.1:9/aspire.git")
    assert "secret" not in line


def test_no_remote_commits_and_says_how_to_add_one(a: Machine):
    a("sync", "init")
    (a.home / "config.toml").write_text("cadence_months = 6\n")  # by hand
    one_line(a("sync", code=1).stderr, "no remote", "aspire sync init REMOTE")
    assert a.log()[0] == "sync: config.toml"


def test_sync_in_a_plain_home_says_how_to_start(a: Machine):
    a("team", "add", "alice")
    one_line(a("sync", code=1).stderr, "not a git repository yet", "aspire sync init")


def test_without_git_on_the_path_sync_says_so_in_one_line(
    a: Machine, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    a("sync", "init", str(remote))
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    for args in (("sync",), ("sync", "init"), ("sync", "status")):
        one_line(a(*args, code=1).stderr, "error: git is not on your PATH")
    result = a("team", "add", "alice")  # the write stands; the commit waits for git
    one_line(result.stderr, "warning: saved, but not committed: git is not on your PATH")
    assert "alice" in (a.home / "team.toml").read_text()


def test_init_refuses_what_is_not_a_remote(a: Machine):
    one_line(a("sync", "init", "--", "--upload-pack=touch x", code=2).stderr, "is not a git remote")
    assert not (a.home / ".git").exists()


# -- status --------------------------------------------------------------------------------------


def test_status_says_repository_remote_ahead_behind_and_uncommitted(a: Machine, remote: Path):
    assert a("sync", "status").stdout.startswith("Not a repository:")
    a("sync", "init")
    assert "Remote: none" in a("sync", "status").stdout
    a("sync", "init", str(remote))
    assert "Ahead and behind: not known before the first aspire sync" in a("sync", "status").stdout
    a("sync")
    a("team", "add", "alice")
    (a.home / "config.toml").write_text("cadence_months = 6\n")
    (a.home / "notes.txt").write_text("by hand")
    assert a("sync", "status").stdout.splitlines() == [
        f"Repository: {a.home} (branch main)",
        f"Remote: origin = {remote}",
        "Ahead 1, behind 0 (as of the last sync; aspire sync brings both up to date)",
        "Uncommitted: 1 file (config.toml); aspire sync commits them",
        "Not synced: 1 file (notes.txt); aspire syncs only the team, records, question sets and settings",
    ]


# -- the roster merge, alone ---------------------------------------------------------------------

BASE = b'schema = 1\n\n[members.alice]\nname = "Alice"\ncadence_months = 12\n'


def test_the_roster_merge_is_the_same_whichever_machine_merges():
    ours = BASE + b'\n[members.carol]\nname = "C"\ncadence_months = 6\n'
    theirs = (
        BASE.replace(b'"Alice"', b'"Alice Smith"')
        + b'\n[members.carol]\nname = "Carol"\ncadence_months = 9\n'
    )
    one, notes = merge_team(BASE, ours, theirs) or ("", [])
    other, _ = merge_team(BASE, theirs, ours) or ("", [])
    assert one == other
    members = tomllib.loads(one)["members"]
    assert members == {
        "alice": {"name": "Alice Smith", "cadence_months": 12},
        "carol": {"name": "Carol", "cadence_months": 6},
    }
    assert len(notes) == 2 and all("carol" in note for note in notes)


def test_a_change_wins_over_a_removal_and_a_removal_on_one_side_stands():
    removed = b"schema = 1\n"
    changed = BASE.replace(b"12", b"6")
    merged, notes = merge_team(BASE, removed, changed) or ("", [])
    assert tomllib.loads(merged)["members"]["alice"]["cadence_months"] == 6
    assert notes == ["team.toml: alice was removed on one machine and changed on the other: kept"]
    merged, notes = merge_team(BASE, removed, BASE) or ("", [])
    assert tomllib.loads(merged)["members"] == {} and notes == []


def test_a_side_that_is_not_a_roster_is_not_merged():
    assert merge_team(BASE, b"[members\n", BASE) is None
    assert merge_team(BASE, BASE, b"members = 3\n") is None


def test_the_other_version_is_named_so_that_no_listing_reads_it():
    from aspire_cli.storage.layout import parse_follow_up_name, split_record_name

    copy = conflict_name(Path("records/alice/2026-11-20-talk-2.toml"), "1a2b3c4")
    assert copy.name == "2026-11-20-talk-2.conflict-1a2b3c4.toml"
    assert not split_record_name(copy.name) and not parse_follow_up_name(copy.name)
    assert conflict_name(Path(".gitignore"), "1a2b3c4").name == ".gitignore.conflict-1a2b3c4"
