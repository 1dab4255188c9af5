"""Writes that fail at any step leave the old file whole and no temporary file behind; a writer
killed mid-write leaves the old file whole too, and its leftover is swept later."""

import errno
import io
import os
import signal
import subprocess
import sys
import time
import tomllib
from datetime import date

import pytest
from rich.console import Console

from aspire_cli.errors import WriteFailed
from aspire_cli.interview import session as discussion
from aspire_cli.storage.files import atomic_write
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store

STEPS = ["create", "write", "fsync", "replace"]


def fail_at(monkeypatch, step, error=errno.EIO):
    def boom(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    target = {
        "create": ("aspire_cli.storage.files._new_temp_file", boom),  # the temporary file, made
        "write": ("os.write", boom),
        "fsync": ("os.fsync", boom),
        "replace": ("os.replace", boom),
    }[step]
    monkeypatch.setattr(*target)


@pytest.mark.parametrize("step", STEPS)
def test_a_write_failing_at_any_step_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path, monkeypatch, step
):
    path = tmp_path / "team.toml"
    atomic_write(path, "old = 1\n")
    fail_at(monkeypatch, step)
    with pytest.raises(WriteFailed, match=r"could not write .*team\.toml"):
        atomic_write(path, "new = 2\n")
    monkeypatch.undo()
    assert path.read_text() == "old = 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.toml"]


def test_a_full_disk_is_named_as_such(tmp_path, monkeypatch):
    fail_at(monkeypatch, "write", errno.ENOSPC)
    with pytest.raises(WriteFailed, match="the disk is full"):
        atomic_write(tmp_path / "x.toml", "x")


def test_a_roster_update_failing_at_replace_keeps_the_team(aspire, home, monkeypatch):
    aspire("team", "add", "alice")
    before = (home / "team.toml").read_text()
    fail_at(monkeypatch, "replace", errno.ENOSPC)
    result = aspire("team", "add", "bob")
    monkeypatch.undo()
    assert result.exit_code == 74
    assert "disk is full" in result.stderr and "Traceback" not in result.stderr
    assert (home / "team.toml").read_text() == before
    assert not list(home.rglob("*.tmp"))


def test_a_file_where_the_records_folder_should_be_gets_a_clear_message(aspire, home):
    from support.answers import TALK_ANSWERS

    aspire("team", "add", "alice")
    (home / "records").write_text("oops")
    result = aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 74
    assert "is a file, not a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def disk_full(*args, **kwargs):
    raise WriteFailed("could not write x: the disk is full.")


def talk(store):
    d = discussion.Discussion(store, Console(file=io.StringIO()), "talk", None, date(2026, 11, 26))
    return discussion.interactive(d, "alice", False)


def test_a_full_disk_at_the_end_of_a_talk_keeps_the_answers_in_the_draft(aspire, home, keys, monkeypatch):
    from support.keys import TALK_KEYS

    aspire("team", "add", "alice")
    monkeypatch.setattr(sys, "stdin", _Terminal())
    store = Store(home)
    monkeypatch.setattr(store.records, "write", disk_full)
    keys.send_text("".join(TALK_KEYS))
    with pytest.raises(
        WriteFailed, match=r"Nothing is lost: your answers so far are kept in .*alice\.talk\.toml"
    ):
        talk(store)
    assert len(tomllib.loads((home / "drafts/alice.talk.toml").read_text())["answers"]) == 9


def test_when_neither_draft_nor_record_can_be_written_the_answers_are_printed(
    aspire, home, keys, monkeypatch, capsys
):
    from support.keys import TALK_KEYS

    aspire("team", "add", "alice")
    monkeypatch.setattr(sys, "stdin", _Terminal())
    store = Store(home)
    monkeypatch.setattr(store.records, "write", disk_full)
    monkeypatch.setattr(store.drafts, "save", disk_full)
    keys.send_text("".join(TALK_KEYS))
    with pytest.raises(WriteFailed, match="printed above as an answers file"):
        talk(store)
    printed = capsys.readouterr()
    assert printed.err.count("Carrying on") == 1  # said once, not after every answer
    answers = load_question_set("talk").validate_answers(tomllib.loads(printed.out))
    assert answers["core_strength"] == "Architecture" and len(answers["actions"]) == 2


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from aspire_cli.storage import files

step = sys.argv[2]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # the process dies here, in the middle of the write

setattr(os, step, die)
files.atomic_write(Path(sys.argv[1]), "new = 2\\n")
"""


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_a_writer_killed_mid_write_leaves_the_old_file_whole_and_its_leftover_is_swept(tmp_path, step):
    path = tmp_path / "team.toml"
    atomic_write(path, "old = 1\n")
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), step], capture_output=True)
    assert done.returncode == -signal.SIGKILL
    assert path.read_text() == "old = 1\n"
    leftovers = [p for p in tmp_path.iterdir() if p.name != "team.toml"]
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".team.toml.")  # only kill -9 can leave one
    an_hour_ago = time.time() - 3700
    os.utime(leftovers[0], (an_hour_ago, an_hour_ago))
    Store(tmp_path).sweep_temp_files()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.toml"]


def test_a_record_whose_markdown_copy_cannot_be_written_is_not_half_written(aspire, home, monkeypatch):
    from support.answers import TALK_ANSWERS

    from aspire_cli.storage import records as records_module

    aspire("team", "add", "alice")
    real = records_module.atomic_write

    def refuse_markdown(path, text, **kwargs):
        if path.suffix == ".md":
            raise WriteFailed(f"could not write {path}: the disk is full.")
        real(path, text, **kwargs)

    monkeypatch.setattr(records_module, "atomic_write", refuse_markdown)
    result = aspire("talk", "alice", "--date", "2026-11-26", "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 74 and "disk is full" in result.stderr
    assert list((home / "records/alice").iterdir()) == []
