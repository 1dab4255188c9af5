"""A TOML file that starts with a byte-order mark is read as if it had none (TOML 1.0 allows one, and
some editors save one): a record, the team, the settings, a question set, an answers file, and the
copy `aspire edit` hands to an editor."""

import json
import shlex
import sys
import tomllib
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS

from aspire_cli.storage.paths import question_set_path

BOM = "\ufeff".encode()  # EF BB BF
DAY = "2026-11-20"


def with_bom(path: Path, change: tuple[str, str] = ("", "")) -> None:
    """The file as an editor that saves a byte-order mark leaves it, with one change made."""
    text = path.read_text(encoding="utf-8").replace(*change, 1)
    path.write_bytes(BOM + text.encode("utf-8"))


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    done = aspire("talk", "alice", "--date", DAY, "--answers", "-", input=TALK_ANSWERS)
    assert done.exit_code == 0, done.stderr
    return home


def test_a_record_saved_with_a_byte_order_mark_is_read_by_every_command(aspire, alice):
    record = alice / f"records/alice/{DAY}-talk.toml"
    with_bom(record, ('willing = "yes"', 'willing = "partly"'))
    assert record.read_bytes().startswith(BOM)
    shown = aspire("show", "alice")
    assert shown.exit_code == 0 and shown.stderr == "", shown.stderr
    assert "Are you willing to perform to reach that position?\n    partly\n" in shown.stdout
    for args in (
        ["due"],
        ["history", "alice", "--json"],
        ["actions", "--json"],
        ["report", "--format", "json"],
    ):
        done = aspire(*args)
        assert done.exit_code == 0 and done.stderr == "", (args, done.stderr)
    assert json.loads(aspire("history", "alice", "--json").stdout)[0]["answers"]["willing"] == "partly"
    assert aspire("actions", "done", "alice", "1").exit_code == 0  # its actions are there to follow up


def test_team_settings_and_an_own_question_set_with_a_byte_order_mark_are_read(aspire, alice, tmp_path):
    with_bom(alice / "team.toml", ('name = "Alice Smith"', 'name = "Alice Smyth"'))
    (alice / "config.toml").write_bytes(BOM + b"due_soon_days = 14\n")
    assert "Alice Smyth" in aspire("team", "list").stdout
    config = json.loads(aspire("config", "--json").stdout)
    assert config["due_soon_days"] == {"value": 14, "source": "file", "origin": str(alice / "config.toml")}
    (alice / "questions").mkdir()
    own = alice / "questions/talk.toml"
    own.write_bytes(question_set_path("talk").read_bytes())
    with_bom(own, ("What is your core development area?", "Which area will you grow?"))
    assert aspire("questions", "validate", str(own)).exit_code == 0
    assert "Which area will you grow?" in aspire("questions", "show", "talk").stdout
    shown = aspire("show", "alice")
    assert shown.exit_code == 0 and "Which area will you grow?\n    Delegation" in shown.stdout


def test_an_answers_file_with_a_byte_order_mark_is_read(aspire, alice, tmp_path):
    answers = tmp_path / "answers.toml"
    answers.write_bytes(BOM + TALK_ANSWERS.encode())
    done = aspire("talk", "alice", "--answers", str(answers))
    assert done.exit_code == 0, done.stderr
    piped = aspire("talk", "alice", "--again", "--answers", "-", input="\ufeff" + TALK_ANSWERS)
    assert piped.exit_code == 0, piped.stderr


def test_aspire_edit_keeps_a_copy_an_editor_saved_with_a_byte_order_mark(
    aspire, alice, monkeypatch, tmp_path
):
    script = tmp_path / "bom_editor.py"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text(encoding='utf-8').replace('willing = \"yes\"', 'willing = \"no\"')\n"
        "path.write_bytes(b'\\xef\\xbb\\xbf' + text.encode('utf-8'))\n"
    )
    script.chmod(0o700)
    monkeypatch.setenv("EDITOR", shlex.quote(str(script)))
    done = aspire("edit", "alice")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("Saved ")
    record = (alice / f"records/alice/{DAY}-talk.toml").read_bytes()
    assert not record.startswith(BOM)  # written again by aspire, as every record is
    assert tomllib.loads(record.decode())["answers"]["willing"] == "no"


def test_two_byte_order_marks_are_one_too_many(aspire, alice):
    record = alice / f"records/alice/{DAY}-talk.toml"
    record.write_bytes(BOM + BOM + record.read_bytes())
    done = aspire("show", "alice")
    assert done.exit_code == 2 and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith(f"error: {record}: not valid TOML")
