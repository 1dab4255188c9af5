"""Every file aspire reads can be broken; each break gets exit 2, one line naming the file, and no write.

Roster and records are read by the commands; drafts by a resumed interview; answers files by
--answers; question sets when they load.
"""

import io
import sys
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from support.answers import TALK_ANSWERS
from support.talks import GOOD_TALK

from aspire_cli.errors import AspireError
from aspire_cli.interview import session as discussion
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store

GOOD_TEAM = '[members.alice]\ncadence_months = 12\n\n[members.bob]\nname = "Bob"\n'


def user_files(home: Path) -> dict[str, bytes]:
    """What the user owns on disk (the lock and the due cache are the tool's own)."""
    skip = {".lock", ".index.sqlite3"}
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and p.name not in skip and p.parent.name != ".locks"
    }


def one_clear_line(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


# -- the roster ------------------------------------------------------------------------------
ROSTERS = [
    ("[members\n", "not valid TOML", "line 1"),
    ('[members."../evil"]\ncadence_months = 12\n', 'members."../evil" (the key)', "not a valid employee id"),
    ('[members.alice]\ncadence_months = "twelve"\n', "members.alice.cadence_months", "a whole number"),
    ("[members.alice]\ncadence_months = 0\n", "members.alice.cadence_months", "must be at least 1"),
    ('[members.alice]\ncolour = "red"\n', "members.alice.colour", "not a known field"),
    ("schema = 99\n[members.alice]\n", "newer aspire", "schema 99"),
    (b"[members.alice]\nname = '\xff\xfe'\n", "not UTF-8", ""),
]


@pytest.mark.parametrize(("content", "fragment", "detail"), ROSTERS)
@pytest.mark.parametrize("command", [["due"], ["team", "list"], ["team", "add", "carol"]])
def test_a_broken_roster(aspire, home, content, fragment, detail, command):
    home.mkdir(parents=True, mode=0o700)
    path = home / "team.toml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = user_files(home)
    result = aspire(*command)
    assert result.exit_code == 2
    one_clear_line(result.stderr, "team.toml", fragment, detail)
    assert user_files(home) == before


# -- records, as `aspire due` reads them -----------------------------------------------------------
RECORDS = [
    ("2026-01-10-talk.toml", "[answers\n", "not valid TOML"),
    (
        "2026-01-10-talk.toml",
        GOOD_TALK.replace('willing = "yes"', 'willing = "sometimes"'),
        "willing: must be one of",
    ),
    (
        "2026-01-10-talk.toml",
        GOOD_TALK.split("[[answers.actions]]")[0] + "actions = []\n",
        "needs at least one action",
    ),
    ("2026-01-10-talk.toml", GOOD_TALK.replace("date = 2026-01-10", "date = 2026-02-30"), "not valid TOML"),
    ("2026-01-10-talk.toml", GOOD_TALK.replace("schema = 1", "schema = 3"), "newer aspire"),
    ("2026-01-10-talk.toml", GOOD_TALK.replace("date = 2026-01-10", "date = 2026-01-11"), "is named"),
    ("2026-01-10-talk.toml", GOOD_TALK.replace('employee = "alice"', 'employee = "bob"'), "belongs to 'bob'"),
    (
        "2026-01-10-talk.toml",
        GOOD_TALK.replace("[answers]", '[answers]\nmood = "fine"'),
        "unknown question id 'mood'",
    ),
    (
        "2026-01-10-talk.toml",
        GOOD_TALK.replace('core_strength = "Craft"\n', ""),
        "core_strength: an answer is required",
    ),
    ("2026-01-10-talk.toml", GOOD_TALK.replace('kind = "talk"', 'kind = "chat"'), "kind"),
    (
        "2026-01-10-talk.toml",
        GOOD_TALK.replace('measure = "Two a month"', "measure = 2"),
        "answers.actions[0].measure",
    ),
]


@pytest.mark.parametrize(("name", "content", "fragment"), RECORDS)
def test_a_broken_latest_talk_is_named_while_due_lists_everyone_else(aspire, home, name, content, fragment):
    home.mkdir(parents=True, mode=0o700)
    (home / "team.toml").write_text(GOOD_TEAM)
    folder = home / "records/alice"
    folder.mkdir(parents=True)
    (folder / name).write_text(content)
    before = user_files(home)
    result = aspire("due", "--json")
    assert result.exit_code == 2
    one_clear_line(result.stderr, name, fragment)
    assert '"employee": "bob"' in result.stdout and '"alice"' not in result.stdout
    assert user_files(home) == before


# -- drafts, as a resumed interview reads them ----------------------------------------------------
DRAFTS = [
    ("[answers\n", "not valid TOML"),
    (GOOD_TALK.replace("[answers]", '[answers]\nmood = "fine"'), "unknown question id 'mood'"),
    (GOOD_TALK.replace("schema = 1", "schema = 7"), "newer aspire"),
    (GOOD_TALK.replace('employee = "alice"', 'employee = "zed"'), "draft for 'zed'"),
]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("content", "fragment"), DRAFTS)
def test_a_broken_draft_is_named_with_the_way_out_and_kept(aspire, home, monkeypatch, content, fragment):
    aspire("team", "add", "alice")
    (home / "drafts").mkdir(mode=0o700)
    (home / "drafts/alice.talk.toml").write_text(content)
    before = user_files(home)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    d = discussion.Discussion(Store(home), Console(file=io.StringIO()), "talk", None, date(2026, 11, 26))
    with pytest.raises(AspireError) as caught:
        discussion.interactive(d, "alice", False)
    assert caught.value.exit_code == 2
    one_clear_line(caught.value.message, "alice.talk.toml", fragment, "--fresh")
    assert user_files(home) == before


# -- answers files ---------------------------------------------------------------------------------
ANSWERS = [
    (TALK_ANSWERS.split("[[actions]]")[0] + 'actions = "do things"\n', "actions"),
    (TALK_ANSWERS.replace('measure = "Two sessions a month"\n', ""), "actions: [0].measure: required, but"),
    (TALK_ANSWERS.replace("due = 2027-06-30", "due = 5"), "actions: [0].due"),
    ("", "no answer for short_term_aspiration, long_term_aspiration, aspiration_level, knows_path, willing"),
    (TALK_ANSWERS.replace('willing = "yes"', 'willing = ["yes"]'), "willing"),
    (TALK_ANSWERS.replace('action = "Run the architecture guild"', 'action = "   "'), "must not be empty"),
]


@pytest.mark.parametrize(("content", "fragment"), ANSWERS)
def test_a_broken_answers_file(aspire, home, tmp_path, content, fragment):
    aspire("team", "add", "alice")
    path = tmp_path / "answers.toml"
    path.write_text(content)
    before = user_files(home)
    result = aspire("talk", "alice", "--answers", str(path))
    assert result.exit_code == 2
    one_clear_line(result.stderr, "answers.toml", fragment)
    assert user_files(home) == before


def test_an_answers_file_that_is_not_utf8(aspire, home, tmp_path):
    aspire("team", "add", "alice")
    path = tmp_path / "answers.bin"
    path.write_bytes(b"willing = '\xff'\n")
    result = aspire("talk", "alice", "--answers", str(path))
    assert result.exit_code == 2
    one_clear_line(result.stderr, "answers.bin")


# -- question sets ---------------------------------------------------------------------------------
QUESTION_SETS = [
    (
        'id = "talk"\nversion = 1\n[[questions]]\nid = "a"\ntext = "A?"\nkind = "long_text"\n',
        "title: required, but missing",
    ),
    (
        'id = "talk"\nversion = 0\ntitle = "T"\n[[questions]]\nid = "a"\ntext = "A?"\nkind = "long_text"\n',
        "version",
    ),
    ('id = "talk"\nversion = 1\ntitle = "T"\nquestions = []\n', "questions"),
]


@pytest.mark.parametrize(("content", "fragment"), QUESTION_SETS)
def test_a_broken_question_set(tmp_path, content, fragment):
    (tmp_path / "talk.toml").write_text(content)
    with pytest.raises(AspireError) as caught:
        load_question_set("talk", tmp_path)
    assert caught.value.exit_code == 2
    one_clear_line(caught.value.message, "talk.toml", fragment)
