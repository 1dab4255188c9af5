"""Which texts the fast TOML parser may read: a big roster yes, anything that could nest deeply no.

toml_read hands a text to toml_rs only when at most SAFE_BRACKETS of its "[" and "{" could nest
(toml_rs crashes the process when nesting exhausts its stack). A table header alone on its line
nests nothing, so a roster of 1,000 members is read fast; every way of hiding an opener on such a
line (a string, a comment, a second bracket) still counts.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys

import pytest
import toml_rs

from aspire_cli.storage import toml_read
from aspire_cli.storage.toml_read import SAFE_BRACKETS, TomlError, loads

ROSTER = "schema = 1\n" + "".join(
    f'\n[members.emp-{n:05}]\nname = "Employee {n}"\ncadence_months = 12\nadded = 2026-01-05\n'
    for n in range(1000)
)


@pytest.fixture
def parsers(monkeypatch) -> list[str]:
    """The parsers a loads() call used, in order."""
    used: list[str] = []
    fast, slow = toml_rs.loads, toml_read._tomllib_loads
    monkeypatch.setattr(toml_rs, "loads", lambda text, **kw: used.append("toml_rs") or fast(text, **kw))
    monkeypatch.setattr(toml_read, "_tomllib_loads", lambda text: used.append("tomllib") or slow(text))
    return used


def test_a_roster_of_a_thousand_members_is_read_by_the_fast_parser(parsers):
    data = loads(ROSTER)
    assert len(data["members"]) == 1000 and data["members"]["emp-00999"]["name"] == "Employee 999"
    assert parsers == ["toml_rs"]


@pytest.mark.parametrize(
    "line",
    [
        '["""]\n"""\n,',  # the "]" inside a multi-line string: the "[" stays open
        "['''']\n'''\n,",
        "[#]",  # the "]" in a comment
        "[[x]]",  # two openers
        "[{]",
        "[ ] [",
    ],
)
def test_an_opener_on_a_header_like_line_still_counts(parsers, line):
    text = "x = [\n" + "\n".join([line] * (SAFE_BRACKETS + 1)) + "\n]\n"
    assert toml_read._openers(text) > SAFE_BRACKETS
    with contextlib.suppress(TomlError):
        loads(text)
    assert parsers == ["tomllib"]  # never the parser that a deep nesting crashes


def test_nesting_hidden_in_multi_line_strings_is_an_error_not_a_crash():
    """Run where a crash (toml_rs past its stack) cannot take the test run with it."""
    code = (
        "from aspire_cli.storage.toml_read import loads, TomlError\n"
        "deep = 'x = [\\n' + '[\"\"\"]\\n\"\"\"\\n,\\n' * 20_000 + ']' * 20_000\n"
        "try:\n    loads(deep)\nexcept TomlError as exc:\n    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["nested too deeply to be a file aspire wrote"]
