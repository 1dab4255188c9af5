"""The leader's settings: <home>/config.toml, ASPIRE_* variables and flags, and `aspire config`."""

from __future__ import annotations

import json
import time
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS

from aspire_cli.domain.schedule import add_months


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def shown(aspire, *args: str) -> dict[str, dict[str, object]]:
    result = aspire(*args, "config", "--json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, dict[str, object]] = json.loads(result.stdout)
    return data


def test_a_new_user_sees_the_defaults_and_nothing_is_created(aspire, home):
    found = shown(aspire)
    assert found["home"] == {"value": str(home), "source": "environment", "origin": "$ASPIRE_HOME"}
    assert {
        key: (found[key]["value"], found[key]["source"])
        for key in ("leader", "cadence_months", "due_soon_days")
    } == {
        "leader": (None, "default"),
        "cadence_months": (12, "default"),
        "due_soon_days": (30, "default"),
    }
    assert found["config_file"] == str(home / "config.toml")
    table = aspire("config").stdout
    assert "(not set)" in table and "none yet: the defaults apply" in table
    assert not home.exists()


def test_the_default_home_is_the_user_data_folder(aspire, monkeypatch, tmp_path):
    monkeypatch.delenv("ASPIRE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    found = shown(aspire)
    assert found["home"]["value"] == str(tmp_path / "data" / "aspire")
    assert found["home"]["source"] == "default"


def test_the_file_sets_each_key(aspire, home):
    path = write_config(home, 'leader = "Dana Lee"\ncadence_months = 6\ndue_soon_days = 14\n')
    found = shown(aspire)
    assert found["leader"] == {"value": "Dana Lee", "source": "file", "origin": str(path)}
    assert (found["cadence_months"]["value"], found["cadence_months"]["source"]) == (6, "file")
    assert (found["due_soon_days"]["value"], found["due_soon_days"]["source"]) == (14, "file")


def test_the_environment_beats_the_file(aspire, home, monkeypatch):
    write_config(home, 'leader = "Dana Lee"\ncadence_months = 6\ndue_soon_days = 14\n')
    monkeypatch.setenv("ASPIRE_LEADER", "Sam Roe")
    monkeypatch.setenv("ASPIRE_CADENCE", "3")
    monkeypatch.setenv("ASPIRE_DUE_SOON", "0")
    found = shown(aspire)
    assert found["leader"] == {"value": "Sam Roe", "source": "environment", "origin": "$ASPIRE_LEADER"}
    assert (found["cadence_months"]["value"], found["cadence_months"]["origin"]) == (3, "$ASPIRE_CADENCE")
    assert (found["due_soon_days"]["value"], found["due_soon_days"]["origin"]) == (0, "$ASPIRE_DUE_SOON")


def test_home_from_the_flag_and_the_file_read_there(aspire, tmp_path):
    other = tmp_path / "other"
    write_config(other, "cadence_months = 24\n")
    found = shown(aspire, "--home", str(other))
    assert found["home"] == {"value": str(other), "source": "flag", "origin": "--home"}
    assert found["cadence_months"]["value"] == 24


def test_the_table_names_every_source(aspire, tmp_path, monkeypatch):
    other = tmp_path / "other"
    path = write_config(other, 'leader = "Dana Lee"\n')
    monkeypatch.setenv("ASPIRE_CADENCE", "6")
    result = aspire("--home", str(other), "config")
    assert result.exit_code == 0, result.stderr
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:5]}
    assert lines["home"].endswith("flag (--home)")
    assert lines["leader"].endswith(f"file ({path})") and "Dana Lee" in lines["leader"]
    assert lines["cadence_months"].endswith("environment ($ASPIRE_CADENCE)")
    assert lines["due_soon_days"].split()[1:] == ["30", "default"]


# -- the settings at work --------------------------------------------------------------------------
def test_team_add_takes_the_cadence_from_the_settings_and_the_flag_beats_them(aspire, home, monkeypatch):
    write_config(home, "cadence_months = 6\n")
    assert "every 6 months" in aspire("team", "add", "alice").stdout
    assert "every year" in aspire("team", "add", "bob", "--cadence", "12").stdout
    monkeypatch.setenv("ASPIRE_CADENCE", "3")
    assert "every 3 months" in aspire("team", "add", "carol").stdout
    team = tomllib.loads((home / "team.toml").read_text())["members"]
    assert [team[e]["cadence_months"] for e in ("alice", "bob", "carol")] == [6, 12, 3]


@pytest.fixture
def due_in_20_days(aspire) -> None:
    aspire("team", "add", "alice")
    last = add_months(date.today() + timedelta(days=20), -12)
    result = aspire("talk", "alice", "--date", last.isoformat(), "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 0, result.stderr


def status(aspire, *args: str) -> str:
    result = aspire("due", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return str(json.loads(result.stdout)[0]["status"])


def test_the_due_soon_window_comes_from_the_file_and_within_beats_it(aspire, home, due_in_20_days):
    assert status(aspire) == "due soon"  # the default, 30 days
    write_config(home, "due_soon_days = 10\n")
    assert status(aspire) == "ok"
    assert status(aspire, "--within", "25") == "due soon"
    assert "due within 25 days" in aspire("due", "--brief", "--within", "25").stdout


def test_the_due_soon_window_from_the_environment(aspire, home, due_in_20_days, monkeypatch):
    write_config(home, "due_soon_days = 10\n")
    monkeypatch.setenv("ASPIRE_DUE_SOON", "21")
    assert status(aspire) == "due soon"
    assert status(aspire, "--within", "0") == "ok"


# -- a broken config: one line naming the file, for every command that reads it -------------------
BROKEN = [
    ("cadence_months = [", "not valid TOML"),
    ("cadence = 6", "unknown setting 'cadence'"),
    ('cadence_months = "6"', 'cadence_months = "6": must be a whole number of months from 1 to 60'),
    ("cadence_months = 0", "cadence_months = 0: must be a whole number of months from 1 to 60"),
    ("cadence_months = 61", "cadence_months = 61: must be"),
    ("cadence_months = true", "cadence_months = true: must be"),
    ("due_soon_days = -1", "due_soon_days = -1: must be a whole number of days, 0 or more"),
    ("due_soon_days = 2.5", "due_soon_days = 2.5: must be"),
    ("leader = 5", "leader = 5: must be text"),
    ('leader = "Dana\\nLee"', "must be one line of text"),
    ('home = "/elsewhere"', "home cannot be set in the file"),
]
COMMANDS = [["config"], ["config", "--json"], ["due"], ["due", "--json"], ["team", "add", "zoe"]]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("text", "words"), BROKEN, ids=[text for text, _ in BROKEN])
def test_a_broken_config_is_one_line_naming_the_file(aspire, home, args, text, words):
    path = write_config(home, text + "\n")
    result = aspire(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}") and words in result.stderr
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert not (home / "team.toml").exists()  # team add wrote nothing


def test_a_broken_config_stops_due_ics_before_anything_is_written(aspire, home, tmp_path):
    aspire("team", "add", "alice")
    write_config(home, "due_soon_days = -1\n")
    result = aspire("due", "--ics", str(tmp_path / "due.ics"))
    assert result.exit_code == 2 and "config.toml" in result.stderr
    assert not (tmp_path / "due.ics").exists()


def test_due_brief_names_a_broken_config_on_stderr_and_exits_0(aspire, home):
    aspire("team", "add", "alice")
    path = write_config(home, "due_soon_days = -1\n")
    result = aspire("due", "--brief")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"aspire: {path}: due_soon_days = -1") and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("ASPIRE_CADENCE", "yearly", "must be a whole number of months"),
        ("ASPIRE_CADENCE", "0", "must be a whole number of months"),
        ("ASPIRE_DUE_SOON", "-3", "must be a whole number of days"),
        ("ASPIRE_DUE_SOON", "9" * 5000, "must be a whole number of days"),
        ("ASPIRE_LEADER", "Dana\x1b[2JLee", "must be one line of text"),
    ],
)
def test_a_bad_variable_is_named(aspire, monkeypatch, variable, value, words):
    monkeypatch.setenv(variable, value)
    for args in (["config"], ["due"], ["team", "add", "zoe"]):
        result = aspire(*args)
        assert result.exit_code == 2 and result.stderr.startswith(f"error: ${variable} is '")
        assert words in result.stderr and result.stderr.count("\n") == 1 and "\x1b" not in result.stderr


# -- speed guards ------------------------------------------------------------------------------------
def test_a_warm_due_with_a_config_file_is_still_plain_python(aspire, home):
    from support.probe import HEAVY, probe

    aspire("team", "add", "alice")
    write_config(home, 'leader = "Dana Lee"\ndue_soon_days = 10\n')
    time.sleep(2.1)  # let the stamps settle (see files.STABLE_AFTER_NS), as between real runs
    probe(home, "due")
    for args in (["due"], ["config"]):
        modules, _, done = probe(home, *args)
        assert done.returncode == 0, done.stderr
        assert not modules & HEAVY
