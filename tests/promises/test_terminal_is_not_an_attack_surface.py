"""Whatever a file or a keyboard holds, printing it cannot drive the leader's terminal: every output
path shows control characters as visible escapes (`\\x1b`), never as the bytes themselves."""

import io
import subprocess
import tomllib
from datetime import date, timedelta

import pexpect
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.processes import aspire_script, terminal_env

from aspire_cli.domain.models import Draft, Record
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.views.record_text import record_markdown

RETITLE = "\x1b]0;PWNED\x07"  # sets the terminal's title
CLEAR = "\x1b[2J\x1b[3J"  # clears the screen and the scrollback
FORGE = "\rok, in 300 days\n- forged line"  # overwrites or adds a line
HOSTILE = f"before{RETITLE}{CLEAR}{FORGE}after"
TODAY = date.today()


def assert_harmless(text: str) -> None:
    for raw in (RETITLE, CLEAR, "\x07", "\r" + "ok, in 300"):
        assert raw not in text, repr(text)
    assert "PWNED" not in text or "\\x1b]0;PWNED\\x07" in text


def run(home, *args):
    result = subprocess.run(
        [aspire_script(), *args], capture_output=True, text=True, env=terminal_env(home), timeout=30
    )
    return result.stdout + result.stderr


@pytest.fixture
def hostile_home(aspire, home):
    """A home whose records, drafts and file names carry escape sequences, written as a hostile
    hand edit or a paste would leave them."""
    assert aspire("team", "add", "alice", "--name", "Alice").exit_code == 0
    assert aspire("team", "add", "bob").exit_code == 0
    store = Store(home)
    talk = load_question_set("talk")
    prep = load_question_set("prep")
    day = TODAY - timedelta(days=400)
    answers = talk.validate_answers(
        {q.id: HOSTILE for q in talk.questions if q.kind.value == "long_text"}
        | {"aspiration_level": "current role", "willing": "yes"}
        | {"actions": [{"action": HOSTILE, "measure": HOSTILE}]}
    )
    record = Record(
        kind="talk", employee="alice", date=day, question_set="talk", question_set_version=talk.version
    )
    store.records.write(
        record.with_answers(answers), record_markdown(record.with_answers(answers), talk, "Alice")
    )
    prep_answers = prep.validate_answers(
        {q.id: q.choices[0] if q.choices else HOSTILE for q in prep.questions}
    )
    prep_record = Record(
        kind="prep", employee="bob", date=day, question_set="prep", question_set_version=prep.version
    )
    store.records.write(prep_record.with_answers(prep_answers), "prep")
    draft = Draft(
        kind="talk", employee="bob", date=TODAY, question_set="talk", question_set_version=talk.version
    )
    store.drafts.save(draft.with_answers({"short_term_aspiration": HOSTILE}))
    (home / "drafts" / f"x{RETITLE}.talk.toml").write_text("not a draft")
    (home / "records/bob" / f"2026-01-01-talk{CLEAR}.toml").write_text("ignored: not a record name")
    bad = (home / f"records/alice/{day.isoformat()}-talk.toml").read_text()
    (home / "records/carol").mkdir()
    (home / f"records/carol/{day.isoformat()}-talk.toml").write_text(bad.replace("alice", f"carol{RETITLE}"))
    return home


@pytest.mark.parametrize(
    "args",
    [["due"], ["due", "--json"], ["due", "--brief"], ["team", "list"], ["drafts"], ["--home", "x", "drafts"]],
)
def test_listings_show_hostile_content_harmlessly(hostile_home, args):
    assert_harmless(run(hostile_home, *args))


def test_the_markdown_copy_carries_no_raw_control_character(hostile_home):
    markdown = next((hostile_home / "records/alice").glob("*.md")).read_text()
    assert_harmless(markdown)
    assert "\\x1b]0;PWNED\\x07" in markdown


def test_prep_notes_and_a_resumed_draft_show_hostile_answers_harmlessly(hostile_home):
    child = pexpect.spawn(
        aspire_script(),
        ["talk", "bob"],
        env=terminal_env(hostile_home),
        encoding="utf-8",
        dimensions=(60, 140),
        timeout=15,
    )
    child.logfile_read = io.StringIO()  # the whole screen, not just what came since the last match
    child.expect("Resume at question 2")
    child.send("\r")
    child.expect("2/9")
    child.expect("Answer:")
    screen = child.logfile_read.getvalue()
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert "Your prep notes for bob" in screen and "1 of 9 already answered" in screen
    assert_harmless(screen)
    assert "\\x1b]0;PWNED\\x07" in screen


def test_an_error_naming_a_hostile_value_stays_one_harmless_line(aspire, home, tmp_path):
    (tmp_path / "answers.toml").write_text(f'"mood{RETITLE}" = "x"\n')
    aspire("team", "add", "alice")
    out = run(home, "talk", "alice", "--answers", str(tmp_path / "answers.toml"))
    assert_harmless(out)
    assert len(out.strip().splitlines()) == 1 and out.startswith("error:")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(st.characters(codec="utf-8"), min_size=1, max_size=30))
def test_a_name_that_could_break_a_line_or_drive_the_terminal_is_refused(aspire, home, name):
    result = aspire("team", "add", "zed", "--name", name)
    team = home / "team.toml"
    stored = tomllib.loads(team.read_text())["members"].get("zed", {}).get("name") if team.exists() else None
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in name):
        assert result.exit_code == 2 and stored is None
    else:
        assert result.exit_code == 0 and stored == name.strip()  # kept as typed, but for surrounding spaces
    aspire("team", "remove", "zed")
