"""Inside its home aspire follows no symbolic link it did not make: a link in place of a lock, a
folder, a record slot or a draft is refused in one line and nothing is written; the home itself
may be a link (dotfiles)."""

import stat
from datetime import date

import pytest
from support.answers import TALK_ANSWERS

from aspire_cli.domain.models import Record
from aspire_cli.errors import AspireError
from aspire_cli.storage.store import Store


@pytest.fixture
def elsewhere(tmp_path):
    """A folder outside the home, with a file a link could point at."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "precious").write_text("keep me\n")
    (folder / "precious").chmod(0o644)
    return folder


def snapshot(folder):
    return {
        str(p): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in folder.rglob("*") if p.is_file()
    }


def talk(aspire):
    """A talk on a day whose record slot may be taken (by a link): --again goes on to write it."""
    return aspire("talk", "alice", "--date", "2026-11-26", "--answers", "-", "--again", input=TALK_ANSWERS)


def refused(result, path):
    lines = result.stderr.strip().splitlines()
    assert result.exit_code != 0 and len(lines) == 1, result.stderr
    assert str(path) in lines[0] and "symbolic link" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["records", "records/alice"])
def test_a_linked_records_folder_is_refused_and_nothing_written(aspire, home, elsewhere, where):
    assert aspire("team", "add", "alice").exit_code == 0
    (home / where).parent.mkdir(parents=True, exist_ok=True)
    (home / where).symlink_to(elsewhere)
    before = snapshot(elsewhere)
    refused(talk(aspire), home / where)
    assert snapshot(elsewhere) == before and [p.name for p in elsewhere.iterdir()] == ["precious"]


@pytest.mark.parametrize("suffix", [".toml", ".md"])
def test_a_link_in_a_new_records_slot_is_refused(aspire, home, elsewhere, suffix):
    assert aspire("team", "add", "alice").exit_code == 0
    folder = home / "records/alice"
    folder.mkdir(parents=True)
    slot = folder / f"2026-11-26-talk{suffix}"
    slot.symlink_to(elsewhere / "precious")
    before = snapshot(elsewhere)
    refused(talk(aspire), slot)
    assert snapshot(elsewhere) == before
    assert sorted(p.name for p in folder.iterdir()) == [slot.name]


def test_a_linked_lock_file_is_refused_and_its_target_left_alone(aspire, home, elsewhere):
    assert aspire("team", "add", "alice").exit_code == 0
    (home / ".lock").unlink()
    (home / ".lock").symlink_to(elsewhere / "precious")
    before = snapshot(elsewhere)
    refused(aspire("team", "add", "bob"), home / ".lock")
    assert snapshot(elsewhere) == before  # today: chmodded to 0600
    assert "bob" not in (home / "team.toml").read_text()


@pytest.mark.parametrize("where", [".locks", ".locks/talk-alice.lock"])
def test_a_linked_interview_lock_is_refused(home, elsewhere, where):
    Store(home).ensure_home()
    if where == ".locks":
        (home / where).symlink_to(elsewhere)
    else:
        (home / ".locks").mkdir(mode=0o700)
        (home / where).symlink_to(elsewhere / "precious")
    before = snapshot(elsewhere)
    with (
        pytest.raises(AspireError, match="symbolic link") as caught,
        Store(home).interview_lock("alice", "talk"),
    ):
        pass
    assert str(home / where) in caught.value.message
    assert snapshot(elsewhere) == before


def draft():
    return Record(
        kind="talk", employee="alice", date=date(2026, 11, 26), question_set="talk", question_set_version=1
    )


@pytest.mark.parametrize("where", ["drafts", "drafts/alice.talk.toml"])
def test_a_linked_drafts_folder_or_draft_is_refused(home, elsewhere, where):
    Store(home).ensure_home()
    if where == "drafts":
        (home / where).symlink_to(elsewhere)
    else:
        (home / "drafts").mkdir(mode=0o700)
        (home / where).symlink_to(elsewhere / "precious")
    before = snapshot(elsewhere)
    with pytest.raises(AspireError, match="symbolic link") as caught:
        Store(home).drafts.save(draft())
    assert str(home / where) in caught.value.message
    assert snapshot(elsewhere) == before and [p.name for p in elsewhere.iterdir()] == ["precious"]
    assert (home / where).is_symlink()


def test_a_linked_drafts_folder_is_named_by_drafts(aspire, home, elsewhere):
    Store(home).ensure_home()
    (home / "drafts").symlink_to(elsewhere)
    result = aspire("drafts")
    refused(result, home / "drafts")


def test_a_linked_records_folder_stops_due_with_one_line(aspire, home, elsewhere):
    assert aspire("team", "add", "alice").exit_code == 0
    (home / "records").symlink_to(elsewhere)
    refused(aspire("due"), home / "records")
    brief = aspire("due", "--brief")
    assert brief.exit_code == 0 and "symbolic link" in brief.stderr and brief.stdout == ""


def test_the_home_itself_may_be_a_link(aspire, tmp_path, monkeypatch):
    real = tmp_path / "dotfiles/aspire"
    real.mkdir(parents=True, mode=0o700)
    link = tmp_path / "linked-home"
    link.symlink_to(real)
    monkeypatch.setenv("ASPIRE_HOME", str(link))
    assert aspire("team", "add", "alice").exit_code == 0
    assert talk(aspire).exit_code == 0
    assert (real / "records/alice/2026-11-26-talk.toml").is_file()
    result = aspire("due", "--as-of", "2026-12-01")
    assert result.exit_code == 0 and "alice" in result.stdout
