"""The setting retention_years: unset, nothing expires; set, `aspire due` says in one line on stderr
how many records are past it and what erases them, and `aspire forget --expired` erases them, for
everyone, on the team or no longer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from support.error_lines import one_line_error
from support.talks import talk_answers

ONE = [{"action": "Run the guild", "measure": "Two a month"}]
TODAY = date.today()
OLD = date(TODAY.year - 8, TODAY.month, min(TODAY.day, 28)).isoformat()
NEW = date(TODAY.year - 1, TODAY.month, min(TODAY.day, 28)).isoformat()


def talk(aspire, employee: str, day: str, words: str) -> None:
    result = aspire(
        "talk",
        employee,
        "--date",
        day,
        "--answers",
        "-",
        "--again",
        input=talk_answers(ONE, core_strength=words),
    )
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def team(aspire, home: Path) -> Path:
    """Alice with an old talk and a recent one; Bob, off the team now, with an old one; Carol with a
    recent one, and an old one deleted (kept in .versions/)."""
    for someone in ("alice", "bob", "carol"):
        assert aspire("team", "add", someone).exit_code == 0
    talk(aspire, "alice", OLD, "Alice long ago")
    talk(aspire, "alice", NEW, "Alice lately")
    talk(aspire, "bob", OLD, "Bob long ago")
    talk(aspire, "carol", NEW, "Carol lately")
    talk(aspire, "carol", OLD, "Carol long ago, deleted since")
    assert aspire("delete", "carol", "--date", OLD, "--yes").exit_code == 0
    assert aspire("team", "remove", "bob").exit_code == 0
    return home


def test_unset_nothing_expires_and_due_says_nothing_of_it(aspire, team):
    result = aspire("due")
    assert result.exit_code == 0 and result.stderr == ""
    assert one_line_error(aspire("forget", "--expired", "--yes")).startswith(
        "error: retention_years is not set, so nothing expires"
    )


def test_set_due_names_the_records_past_it_in_one_line_and_its_output_is_unchanged(aspire, team):
    before = aspire("due", "--json").stdout
    assert aspire("config", "set", "retention_years", "7").exit_code == 0
    result = aspire("due", "--json")
    assert result.exit_code == 0 and result.stdout == before
    assert result.stderr.splitlines() == [
        "aspire: 2 records older than your 7-year retention: aspire forget --expired"
    ]


def test_forget_expired_erases_everyones_records_past_it_and_keeps_the_rest(aspire, team):
    assert aspire("config", "set", "retention_years", "7").exit_code == 0
    result = aspire("forget", "--expired", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [f"Forgot, of 3 people: 2 records ({OLD}), 1 kept version."]
    held = {p.relative_to(team).as_posix() for p in (team / "records").rglob("*.toml")}
    assert held == {f"records/alice/{NEW}-talk.toml", f"records/carol/{NEW}-talk.toml"}
    assert [e for e in team.rglob("*") if e.is_file() and b"long ago" in e.read_bytes()] == []
    assert [row["employee"] for row in json.loads(aspire("team", "list", "--json").stdout)] == [
        "alice",
        "carol",
    ]
    assert aspire("due").stderr == ""
    again = aspire("forget", "--expired", "--yes")
    assert again.stdout.startswith("Nothing to forget: no record is dated before ")


def test_the_environment_sets_it_too_and_a_wrong_value_is_one_line(aspire, team, monkeypatch):
    monkeypatch.setenv("ASPIRE_RETENTION_YEARS", "30")
    assert aspire("due").stderr == ""  # nothing is 30 years old
    shown = json.loads(aspire("config", "--json").stdout)["retention_years"]
    assert shown == {"value": 30, "source": "environment", "origin": "$ASPIRE_RETENTION_YEARS"}
    monkeypatch.setenv("ASPIRE_RETENTION_YEARS", "seven")
    assert one_line_error(aspire("due")) == (
        "error: $ASPIRE_RETENTION_YEARS is 'seven': must be a whole number of years from 1 to 100 "
        "(records older are erased: aspire forget --expired)"
    )
    refused = aspire("config", "set", "retention_years", "0")
    assert one_line_error(refused).startswith("error: retention_years '0' is refused: must be a whole number")
    assert not (team / "config.toml").exists()
