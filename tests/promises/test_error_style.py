"""One error style: every error is one line beginning `error:`, and a usage mistake names the help to read.

Each case runs twice: as a user runs the installed script (the launcher answers plain requests and
hands everything else to the Typer app) and in-process through the Typer app, and both must agree.
"""

from __future__ import annotations

import errno
import os
import subprocess
from datetime import date
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from support.error_lines import LIBRARY_WORDS, assert_one_error_line, script
from support.processes import aspire_script

from aspire_cli.domain.validation import describe_error

USAGE_MISTAKES = [
    (["due", "--jsno"], "error: no such option --jsno (did you mean --json?); see: aspire due --help"),
    (["due", "--within", "soon"], "error: --within 'soon': must be a whole number; see: aspire due --help"),
    (["due", "--within", "-1"], "error: --within '-1': must be at least 0; see: aspire due --help"),
    (["due", "--within"], "error: --within needs a value; see: aspire due --help"),
    (["due", "extra"], "error: unexpected argument: extra; see: aspire due --help"),
    (["due", "--json=yes"], "error: --json takes no value; see: aspire due --help"),
    (["prep"], "error: missing EMPLOYEE; see: aspire prep --help"),
    (["talk", "a", "b"], "error: unexpected argument: b; see: aspire talk --help"),
    (["dew"], "error: no such command 'dew' (did you mean 'due'?); see: aspire --help"),
    (["--homee", "x", "due"], "error: no such option --homee (did you mean --home?); see: aspire --help"),
    (
        ["team", "add", "x", "--cadence", "twelve"],
        "error: --cadence 'twelve': must be a whole number; see: aspire team add --help",
    ),
]


@pytest.mark.parametrize(("args", "expected"), USAGE_MISTAKES)
def test_a_usage_mistake_is_one_line_naming_the_help_to_read_on_both_paths(aspire, home, args, expected):
    by_script = script(home, *args)
    in_process = aspire(*args)
    for result in (by_script, in_process):
        code = result.returncode if isinstance(result, subprocess.CompletedProcess) else result.exit_code
        assert code == 2
        assert result.stdout == ""
        assert_one_error_line(result.stderr, expected)


@pytest.mark.parametrize("cadence", ["0", "61", "-3"])
def test_a_cadence_out_of_range_is_refused_in_aspires_words(aspire, home, cadence):
    for result in (
        script(home, "team", "add", "x", "--cadence", cadence),
        aspire("team", "add", "x", "--cadence", cadence),
    ):
        line = assert_one_error_line(result.stderr)
        assert line == (
            f"error: --cadence {cadence} is not between 1 and 60: give the months between discussions "
            "(12 = yearly, 6 = twice a year); see: aspire team add --help"
        )
    assert not (home / "team.toml").exists()


def test_conflicting_options_are_refused_not_ignored_on_both_paths(aspire, home):
    expected = "error: --json and --brief do not go together: pick one; see: aspire due --help"
    for args in (["due", "--json", "--brief"], ["due", "--brief", "--as-of=2026-01-01", "--json"]):
        by_script, in_process = script(home, *args), aspire(*args)
        assert (by_script.returncode, in_process.exit_code) == (2, 2)
        assert by_script.stdout == in_process.stdout == ""
        assert_one_error_line(by_script.stderr, expected)
        assert_one_error_line(in_process.stderr, expected)


# -- help ----------------------------------------------------------------------------------------
def test_help_shows_arguments_plainly(aspire):
    talk = aspire("talk", "--help").stdout
    assert "Usage: aspire talk [OPTIONS] [EMPLOYEE]\n" in talk
    assert "  [EMPLOYEE]  The employee's id" in talk
    for command in (["prep"], ["team", "add"], ["team", "edit"], ["team", "remove"]):
        text = aspire(*command, "--help").stdout
        assert f"Usage: aspire {' '.join(command)} [OPTIONS] EMPLOYEE\n" in text
        assert "  EMPLOYEE  The employee's short id" in text
    for text in (talk, aspire("prep", "--help").stdout, aspire("team", "add", "--help").stdout):
        assert "[[EMPLOYEE]]" not in text and "{EMPLOYEE}" not in text and "<str>" not in text


def test_prep_help_says_date_is_when_you_prepared(aspire):
    assert "--date YYYY-MM-DD  When you prepared (default: today)." in aspire("prep", "--help").stdout
    assert "When the discussion was held (default: today)." in aspire("talk", "--help").stdout


def test_aspire_alone_prints_the_help_and_exits_0(aspire, home):
    for result in (script(home), aspire()):
        code = result.returncode if isinstance(result, subprocess.CompletedProcess) else result.exit_code
        assert code == 0
        assert result.stdout.startswith("Usage: aspire [OPTIONS] COMMAND [ARGS]...")
        assert result.stderr == ""


# -- --home --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args", [["--home", "", "due"], ["--home=", "team", "list"], ["--home", "", "team", "add", "a"]]
)
def test_an_empty_home_is_refused_on_both_paths(aspire, home, tmp_path, args):
    here = tmp_path / "here"
    here.mkdir()
    expected = "error: --home is empty: give a folder, e.g. --home ~/aspire"
    by_script, in_process = script(home, *args, cwd=here), aspire(*args)
    assert (by_script.returncode, in_process.exit_code) == (2, 2)
    assert_one_error_line(by_script.stderr, expected)
    assert_one_error_line(in_process.stderr, expected)
    assert list(here.iterdir()) == [] and not home.exists()


# -- a reader that goes away ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_team(tmp_path_factory):
    """More rows than a pipe holds (64 KiB), so the writer meets the closed end for certain."""
    home = tmp_path_factory.mktemp("big") / "home"
    home.mkdir(mode=0o700)
    members = (f'[members.emp-{i:04d}]\nname = "Employee Number {i}"\n' for i in range(3000))
    (home / "team.toml").write_text("schema = 1\n" + "\n".join(members))
    return home


@pytest.mark.parametrize(
    "args", [["due"], ["due", "--json"], ["team", "list"], ["--help"], ["team", "add", "-h"]]
)
def test_output_to_a_closed_pipe_ends_quietly(big_team, args):
    reader, writer = os.pipe()
    os.close(reader)
    env = dict(os.environ, ASPIRE_HOME=str(big_team), NO_COLOR="1")
    try:
        done = subprocess.run(
            [aspire_script(), *args], env=env, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=30
        )
    finally:
        os.close(writer)
    assert done.stderr == ""
    assert done.returncode == 141


@pytest.mark.parametrize("command", ["due", "team list", "--help"])
def test_piped_into_head_ends_quietly(big_team, command):
    env = dict(os.environ, ASPIRE_HOME=str(big_team), NO_COLOR="1")
    done = subprocess.run(
        f"set -o pipefail; '{aspire_script()}' {command} | head -1",
        shell=True,
        executable="/bin/bash",
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.stderr == ""
    assert len(done.stdout.splitlines()) == 1
    assert done.returncode in (0, 141)  # 0 when all of it fit in the pipe before head left


# -- the environment -------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["due"], ["team", "add", "a"], ["team", "list"]])
def test_a_home_name_too_long_is_one_line(aspire, tmp_path, command):
    args = ["--home", str(tmp_path / ("x" * 300)), *command]
    expected = (
        "error: --home: the name 'xxxxxxxxxxxxxxxxxxxx...' in it is 300 bytes long; "
        "a file or folder name can have at most 255."
    )
    for result in (script(tmp_path, *args), aspire(*args)):
        code = result.returncode if isinstance(result, subprocess.CompletedProcess) else result.exit_code
        assert code == 2
        assert_one_error_line(result.stderr, expected)


def test_arguments_that_are_not_utf8_are_named_not_a_traceback(aspire, home, tmp_path):
    assert script(home, "team", "add", "a").returncode == 0
    name = script(home, "team", "add", "b", "--name", b"Bj\xf6rn")
    assert name.returncode == 2
    assert_one_error_line(
        name.stderr,
        "error: --name 'Bj\\udcf6rn' is refused: a name is one line of text, "
        "without tabs, newlines or other control characters",
    )
    employee = script(home, "team", "remove", b"\xff")
    assert employee.returncode == 2
    assert "'\\udcff' is not a valid employee id" in assert_one_error_line(employee.stderr)
    odd_home = tmp_path / os.fsdecode(b"\xff")
    assert script(home, "--home", os.fsencode(odd_home), "team", "add", "a").returncode == 0
    (odd_home / "records/a").mkdir(parents=True)
    (odd_home / "records/a/2026-01-10-talk.toml").write_text("a record, known by its name")
    removed = script(home, "--home", os.fsencode(odd_home), "team", "remove", "a")
    assert removed.returncode == 0 and removed.stderr == ""
    assert "\\udcff/records/a" in removed.stdout
    assert script(home, "--home", os.fsencode(odd_home), "due").returncode == 0


def test_an_os_error_nobody_foresaw_is_one_line_and_exit_74(capsys):
    from aspire_cli.cli.reporting import reporting

    def failing() -> int:
        raise OSError(errno.EIO, "Input/output error", "/some/file")

    assert reporting(failing) == 74
    captured = capsys.readouterr()
    assert captured.err == "error: /some/file: Input/output error\n"


# -- pydantic's words, in the user's -----------------------------------------------------------------
class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    count: int = Field(default=1, ge=1, le=60)
    above: int = Field(default=1, gt=0, lt=10)
    text: str = Field(default="x", min_length=1, pattern="^[a-z]+$")
    flag: bool = True
    day: str | None = None
    when: date | None = None
    table: dict[str, int] = Field(default_factory=dict)
    items: list[int] = Field(default_factory=lambda: [1], min_length=1, max_length=2)
    pair: tuple[int, ...] = ()
    kind: Literal["prep", "talk"] = "prep"
    needed: int


PYDANTIC_CASES = [
    ({}, "needed: required, but missing"),
    ({"needed": 1, "colour": "red"}, "colour: not a known field"),
    ({"needed": 1, "count": 0}, "count: must be at least 1"),
    ({"needed": 1, "count": 61}, "count: must be at most 60"),
    ({"needed": 1, "above": 0}, "above: must be more than 0"),
    ({"needed": 1, "above": 10}, "above: must be less than 10"),
    ({"needed": 1, "text": ""}, "text: must not be empty"),
    ({"needed": 1, "text": "A1"}, "text: is not in the expected form"),
    ({"needed": 1, "text": 5}, "text: must be text"),
    ({"needed": "twelve"}, "needed: must be a whole number"),
    ({"needed": [1]}, "needed: must be a whole number"),
    ({"needed": 1, "flag": "maybe"}, "flag: must be true or false"),
    ({"needed": 1, "flag": [1]}, "flag: must be true or false"),
    ({"needed": 1, "when": "soon"}, "when: must be a date (YYYY-MM-DD)"),
    ({"needed": 1, "when": [1]}, "when: must be a date (YYYY-MM-DD)"),
    ({"needed": 1, "table": 3}, "table: must be a table"),
    ({"needed": 1, "items": 3}, "items: must be a list"),
    ({"needed": 1, "pair": 3}, "pair: must be a list"),
    ({"needed": 1, "items": []}, "items: needs at least 1 item"),
    ({"needed": 1, "items": [1, 2, 3]}, "items: can have at most 2 items"),
    ({"needed": 1, "kind": "chat"}, "kind: must be 'prep' or 'talk'"),
]


@pytest.mark.parametrize(("data", "expected"), PYDANTIC_CASES)
def test_pydantic_errors_are_told_in_plain_words(data, expected):
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(data)
    message = describe_error(caught.value, data)
    assert message.startswith(expected), message
    assert not any(words in message for words in (*LIBRARY_WORDS, "input is too short", "valid"))


def test_a_value_error_keeps_its_own_words_without_the_prefix():
    from aspire_cli.domain.models import Member

    with pytest.raises(ValidationError) as caught:
        Member.model_validate({"name": "a\tb"})
    assert describe_error(caught.value) == (
        "name: a name is one line of text, without tabs, newlines or other control characters"
    )
