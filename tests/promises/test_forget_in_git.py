"""`aspire forget` in a synced home: no object of the home holds the forgotten text afterwards (every
object scanned), the remote's history is replaced, and a machine that still holds the old history
is refused by sync, in one line, rather than bringing the records back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.error_lines import script
from support.git_homes import ANSWERS, Machine, one_line

SECRET = "Wants to leave for a rival"  # alice's words: in no object once she is forgotten
OLD, NEW = "2015-03-01", "2026-01-10"


def objects(repository: Path) -> bytes:
    """Every object the repository holds, reachable or not, as `git cat-file` prints them."""
    return subprocess.run(
        ["git", "-C", str(repository), "cat-file", "--batch-all-objects", "--batch"],
        check=True,
        capture_output=True,
    ).stdout


def remote_objects(remote: Path, tmp_path: Path) -> bytes:
    """What a new clone of the remote receives: every object its refs reach."""
    clone = tmp_path / "fresh.git"
    subprocess.run(["git", "clone", "--quiet", "--bare", "--no-local", str(remote), str(clone)], check=True)
    return objects(clone)


def talk(machine: Machine, employee: str, day: str, words: str) -> None:
    machine("talk", employee, "--date", day, "--answers", "-", input=ANSWERS.replace("Partly", words))


@pytest.fixture
def synced(both: tuple[Machine, Machine]) -> tuple[Machine, Machine]:
    """a and b in step: alice (Alice Smith) with an old and a new talk, the new one edited on b, a
    follow-up; bob with a talk."""
    a, b = both
    a("team", "add", "bob")
    talk(a, "alice", OLD, f"{SECRET} (old)")
    talk(a, "alice", NEW, SECRET)
    talk(a, "bob", NEW, "Bob's own words")
    a("actions", "done", "alice", "1", "--date", "2016-01-01")
    a("sync")
    b("sync")
    a("sync")
    assert SECRET.encode() in objects(a.home) and SECRET.encode() in objects(b.home)
    return a, b


def test_no_object_of_the_home_or_of_the_remote_holds_a_forgotten_word(synced, remote, tmp_path):
    a, _ = synced
    result = a("forget", "alice", "--yes")
    assert result.stdout.splitlines()[:2] == [
        f"Forgot, of alice: 2 records ({OLD} to {NEW}), 1 follow-up, the team entry.",
        result.stdout.splitlines()[1],
    ]
    assert result.stdout.splitlines()[1].startswith("Rewrote this home's git history (")
    assert "Replaced the history on" in result.stdout and "make each clone afresh" in result.stdout
    for held in (objects(a.home), remote_objects(remote, tmp_path)):
        for word in (SECRET, "Alice Smith", "alice"):
            assert word.encode() not in held, word
        assert b"Bob's own words" in held
    assert a.git("for-each-ref", "--format=%(refname)").split() == [
        "refs/heads/main",
        "refs/remotes/origin/main",
    ]
    assert a.git("status", "--porcelain") == ""
    assert "bob" in a.git("show", "HEAD:team.toml") and "alice" not in a.git("show", "HEAD:team.toml")


def test_a_clone_that_still_holds_the_old_history_is_refused_and_nothing_changes(synced, remote):
    a, b = synced
    a("forget", "alice", "--yes")
    sent = a.git("rev-parse", "HEAD").strip()
    before, head = b.files(), b.git("rev-parse", "HEAD")
    refused = script(b.home, "sync")  # as a user runs it, in a process of its own
    assert refused.returncode == 1
    line = one_line(refused.stderr, "was rewritten by aspire forget on another machine", "Nothing changed")
    assert "make a fresh copy (aspire --home NEW sync init" in line
    assert b.files() == before and b.git("rev-parse", "HEAD") == head
    remote_head = subprocess.run(
        ["git", "-C", str(remote), "rev-parse", "main"], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert remote_head == sent  # nothing of the old history went back


def test_a_fresh_copy_made_as_the_line_says_syncs_and_holds_nothing_forgotten(
    synced, aspire, remote, tmp_path
):
    a, _ = synced
    a("forget", "alice", "--yes")
    fresh = Machine(aspire, tmp_path / "fresh")
    fresh("sync", "init", str(remote))
    fresh("sync")
    assert fresh("team", "list", "--json").stdout.count('"bob"') == 1
    assert SECRET.encode() not in objects(fresh.home)
    talk(fresh, "bob", "2026-06-01", "Later words")
    fresh("sync")
    assert "1 new record" in a("sync").stdout


def test_before_a_day_leaves_the_newer_records_and_erases_the_older_from_every_commit(
    synced, remote, tmp_path
):
    a, b = synced
    a("forget", "alice", "--before", "2020-01-01", "--yes")
    for held in (objects(a.home), remote_objects(remote, tmp_path)):
        assert f"{SECRET} (old)".encode() not in held
        assert OLD.encode() not in held  # nor a commit message naming the talk of that day
        assert SECRET.encode() in held and f"alice {NEW}".encode() in held  # the newer talk stays
    assert (a.home / f"records/alice/{NEW}-talk.toml").exists()
    assert not (a.home / f"records/alice/{OLD}-talk.toml").exists()
    one_line(b("sync", code=1).stderr, "was rewritten by aspire forget on another machine")


def test_a_remote_with_news_is_synced_first_and_nothing_is_forgotten_before(synced):
    a, b = synced
    talk(b, "bob", "2026-07-01", "Newer on b")
    b("sync")
    before, head = a.files(), a.git("rev-parse", "HEAD")
    result = a("forget", "alice", "--yes", code=1)
    one_line(result.stderr, "has changes this home has not: run aspire sync first; nothing forgotten")
    assert a.files() == before and a.git("rev-parse", "HEAD") == head


def test_when_the_remote_refuses_the_new_history_a_sync_never_merges_the_old_one_back(synced, remote):
    a, _ = synced
    subprocess.run(["git", "-C", str(remote), "config", "receive.denyNonFastForwards", "true"], check=True)
    result = a("forget", "alice", "--yes", code=1)
    assert "Forgot, of alice" in result.stdout
    one_line(result.stderr, "erased here, but the history on", "push --force-with-lease origin HEAD:main")
    again = a("sync", code=1)
    one_line(again.stderr, "still holds records aspire forget erased here", "nothing changed")
    assert not (a.home / "records/alice").exists()
    subprocess.run(["git", "-C", str(remote), "config", "receive.denyNonFastForwards", "false"], check=True)
    subprocess.run(
        ["git", "-C", str(a.home), "push", "--quiet", "--force-with-lease", "origin", "HEAD:main"], check=True
    )
    assert "Up to date" in a("sync").stdout


def test_a_later_forget_still_names_what_an_earlier_one_rewrote(synced, aspire, remote, tmp_path):
    a, b = synced
    a("forget", "bob", "--yes")
    a("forget", "alice", "--before", "2020-01-01", "--yes")  # the first forget's own commit is dropped
    one_line(b("sync", code=1).stderr, "was rewritten by aspire forget on another machine")


def test_someone_on_the_team_with_no_records_leaves_no_trace_in_any_commit(synced):
    a, _ = synced
    a("team", "add", "carol", "--name", "Carol Jones")
    a("forget", "carol", "--yes")
    held = objects(a.home)
    assert b"carol" not in held and b"Carol Jones" not in held and b"Bob's own words" in held


def test_a_forget_cut_short_before_the_rewrite_is_finished_by_forgetting_again(synced, monkeypatch):
    from aspire_cli.storage import history_rewrite

    a, _ = synced

    def stopped(*args: object) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(history_rewrite, "rewrite_without", stopped)
        a("forget", "alice", "--yes", code=130)
    assert not (a.home / "records/alice").exists() and SECRET.encode() in objects(a.home)
    a("forget", "alice", "--yes")
    held = objects(a.home)
    assert SECRET.encode() not in held and b"Alice Smith" not in held and b"alice" not in held
