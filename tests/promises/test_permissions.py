"""Private by default: whatever the umask, the home is 0700 and every file in it 0600."""

import os
import stat
import subprocess

import pytest
from support.answers import PREP_ANSWERS, TALK_ANSWERS
from support.processes import aspire_script, terminal_env


@pytest.fixture
def open_umask():
    previous = os.umask(0o000)  # the most permissive umask: nothing may depend on it
    yield
    os.umask(previous)


def modes(home):
    return {str(p.relative_to(home)): stat.S_IMODE(p.lstat().st_mode) for p in [home, *home.rglob("*")]}


def test_every_file_and_folder_the_tool_writes_is_private_whatever_the_umask(aspire, home, open_umask):
    assert aspire("team", "add", "alice", "--name", "Alice").exit_code == 0
    assert aspire("prep", "alice", "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    assert (
        aspire("talk", "alice", "--date", "2026-01-02", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    )
    again = ("--answers", "-", "--again")
    assert aspire("talk", "alice", "--date", "2026-01-02", *again, input=TALK_ANSWERS).exit_code == 0
    assert aspire("due").exit_code == 0
    # a draft and an interview lock, through the same store calls an interview makes
    from aspire_cli.domain.models import Record
    from aspire_cli.storage.store import Store

    Store(home).drafts.save(
        Record(kind="talk", employee="alice", date="2026-11-26", question_set="talk", question_set_version=1)
    )
    with Store(home).interview_lock("alice", "talk"):
        pass
    found = modes(home)
    names = set(found)
    assert {"team.toml", "records/alice/2026-01-02-talk-2.md", "drafts/alice.talk.toml", ".lock"} <= names
    assert {".locks/talk-alice.lock"} <= names
    for name, mode in found.items():
        is_dir = (home / name).is_dir() if name != "." else True
        assert mode == (0o700 if is_dir else 0o600), f"{name} is {mode:o}"


def test_an_existing_home_open_to_others_gets_a_warning_that_names_the_fix(aspire, home):
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    result = aspire("team", "list")
    assert result.exit_code == 0
    assert (
        f"warning: {home} can be read by other users (mode 755); fix it with: chmod 700 {home}"
        in result.stderr
    )


def test_the_fast_due_path_warns_too(home):
    home.mkdir(mode=0o750)
    home.chmod(0o750)
    done = subprocess.run(
        [aspire_script(), "due", "--brief"], env=terminal_env(home), capture_output=True, text=True
    )
    assert done.returncode == 0 and "chmod 700" in done.stderr


def test_folders_made_above_the_home_are_private_too(aspire, tmp_path, open_umask):
    home = tmp_path / "made/by/aspire"
    assert aspire("--home", str(home), "team", "add", "alice").exit_code == 0
    for level in (tmp_path / "made", tmp_path / "made/by", home):
        assert stat.S_IMODE(level.stat().st_mode) == 0o700, level


# -- errors from the environment are one line, never a traceback ------------------------------------
def test_a_path_too_long_for_the_system_is_one_line(tmp_path):
    home = tmp_path.joinpath(*["d" * 200] * 25)  # each name fine, the whole path beyond PATH_MAX
    for args, code in ((["team", "list"], 2), (["due", "--brief"], 0), (["team", "add", "alice"], 2)):
        done = subprocess.run(
            [aspire_script(), "--home", str(home), *args],
            env=terminal_env(home),
            capture_output=True,
            text=True,
        )
        lines = done.stderr.strip().splitlines()
        assert done.returncode == code and len(lines) == 1, done.stderr
        assert "name too long" in lines[0].lower() and "Traceback" not in done.stderr


def test_a_members_folder_that_cannot_be_read_is_named_and_everyone_else_listed(aspire, home, monkeypatch):
    import errno

    assert aspire("team", "add", "alice").exit_code == 0
    assert aspire("team", "add", "bob").exit_code == 0
    (home / "records/alice").mkdir(parents=True)
    real_open = os.open

    def refuse_alice(path, *args, **kwargs):  # root reads everything: chmod 000 would not stop it
        if str(path).endswith("records/alice"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_alice)
    result = aspire("due", "--json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "records/alice: cannot be read: Permission denied" in lines[0]
    assert '"bob"' in result.stdout and '"alice"' not in result.stdout
