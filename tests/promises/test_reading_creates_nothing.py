"""Reading commands (`due`, `team list`, `drafts`) never create anything: with no home they say where
they looked and how to start, in one line, and exit 0. Writing commands still make the home."""

import subprocess

import pytest
from support.error_lines import one_line_of
from support.processes import aspire_script, terminal_env

READING = [["team", "list"], ["due"], ["due", "--json"], ["due", "--brief"], ["drafts"]]


def run_both(aspire, home, args):
    """The same request through the installed script (the fast path) and the Typer app."""
    done = subprocess.run(
        [aspire_script(), "--home", str(home), *args], env=terminal_env(home), capture_output=True, text=True
    )
    result = aspire("--home", str(home), *args)
    return [(done.returncode, done.stdout, done.stderr), (result.exit_code, result.stdout, result.stderr)]


@pytest.mark.parametrize("args", READING)
def test_a_reading_command_creates_no_home_and_says_where_it_looked(aspire, tmp_path, args):
    home = tmp_path / "nonexistent/deep/x"
    for code, out, err in run_both(aspire, home, args):
        assert (code, err) == (0, "")
        assert not (tmp_path / "nonexistent").exists()
        if args == ["due", "--brief"]:
            assert out == ""
        elif args == ["due", "--json"]:
            assert out.strip() == "[]"
        else:  # wrapped between words to COLUMNS (100)
            assert all(len(line) <= 100 for line in out.splitlines())
            said = " ".join(line.strip() for line in out.splitlines())
            assert f"There is no aspire folder at {home} yet; start with: aspire team add" in said


@pytest.mark.parametrize("args", READING)
def test_a_reading_command_creates_no_folder_in_an_existing_home(aspire, home, args):
    home.mkdir(mode=0o700)
    (home / "team.toml").write_text('[members.alice]\nname = "Alice"\n')
    for code, _, _ in run_both(aspire, home, args):
        assert code == 0
    assert {p.name for p in home.iterdir()} <= {"team.toml", ".index.sqlite3"}


def test_a_writing_command_still_makes_the_whole_path(aspire, tmp_path):
    home = tmp_path / "nonexistent/deep/x"
    assert aspire("--home", str(home), "team", "add", "alice").exit_code == 0
    assert (home / "team.toml").is_file()


@pytest.mark.parametrize("args", READING)
def test_a_file_in_place_of_the_home_is_one_line(aspire, home, args):
    home.write_text("not a folder")
    for code, out, err in run_both(aspire, home, args):
        assert "is a file, not a folder" in one_line_of(err)
        assert code == (0 if args == ["due", "--brief"] else 74) and out == ""
