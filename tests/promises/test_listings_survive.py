"""No file can crash a listing: `due` (table, --json, --brief), `team list` and `drafts` name the bad
file on stderr in one line and list everyone else, on the fast path (the installed script) and in
the Typer app alike."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.error_lines import one_line_of
from support.processes import aspire_script, terminal_env
from support.talks import GOOD_TALK

TEAM = '[members.alice]\nname = "Alice"\ncadence_months = 12\n\n[members.bob]\nname = "Bob"\n'
TALK_NAME = "2026-01-10-talk.toml"


def script(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [aspire_script(), *args], env=terminal_env(home), capture_output=True, text=True, timeout=20
    )


@pytest.fixture(params=["script", "app"])
def run(request, aspire, home):
    """`aspire ARGS` as (exit code, stdout, stderr), through the installed script or the Typer app."""

    def invoke(*args: str) -> tuple[int, str, str]:
        if request.param == "script":
            done = script(home, *args)
            return done.returncode, done.stdout, done.stderr
        result = aspire(*args)
        return result.exit_code, result.stdout, result.stderr

    invoke.path = request.param
    return invoke


def team_home(home: Path, team: str = TEAM) -> Path:
    home.mkdir(mode=0o700)
    (home / "team.toml").write_text(team)
    (home / "records/bob").mkdir(parents=True)
    (home / "records/bob" / TALK_NAME).write_text(GOOD_TALK.replace('"alice"', '"bob"'))
    return home / "records/alice"


def deep_toml() -> bytes:
    return b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"


def huge_toml() -> bytes:
    return GOOD_TALK.encode() + b"# padding\n" * 500_000  # 5 MB of comments: valid TOML, but no record


# each: how to spoil alice's latest talk, and what the one line on stderr says
SPOILERS = {
    "a FIFO": (lambda p: os.mkfifo(p), "not a regular file"),
    "a folder": (lambda p: p.mkdir(), "is a folder"),
    "deep nesting": (lambda p: p.write_bytes(deep_toml()), "nested too deeply"),
    "huge": (lambda p: p.write_bytes(huge_toml()), "more than the 4 MiB"),
    "a symbolic link": (lambda p: p.symlink_to(p.parent.parent / "bob" / TALK_NAME), "symbolic link"),
    "not UTF-8": (lambda p: p.write_bytes(b"\xff\xfe"), "not UTF-8"),
    "a wrong type": (lambda p: p.write_text(GOOD_TALK.replace("date = 2026-01-10", 'date = "soon"')), "date"),
}


@pytest.mark.parametrize("spoil", SPOILERS)
@pytest.mark.parametrize("args", [["due"], ["due", "--json"]])
def test_a_bad_latest_talk_is_named_and_everyone_else_listed(run, home, spoil, args):
    make, says = SPOILERS[spoil]
    alice = team_home(home)
    alice.mkdir()
    make(alice / TALK_NAME)
    code, out, err = run(*args)
    assert code == 2
    line = one_line_of(err)
    assert TALK_NAME in line and says in line
    assert "bob" in out and "alice" not in out.replace(TALK_NAME, "")


@pytest.mark.parametrize("spoil", ["a FIFO", "deep nesting", "a symbolic link"])
def test_due_brief_still_exits_0_and_says_what_to_run(run, home, spoil):
    make, _ = SPOILERS[spoil]
    alice = team_home(home)
    alice.mkdir()
    make(alice / TALK_NAME)
    code, out, err = run("due", "--brief", "--as-of", "2027-02-01")
    assert code == 0
    assert out.strip() == "1 discussion overdue (bob)"
    assert one_line_of(err) == "aspire: 1 file to fix; run: aspire due"


def test_due_brief_exits_0_even_when_the_team_file_is_broken(run, home):
    team_home(home, "[members\n")
    code, out, err = run("due", "--brief")
    assert (code, out) == (0, "")
    assert "team.toml" in one_line_of(err) and "not valid TOML" in err


IN_PLACE_OF_A_FOLDER = {
    "a file": lambda p: p.write_text("not a folder"),
    "a FIFO": os.mkfifo,
    "a symbolic link": lambda p: p.symlink_to(p.parent / "bob"),
}


@pytest.mark.parametrize("what", IN_PLACE_OF_A_FOLDER)
def test_something_else_in_place_of_a_members_folder_is_named(run, home, what):
    IN_PLACE_OF_A_FOLDER[what](team_home(home))
    code, out, err = run("due", "--json")
    assert code == 2
    assert "records/alice" in one_line_of(err)
    assert [row["employee"] for row in json.loads(out)] == ["bob"]


# -- the team, member by member ---------------------------------------------------------------------
BAD_MEMBERS = [
    ('[members.carol]\ncadence_months = "x"\n', "members.carol.cadence_months"),
    ("[members.carol]\ncadence_months = 0\n", "members.carol.cadence_months"),
    ("[members.carol]\nname = [1, 2]\n", "members.carol.name"),
    ('[members."Carol!"]\nname = "C"\n', '"Carol!" (the key)'),
]


@pytest.mark.parametrize(("member", "says"), BAD_MEMBERS)
@pytest.mark.parametrize("args", [["due", "--json"], ["team", "list"]])
def test_one_bad_member_is_named_and_the_rest_of_the_team_listed(run, home, member, says, args):
    team_home(home, TEAM + member)
    code, out, err = run(*args)
    assert "team.toml" in one_line_of(err) and says in err
    assert "alice" in out and "bob" in out
    assert code == 2


def test_team_list_in_the_typer_app_exits_2_when_a_member_is_named(aspire, home):
    team_home(home, TEAM + BAD_MEMBERS[0][0])
    assert aspire("team", "list").exit_code == 2


def test_a_team_change_keeps_the_strict_read_so_no_broken_member_is_dropped(run, home):
    team_home(home, TEAM + BAD_MEMBERS[0][0])
    before = (home / "team.toml").read_text()
    code, _, err = run("team", "add", "dave")
    assert code == 2 and "members.carol.cadence_months" in one_line_of(err)
    assert (home / "team.toml").read_text() == before


# -- dates ---------------------------------------------------------------------------------------
def test_a_latest_talk_dated_after_today_is_named_not_taken_as_held(run, home):
    alice = team_home(home)
    alice.mkdir()
    future = GOOD_TALK.replace("2026-01-10", "2030-01-01")
    (alice / "2030-01-01-talk.toml").write_text(future)
    code, out, err = run("due", "--json")
    assert code == 2
    assert "2030-01-01-talk.toml: dated 2030-01-01, in the future; fix the date" in one_line_of(err)
    assert [row["employee"] for row in json.loads(out)] == ["bob"]


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_the_ends_of_the_calendar_crash_nothing(run, home, as_of):
    team_home(home, TEAM.replace("cadence_months = 12", "cadence_months = 60"))
    code, out, err = run("due", "--json", "--as-of", as_of)
    assert (code, err) == (0, "")
    rows = {row["employee"]: row for row in json.loads(out)}
    # as of the first day of the calendar, no talk had been held yet
    assert rows["bob"]["status"] == ("overdue" if as_of > "2026" else "never held")


def test_a_talk_on_the_calendars_last_days_falls_due_on_its_last_day(home):
    from datetime import date

    from aspire_cli.storage.store import Store
    from aspire_cli.views.due import due_report

    alice = team_home(home)
    alice.mkdir()
    (alice / "9999-06-30-talk.toml").write_text(GOOD_TALK.replace("2026-01-10", "9999-06-30"))
    report = due_report(Store(home), date.max, 30, today=date.max)
    row = next(row for row in report.rows if row.employee == "alice")
    assert (row.next_due, row.status, report.problems) == (date.max, "due soon", [])


# -- what is printed from a file -------------------------------------------------------------------
def test_a_table_cell_cannot_drive_the_terminal_or_forge_a_line():
    from aspire_cli.views.table import format_table

    text = format_table(("Employee", "Name"), [("bob", "Bob\x1b]0;owned\x07\nforged line")])
    assert "\x1b" not in text and "\x07" not in text
    assert text.splitlines()[1] == "bob       Bob\\x1b]0;owned\\x07\\nforged line"


def test_a_problem_line_quoting_a_file_cannot_drive_the_terminal(run, home):
    team_home(home, TEAM + '[members."\\u001b[2J\\u001b]0;owned\\u0007"]\nname = "X"\n')
    code, out, err = run("due")
    assert code == 2 and "bob" in out
    assert "\x1b" not in err and "\x07" not in err and "\\x1b[2J" in one_line_of(err)


def test_a_draft_named_with_control_characters_is_listed_harmlessly(aspire, home):
    (home / "drafts").mkdir(parents=True)
    home.chmod(0o700)
    (home / "drafts/\x1b[2J\x1b]0;owned\x07.talk.toml").write_text(DRAFT)
    result = aspire("drafts")
    assert result.exit_code == 2  # the odd file is named, and the others listed
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr
    assert "\\x1b[2J" in result.stdout and "not a draft" in one_line_of(result.stderr)


# -- drafts ----------------------------------------------------------------------------------------
DRAFT = GOOD_TALK.replace("2026-01-10", "2026-11-20")


@pytest.mark.parametrize("spoil", ["a FIFO", "a folder", "deep nesting", "huge", "a symbolic link"])
def test_a_bad_draft_is_named_and_the_other_drafts_listed(aspire, home, spoil):
    make, says = SPOILERS[spoil]
    drafts = home / "drafts"
    drafts.mkdir(parents=True)
    home.chmod(0o700)
    (drafts / "bob.talk.toml").write_text(DRAFT.replace('"alice"', '"bob"'))
    (drafts / "alice.talk.toml").unlink(missing_ok=True)
    if spoil == "a symbolic link":
        (drafts / "alice.talk.toml").symlink_to(drafts / "bob.talk.toml")
    else:
        make(drafts / "alice.talk.toml")
    result = aspire("drafts")
    assert result.exit_code == 2  # named, and the others listed
    line = one_line_of(result.stderr)
    assert "alice.talk.toml" in line and says in line
    alice = next(line for line in result.stdout.splitlines() if line.startswith("alice"))
    assert "unreadable" in alice
    assert any(line.startswith("bob") and "aspire talk bob" in line for line in result.stdout.splitlines())


# -- any bytes at all ------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_any_bytes_as_a_latest_talk_crash_nothing_and_everyone_else_is_listed(tmp_path_factory, content):
    from datetime import date

    from aspire_cli.storage.store import Store
    from aspire_cli.views.listings import run_due

    home = tmp_path_factory.mktemp("bytes") / "home"
    alice = team_home(home)
    alice.mkdir()
    (alice / TALK_NAME).write_bytes(content)
    due = __import__("aspire_cli.views.due", fromlist=["due_report"]).due_report(
        Store(home), date(2026, 11, 26), 30, today=date(2026, 11, 26)
    )
    assert "bob" in [row.employee for row in due.rows]
    assert len(due.rows) + len(due.problems) == 2
    assert run_due(Store(home), date(2026, 11, 26), 30, brief_line=True) == 0


def test_wide_characters_in_a_name_keep_the_columns_aligned(aspire, home):
    aspire("team", "add", "li", "--name", "李小龍 😀")
    aspire("team", "add", "bo", "--name", "Bo")
    lines = aspire("team", "list").stdout.splitlines()
    from aspire_cli.views.width import cells

    starts = {cells(line[: line.index("months") - 3]) for line in lines if "months" in line}
    assert len(starts) == 1  # "12 months" starts in the same terminal column on every row
