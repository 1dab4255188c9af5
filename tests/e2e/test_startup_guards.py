"""Guards for the speed budget, without timing anything: what `aspire due` and `--help` import and open.

The figures themselves live in benchmarks/; these tests fail when a change would quietly undo them.
"""

import json
import time
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS
from support.probe import HEAVY, PROMPT_LIBRARIES, probe
from support.records_factory import build_home

from aspire_cli.cli.help_text import HELP
from aspire_cli.cli.launcher import GRAMMAR


@pytest.fixture(scope="module")
def big_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("big") / "home"
    build_home(home, employees=12, years=4)
    time.sleep(2.1)  # let every stamp settle (see files.STABLE_AFTER_NS), as it would between real runs
    return home


def test_help_does_not_import_the_prompt_libraries_or_rich(home):
    modules, _, done = probe(home, "--help")
    assert "Usage: aspire" in done.stdout
    assert not modules & (PROMPT_LIBRARIES | {"rich"})


@pytest.mark.parametrize("args", [["due"], ["due", "--json"], ["due", "--brief"]])
def test_due_never_imports_the_prompt_libraries(big_home, args):
    modules, _, done = probe(big_home, *args)
    assert done.returncode == 0
    assert not modules & PROMPT_LIBRARIES


def test_due_opens_only_each_members_latest_talk_then_none_at_all(big_home):
    records = str(big_home / "records")
    (big_home / ".index.sqlite3").unlink(missing_ok=True)
    _, opened, first = probe(big_home, "due", "--json")
    read = [p for p in opened if p.startswith(records) and p.endswith(".toml")]
    assert len(read) == 12  # 12 members, 8 records each: only the latest talk of each is read
    assert all("/2025-" in p and p.endswith("-talk.toml") for p in read)
    modules, opened, warm = probe(big_home, "due", "--json")
    assert [p for p in opened if p.startswith(records)] == []
    assert not modules & HEAVY  # a warm report is plain Python: no pydantic, Typer or Rich
    assert json.loads(warm.stdout) == json.loads(first.stdout)


def test_team_list_from_a_settled_roster_is_plain_python(big_home):
    probe(big_home, "team", "list")
    modules, _, done = probe(big_home, "team", "list")
    assert "emp-011" in done.stdout
    assert not modules & HEAVY


# -- a guard per command: what each one loads ------------------------------------------------------
HELP_REQUESTS = [["--help"], ["-h"], ["team", "--help"], *([*c.split(), "--help"] for c in GRAMMAR if c)]


@pytest.mark.parametrize("args", HELP_REQUESTS, ids=" ".join)
def test_every_help_in_a_terminal_80_wide_is_printed_without_loading_typer(home, args):
    modules, _, done = probe(home, *args, columns=80)
    assert done.returncode == 0 and done.stdout == HELP[" ".join(args[:-1])]
    assert not modules & HEAVY


def test_a_help_in_a_narrower_terminal_is_the_typer_apps_fitted_to_it(home):
    modules, _, done = probe(home, "due", "--help", columns=60)
    assert done.returncode == 0 and done.stdout.startswith("Usage: aspire due")
    assert max(len(line) for line in done.stdout.splitlines()) <= 60 and done.stdout != HELP["due"]
    assert "typer" in modules and not modules & (HEAVY - {"typer"})


@pytest.mark.parametrize(
    "args",
    [
        ["due"],
        ["due", "--json"],
        ["due", "--brief"],
        ["team", "list"],
        ["team", "list", "--json"],
        ["drafts"],
        ["drafts", "--json"],
    ],
)
def test_a_warm_listing_is_plain_python(big_home, args):
    probe(big_home, *args)
    modules, _, done = probe(big_home, *args)
    assert done.returncode == 0
    assert not modules & HEAVY


@pytest.mark.parametrize(
    "args",
    [["team", "add", "a", "--name", "A"], ["team", "edit", "a", "--cadence", "6"], ["team", "remove", "a"]],
    ids=" ".join,
)
def test_a_team_change_is_plain_python(home, args):
    if args[1] != "add":
        probe(home, "team", "add", "a")
    modules, _, done = probe(home, *args)
    assert done.returncode == 0, done.stderr
    assert not modules & HEAVY  # no pydantic either: team.toml as this aspire wrote it is checked plainly


def talk_from_a_file(home: Path, tmp_path: Path) -> set[str]:
    probe(home, "team", "add", "alice")
    answers = tmp_path / "answers.toml"
    answers.write_text(TALK_ANSWERS, encoding="utf-8")
    modules, _, done = probe(home, "talk", "alice", "--answers", str(answers))
    assert done.returncode == 0, done.stderr
    return modules


def test_a_talk_from_an_answers_file_loads_neither_typer_nor_the_prompt_libraries(home, tmp_path):
    assert not talk_from_a_file(home, tmp_path) & (PROMPT_LIBRARIES | {"typer"})


def test_a_talk_from_an_answers_file_loads_no_rich(home, tmp_path):
    assert "rich" not in talk_from_a_file(home, tmp_path)
