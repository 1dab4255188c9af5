"""Guards for the speed budget, without timing anything: what `aspire due` and `--help` import and open.

The figures themselves live in benchmarks/; these tests fail when a change would quietly undo them.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from records_factory import build_home

PROBE = """
import atexit, json, sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
report = lambda: print(json.dumps({"modules": sorted(sys.modules), "opened": opened}), file=sys.stderr)
atexit.register(report)
sys.argv = ["aspire", *sys.argv[1:]]
from aspire_cli.launcher import main
main()
"""
PROMPT_LIBRARIES = {"questionary", "prompt_toolkit"}
HEAVY = PROMPT_LIBRARIES | {"pydantic", "typer", "rich"}


def probe(home: Path, *args: str) -> tuple[set[str], list[str], subprocess.CompletedProcess[str]]:
    env = dict(os.environ, ASPIRE_HOME=str(home), NO_COLOR="1")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=60
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return {m.split(".")[0] for m in report["modules"]}, report["opened"], done


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
