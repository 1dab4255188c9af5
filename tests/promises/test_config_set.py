"""`aspire config set KEY VALUE` and `aspire config unset KEY`: a setting changed without an
editor, held to the rules config.toml is read with, the rest of the file kept as the leader wrote it."""

from __future__ import annotations

import stat
import subprocess
import tomllib

import pytest

from aspire_cli.storage.settings import settings

NOTES = (
    '# my settings\nleader = "Dana"\n\n# twice a year for the new ones\ndue_soon_days = 45  # a long window\n'
)


def config_of(home):
    return (home / "config.toml").read_text(encoding="utf-8")


def test_set_writes_the_setting_and_says_what_changed_in_one_line(aspire, home):
    done = aspire("config", "set", "cadence_months", "6")
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"Set cadence_months = 6 in {home / 'config.toml'} (was not set).\n"
    assert tomllib.loads(config_of(home)) == {"cadence_months": 6}
    assert stat.S_IMODE((home / "config.toml").stat().st_mode) == 0o600
    assert settings(str(home), {}).cadence_months.value == 6
    again = aspire("config", "set", "cadence_months", "6")
    assert again.stdout.endswith("already in " + str(home / "config.toml") + "; nothing changed.\n")


def test_set_and_unset_keep_the_leaders_comments_and_other_lines(aspire, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(NOTES, encoding="utf-8")
    assert aspire("config", "set", "leader", "Dana Lee").stdout.endswith('(was "Dana").\n')
    assert aspire("config", "set", "cadence_months", "6").exit_code == 0
    assert config_of(home) == NOTES.replace('"Dana"', '"Dana Lee"') + "cadence_months = 6\n"
    done = aspire("config", "unset", "due_soon_days")
    assert done.stdout.endswith("from " + str(home / "config.toml") + "; now 30, aspire's default.\n")
    assert config_of(home) == (
        '# my settings\nleader = "Dana Lee"\n\n# twice a year for the new ones\ncadence_months = 6\n'
    )
    assert aspire("config", "unset", "due_soon_days").stdout.startswith("due_soon_days is not set")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["set", "cadence_months", "0"], "cadence_months '0' is refused: must be a whole number of months"),
        (["set", "cadence_months", "six"], "cadence_months 'six' is refused"),
        (
            ["set", "due_soon_days", "--", "-1"],
            "due_soon_days '-1' is refused: must be a whole",
        ),
        (["set", "cadenc", "6"], "unknown setting 'cadenc' (a typo?)"),
        (["unset", "cadenc"], "unknown setting 'cadenc' (a typo?)"),
        (["set", "home", "/elsewhere"], "home cannot be set in the file that lives in it"),
        (["set", "leader", "  "], "leader cannot be empty; to remove it: aspire config unset leader"),
        (["set", "leader", "Dana\x1b[2J"], "leader 'Dana\\x1b[2J' is refused: must be one line of text"),
    ],
)
def test_a_value_the_file_would_refuse_is_refused_in_one_line_and_nothing_written(aspire, home, args, says):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(NOTES, encoding="utf-8")
    done = aspire("config", *args)
    assert done.exit_code == 2 and done.stdout == ""
    assert says in done.stderr and len(done.stderr.splitlines()) == 1
    assert config_of(home) == NOTES


def test_a_broken_file_is_named_not_rewritten(aspire, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("cadence_months = [\n", encoding="utf-8")
    done = aspire("config", "set", "leader", "Dana")
    assert done.exit_code != 0 and "config.toml" in done.stderr and "not valid TOML" in done.stderr
    assert config_of(home) == "cadence_months = [\n"


def test_a_link_in_place_of_the_file_is_refused(aspire, home, tmp_path):
    home.mkdir(parents=True, exist_ok=True)
    real = tmp_path / "dotfiles.toml"
    real.write_text("leader = 'Dana'\n", encoding="utf-8")
    (home / "config.toml").symlink_to(real)
    done = aspire("config", "set", "cadence_months", "6")
    assert done.exit_code != 0 and "is a symbolic link" in done.stderr
    assert real.read_text(encoding="utf-8") == "leader = 'Dana'\n" and (home / "config.toml").is_symlink()


def test_an_environment_variable_that_wins_is_mentioned(aspire, home, monkeypatch):
    monkeypatch.setenv("ASPIRE_CADENCE", "3")
    done = aspire("config", "set", "cadence_months", "9")
    assert done.stdout.rstrip().endswith("$ASPIRE_CADENCE is set, and wins over the file.")
    assert tomllib.loads(config_of(home)) == {"cadence_months": 9}


def test_config_alone_still_shows_the_settings(aspire, home):
    assert aspire("config", "set", "due_soon_days", "14").exit_code == 0
    shown = aspire("config")
    assert "due_soon_days    14" in shown.stdout and "file (" in shown.stdout
    assert aspire("config", "--json").stdout == aspire("config", "show", "--json").stdout


def test_in_a_git_home_a_change_is_one_commit(aspire, home):
    assert aspire("team", "add", "alice").exit_code == 0
    assert aspire("sync", "init").exit_code == 0
    assert aspire("config", "set", "cadence_months", "6").exit_code == 0
    log = subprocess.run(
        ["git", "-C", str(home), "log", "-1", "--format=%s", "--name-only"], capture_output=True, text=True
    )
    assert log.stdout.split() == ["config:", "set", "cadence_months", "config.toml"]
