"""`aspire team edit`, and a team member's name as one line of text wherever it comes from."""

from __future__ import annotations

import tomllib

import pytest
from support.error_lines import assert_one_error_line, script

from aspire_cli.storage import store as store_module
from aspire_cli.storage.store import Store


def roster(home):
    return tomllib.loads((home / "team.toml").read_text())["members"]


def test_edit_changes_the_name_and_says_so(aspire, home):
    aspire("team", "add", "alice", "--name", "Alice")
    result = aspire("team", "edit", "alice", "--name", "Alice Smith")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "alice: name 'Alice' -> 'Alice Smith'.\n"
    assert roster(home)["alice"]["name"] == "Alice Smith"
    assert roster(home)["alice"]["cadence_months"] == 12


def test_edit_changes_the_cadence_and_keeps_the_rest(aspire, home):
    aspire("team", "add", "bob", "--name", "Bob")
    added = roster(home)["bob"]["added"]
    result = aspire("team", "edit", "bob", "--cadence", "6")
    assert result.stdout == "bob: discussions every 6 months (was every year).\n"
    assert roster(home)["bob"] == {"name": "Bob", "cadence_months": 6, "added": added}


def test_edit_both_at_once_or_to_the_same_values(aspire, home):
    aspire("team", "add", "carol")
    both = aspire("team", "edit", "carol", "--name", "Carol", "--cadence", "1")
    assert both.stdout == "carol: name 'Carol', discussions every 1 month (was every year).\n"
    same = aspire("team", "edit", "carol", "--cadence", "1")
    assert same.exit_code == 0 and same.stdout == "carol: no change, it was already so.\n"
    assert roster(home)["carol"]["cadence_months"] == 1


def test_editing_someone_not_on_the_team_names_team_list(aspire, home):
    aspire("team", "add", "alice")
    before = (home / "team.toml").read_bytes()
    result = aspire("team", "edit", "zoe", "--cadence", "6")
    assert result.exit_code == 1
    assert_one_error_line(result.stderr, "error: 'zoe' is not on your team; see: aspire team list")
    assert (home / "team.toml").read_bytes() == before


def test_edit_without_anything_to_change_is_a_usage_error(aspire, home):
    aspire("team", "add", "alice")
    expected = (
        "error: say what to change: --name NAME, --cadence MONTHS or both; see: aspire team edit --help"
    )
    for result in (aspire("team", "edit", "alice"), script(home, "team", "edit", "alice")):
        code = getattr(result, "exit_code", getattr(result, "returncode", None))
        assert code == 2
        assert_one_error_line(result.stderr, expected)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--cadence", "0"], "--cadence 0 is not between 1 and 60"),
        (["--cadence", "x"], "--cadence 'x': must be a whole number"),
        (["--name", "Alice\n- injected"], "--name 'Alice\\n- injected' is refused"),
        (["--bogus"], "no such option --bogus"),
    ],
)
def test_a_bad_edit_changes_nothing(aspire, home, args, fragment):
    aspire("team", "add", "alice", "--name", "Alice")
    before = (home / "team.toml").read_bytes()
    result = aspire("team", "edit", "alice", *args)
    assert result.exit_code == 2
    assert fragment in assert_one_error_line(result.stderr)
    assert (home / "team.toml").read_bytes() == before


def test_edit_waits_for_the_homes_lock(aspire, home, monkeypatch):
    aspire("team", "add", "alice")
    before = (home / "team.toml").read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_SECONDS", 0.2)
    with Store(home).locked():
        result = aspire("team", "edit", "alice", "--name", "Alice")
    assert result.exit_code == 75
    assert "another aspire process" in assert_one_error_line(result.stderr)
    assert (home / "team.toml").read_bytes() == before


# -- a name is one line --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Alice\n- injected", "Alice\r\nbob", "Alice\tSmith", "\x1b[31mAlice", "Al\x00ice", "A\u2028B"]
)
def test_a_name_with_a_control_character_is_refused_on_add(aspire, home, name):
    result = aspire("team", "add", "alice", "--name", name)
    assert result.exit_code == 2
    line = assert_one_error_line(result.stderr)
    assert (
        "is refused: a name is one line of text, without tabs, newlines or other control characters" in line
    )
    assert not (home / "team.toml").exists()


def test_a_hand_edited_name_with_a_newline_is_a_bad_file_not_printed(aspire, home):
    home.mkdir(mode=0o700)
    (home / "team.toml").write_text('[members.alice]\nname = "Alice\\n- injected"\n')
    for args in (["team", "list"], ["due"], ["due", "--json"]):
        for result in (script(home, *args), aspire(*args)):
            code = getattr(result, "exit_code", getattr(result, "returncode", None))
            assert code == 2
            line = assert_one_error_line(result.stderr)
            assert "team.toml: members.alice.name: a name is one line of text" in line
            assert "injected" not in result.stdout


def test_team_edit_mends_the_member_that_stops_every_other_team_change(aspire, home):
    aspire("team", "add", "alice")
    aspire("team", "add", "bob")
    team = home / "team.toml"
    team.write_text(team.read_text().replace("cadence_months = 12", "cadence_months = 0", 1))
    refused = aspire("team", "add", "carol")
    assert refused.exit_code == 2
    assert "members.alice.cadence_months" in refused.stderr and "mend it first" in refused.stderr
    mended = aspire("team", "edit", "alice", "--cadence", "12")
    assert mended.exit_code == 0, mended.stderr
    assert aspire("team", "add", "carol").exit_code == 0
    assert sorted(tomllib.loads(team.read_text())["members"]) == ["alice", "bob", "carol"]


def test_a_name_loses_the_spaces_around_it(aspire, home):
    assert aspire("team", "add", "fay", "--name", "  Fay Wong  ").exit_code == 0
    assert tomllib.loads((home / "team.toml").read_text())["members"]["fay"]["name"] == "Fay Wong"
