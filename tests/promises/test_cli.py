"""The commands as a user runs them without prompts: what they print, what they leave on disk."""

import json
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from support.answers import PREP_ANSWERS, TALK_ANSWERS

from aspire_cli.domain.schedule import add_months


def files_under(home: Path) -> list[str]:
    """The files a user keeps: locks (the home's and each interview's) left out."""
    return sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and p.name != ".lock" and p.parent.name != ".locks"
    )


def test_team_add_list_and_remove(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    result = aspire("team", "add", "bob-lee", "--cadence", "6")
    assert result.exit_code == 0
    assert "every 6 months" in result.stdout
    listing = aspire("team", "list").stdout
    assert "alice" in listing and "Alice Smith" in listing and "bob-lee" in listing and "6 months" in listing
    roster = tomllib.loads((home / "team.toml").read_text())
    assert roster["members"]["bob-lee"]["cadence_months"] == 6
    assert roster["members"]["alice"]["added"] == date.today()
    removed = aspire("team", "remove", "alice")
    assert removed.exit_code == 0 and "Removed alice from your team; they had no records." in removed.stdout
    assert "alice" not in aspire("team", "list").stdout


def test_adding_someone_twice_or_removing_a_stranger_is_refused(aspire):
    aspire("team", "add", "alice")
    again = aspire("team", "add", "alice", "--name", "Other")
    assert again.exit_code == 1 and "already on your team" in again.stderr
    gone = aspire("team", "remove", "zoe")
    assert gone.exit_code == 1 and "'zoe' is not on your team" in gone.stderr


@pytest.mark.parametrize("bad", ["Alice", "bob_lee", "a/b", "..", "x-", "", "é", "a" * 65, "a b"])
def test_a_bad_employee_id_is_refused_with_the_rule_and_nothing_written(aspire, home, bad):
    result = aspire("team", "add", bad)
    assert result.exit_code == 2
    assert "not a valid employee id" in result.stderr
    assert "lowercase letters, digits and hyphens" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert files_under(home) == []


def answers_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_prep_and_talk_from_answers_files_write_dated_records(aspire, home, tmp_path):
    aspire("team", "add", "alice", "--name", "Alice Smith")
    prep = aspire("prep", "alice", "--date", "2026-11-20", "--answers", answers_file(tmp_path, PREP_ANSWERS))
    assert prep.exit_code == 0, prep.stderr
    talk = aspire("talk", "alice", "--date", "2026-11-26", "--answers", "-", input=TALK_ANSWERS)
    assert talk.exit_code == 0, talk.stderr
    assert files_under(home) == [
        "records/alice/.action-numbers-given-2",  # so that no action number is ever given twice
        "records/alice/2026-11-20-prep.md",
        "records/alice/2026-11-20-prep.toml",
        "records/alice/2026-11-26-talk.md",
        "records/alice/2026-11-26-talk.toml",
        "team.toml",
    ]
    record = tomllib.loads((home / "records/alice/2026-11-26-talk.toml").read_text())
    assert record["answers"]["willing"] == "yes"
    assert record["answers"]["actions"][1] == {
        "number": 2,  # numbered when written: the employee's second action ever
        "action": "Hand release management to Bob",
        "measure": "Bob runs two releases alone",
    }
    md = (home / "records/alice/2026-11-26-talk.md").read_text()
    assert md.startswith("# Alice Smith: Career aspiration discussion, 2026-11-26")
    assert "| 1 | Run the architecture guild | Two sessions a month | 2027-06-30 |" in md


def test_without_a_date_the_record_is_dated_today(aspire, home):
    aspire("team", "add", "alice")
    assert aspire("talk", "alice", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    assert (home / f"records/alice/{date.today().isoformat()}-talk.toml").exists()


BAD_ANSWERS = [
    ('willing = "yes"\n[[actions]\n', "not valid TOML", "line 2"),
    ('mood = "great"\n' + TALK_ANSWERS, "unknown question id 'mood'", ""),
    (TALK_ANSWERS + "extra = 1\n", "actions: [1].extra: not a known field", ""),
    (
        TALK_ANSWERS.replace('willing = "yes"', 'willing = "maybe"'),
        "willing: must be one of: yes, partly, no",
        "",
    ),
    (
        TALK_ANSWERS.replace('core_strength = "Architecture"\n', ""),
        "no answer for core_strength",
        "",
    ),
    (TALK_ANSWERS.replace('willing = "yes"', "willing = 3"), "willing", ""),
    (TALK_ANSWERS.replace("due = 2027-06-30", 'due = "soon"'), "actions", ""),
    (TALK_ANSWERS.replace("due = 2027-06-30", "due = 2027-02-30"), "not valid TOML", ""),
]


@pytest.mark.parametrize(("text", "message", "where"), BAD_ANSWERS)
def test_a_bad_answers_file_gets_one_clear_line_exit_2_and_nothing_written(
    aspire, home, tmp_path, text, message, where
):
    aspire("team", "add", "alice")
    before = files_under(home)
    result = aspire("talk", "alice", "--answers", answers_file(tmp_path, text))
    assert result.exit_code == 2
    assert message in result.stderr and where in result.stderr
    assert "answers.toml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert files_under(home) == before


@pytest.mark.parametrize("bad", ["2026-13-01", "2027-02-30", "26-11-2026", "yesterday"])
def test_a_bad_date_is_refused_and_nothing_written(aspire, home, tmp_path, bad):
    aspire("team", "add", "alice")
    result = aspire("talk", "alice", "--date", bad, "--answers", answers_file(tmp_path, TALK_ANSWERS))
    assert result.exit_code == 2
    assert f"--date '{bad}'" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert files_under(home) == ["team.toml"]


def test_answers_for_someone_not_on_the_team_name_team_add(aspire, home, tmp_path):
    result = aspire("talk", "zoe", "--answers", answers_file(tmp_path, TALK_ANSWERS))
    assert result.exit_code == 2
    assert "aspire team add zoe" in result.stderr
    assert not (home / "records").exists()


def test_without_answers_and_without_a_terminal_the_message_names_answers(aspire, home):
    aspire("team", "add", "alice")
    result = aspire("talk", "alice", input="")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert files_under(home) == ["team.toml"]


def test_a_missing_answers_file_is_named(aspire, tmp_path):
    aspire("team", "add", "alice")
    result = aspire("prep", "alice", "--answers", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "nope.toml does not exist" in result.stderr


def held(aspire, employee: str, day: date) -> None:
    result = aspire("talk", employee, "--date", day.isoformat(), "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 0, result.stderr


def test_due_json_has_one_row_per_member_most_urgent_first(aspire):
    as_of = date(2026, 11, 26)
    aspire("team", "add", "ok-one", "--name", "Okay")
    aspire("team", "add", "late")
    aspire("team", "add", "soon", "--cadence", "6")
    aspire("team", "add", "new")
    aspire("team", "add", "prepped")
    held(aspire, "ok-one", date(2026, 5, 1))
    held(aspire, "late", date(2025, 8, 31))
    held(aspire, "late", date(2024, 1, 1))  # an older talk does not count
    held(aspire, "soon", date(2026, 6, 10))
    aspire("prep", "prepped", "--answers", "-", input=PREP_ANSWERS)  # a prep alone is not a discussion
    result = aspire("due", "--as-of", as_of.isoformat(), "--json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["employee"] for r in rows] == ["late", "new", "prepped", "soon", "ok-one"]
    assert rows[0] == {
        "employee": "late",
        "name": "",
        "cadence_months": 12,
        "last_talk": "2025-08-31",
        "next_due": "2026-08-31",
        "status": "overdue",
        "days": (date(2026, 8, 31) - as_of).days,
    }
    assert rows[1]["status"] == "never held" and rows[1]["next_due"] is None and rows[1]["last_talk"] is None
    assert rows[2]["status"] == "never held"
    assert rows[3] == {
        "employee": "soon",
        "name": "",
        "cadence_months": 6,
        "last_talk": "2026-06-10",
        "next_due": "2026-12-10",
        "status": "due soon",
        "days": 14,
    }
    assert rows[4]["status"] == "ok" and rows[4]["name"] == "Okay"
    assert rows[4]["days"] == (add_months(date(2026, 5, 1), 12) - as_of).days


def test_due_table_shows_status_words_and_within_widens_due_soon(aspire):
    aspire("team", "add", "alice")
    held(aspire, "alice", date.today() - timedelta(days=330))
    table = aspire("due").stdout
    assert "alice" in table and "ok, in" in table
    assert "due soon, in" in aspire("due", "--within", "60").stdout


def test_due_reports_a_broken_latest_talk_on_stderr_and_lists_everyone_else(aspire, home):
    aspire("team", "add", "alice")
    aspire("team", "add", "bob")
    held(aspire, "alice", date(2026, 1, 1))
    held(aspire, "bob", date(2026, 1, 1))
    broken = home / "records/bob/2026-01-01-talk.toml"
    broken.write_text(broken.read_text().replace('willing = "yes"', 'willing = "maybe"'))
    result = aspire("due", "--json")
    assert [r["employee"] for r in json.loads(result.stdout)] == ["alice"]
    assert "2026-01-01-talk.toml" in result.stderr and "willing" in result.stderr
    assert result.exit_code == 2


def test_due_with_a_bad_as_of_date_says_so(aspire):
    result = aspire("due", "--as-of", "2026-02-29")
    assert result.exit_code == 2 and "--as-of '2026-02-29' is not a day of the calendar" in result.stderr


def test_due_on_an_empty_team_says_how_to_start(aspire):
    result = aspire("due")
    said = " ".join(line.strip() for line in result.stdout.splitlines())  # wrapped to the terminal
    assert result.exit_code == 0 and "aspire team add" in said
