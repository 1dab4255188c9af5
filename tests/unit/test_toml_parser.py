"""The fast TOML reader returns exactly what tomllib returns, or fails where tomllib fails, saying the same.

toml_read puts toml_rs in front of tomllib (see its docstring for why, and benchmarks/toml_parsers.py
for the figures). Equivalence is checked twice: the raw parser on its own, so that the fast path is
known to be taken and right for every document aspire writes; and toml_read.loads, aspire's only
parse step, on hostile text of every kind. "Exactly" means same types (date against datetime, int
against float, tz-aware or naive), same key order, the sign of -0.0 and NaN where tomllib has them.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
import tomllib
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any

import pytest
import toml_rs
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from support.records_factory import TALK, TALK_RAW, build_home

from aspire_cli.domain.models import Draft, Member, Record, Team
from aspire_cli.errors import BadFile
from aspire_cli.storage.files import read_toml
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.toml_read import SAFE_BRACKETS, TomlError, load_bytes, loads
from aspire_cli.storage.toml_write import toml_text


def same(a: Any, b: Any) -> bool:
    """Equal and of the same types all the way down, keys in the same order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, datetime | clock_time):
        return a == b and repr(a.tzinfo) == repr(b.tzinfo)
    return bool(a == b)


def outcome(parse: Any, text: Any) -> tuple[str, Any]:
    """("ok", data) or ("error", message): what a reader of `text` is left with."""
    try:
        return "ok", parse(text)
    except (tomllib.TOMLDecodeError, TomlError) as exc:
        return "error", str(exc)
    except RecursionError:
        return "error", "nested too deeply to be a file aspire wrote"  # toml_read's words for it


def assert_same_outcome(text: str) -> None:
    """toml_read's result is tomllib's on the text without one leading byte-order mark (TOML 1.0
    allows it; tomllib refuses it: an editor that saves one must not make a record unreadable)."""
    got, expected = outcome(loads, text), outcome(tomllib.loads, text.removeprefix("\ufeff"))
    assert got[0] == expected[0], (text, got, expected)
    assert same(got[1], expected[1]), (text, got, expected)


def fast(text: str) -> dict[str, Any]:
    return toml_rs.loads(text, toml_version="1.0.0")


# -- what aspire writes ----------------------------------------------------------------------------
SPECIALS = ["\r", "\r\n", "\n", "\x00", "\x1b", "\x7f", "\x85", "\ufeff", "\u2028", '"', "'", '"""']
SPECIALS += ["'''", "\\", "\\u00e9", "\\n", "\t", "[", "]", "{", "#", "=", "a = 1", "\U0010fffd", "é"]
# Every Unicode category except lone surrogates (no UTF-8 file can hold one), and the characters
# that make TOML strings hard, often enough to meet each other.
ANY_TEXT = st.lists(
    st.one_of(st.characters(exclude_categories=["Cs"]), st.sampled_from(SPECIALS)), max_size=60
).map("".join)
ANSWER = ANY_TEXT.filter(lambda s: s.strip())
ANY_DAY = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))


@st.composite
def records(draw: st.DrawFn) -> Record:
    texts = {q.id: draw(ANSWER) for q in TALK.questions if q.kind.value == "long_text"}
    actions = [
        {"action": draw(ANSWER), "measure": draw(ANSWER), "due": draw(st.none() | ANY_DAY)}
        for _ in range(draw(st.integers(1, 4)))
    ]
    answers = TALK.validate_answers({**TALK_RAW, **texts, "actions": actions})
    kind = draw(st.sampled_from([Record, Draft]))
    return kind(
        kind="talk",
        employee=draw(st.from_regex(r"[a-z]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)),
        date=draw(ANY_DAY),
        question_set="talk",
        question_set_version=1,
        answers=answers,
    )


@st.composite
def teams(draw: st.DrawFn) -> Team:
    ids = draw(
        st.lists(st.from_regex(r"[a-z]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True), max_size=5, unique=True)
    )
    members = {}
    for employee in ids:
        name = draw(st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=30))
        try:
            members[employee] = Member(
                name=name, cadence_months=draw(st.integers(1, 60)), added=draw(ANY_DAY)
            )
        except ValueError:
            assume(False)
    return Team(members=members)


def aspire_documents() -> st.SearchStrategy[str]:
    as_record = records().map(lambda r: toml_text(r.to_toml_data()))
    as_answers_file = records().map(lambda r: toml_text(r.to_toml_data()["answers"]))
    return as_record | as_answers_file | teams().map(lambda t: toml_text(t.to_toml_data()))


EDGE_DAYS = "d = 0001-01-01\ne = 9999-12-31\nf = 0001-01-01T00:00:00Z\ng = 9999-12-31T23:59:59.999999-23:59\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=aspire_documents())
@example(text=EDGE_DAYS)
def test_the_fast_parser_reads_every_document_aspire_writes_exactly_as_tomllib(text):
    expected = tomllib.loads(text)
    assert same(fast(text), expected)
    assert same(loads(text), expected)
    assert same(load_bytes(text.encode()), expected)


# -- hostile text ----------------------------------------------------------------------------------
TOKENS = [
    *["a", "b", "answers", "actions", '"k"', "'k'", '""', "1", "-", "_", "true", "inf", "nan", "."],
    *[" = ", "=", " ", "\t", "\n", "\r\n", "\r", "#", "# c\n", ",", ",\n", "[", "]", "[[", "]]", "{", "}"],
    *['"', "'", '"""', "'''", '"x"', "'x'", '"""\nx\r\ny"""', "'''\r\nx'''", "\\", '\\"', "\\\\"],
    *["\\n", "\\t", "\\r", "\\b", "\\f", "\\e", "\\x41", "\\u00E9", "\\U0001F389", "\\uD800", "\\U00110000"],
    *["\\u00", "\\ \n", "\\\n  ", "\x00", "\x08", "\x1f", "\x7f", "\x85", "\ufeff", "\u2028", "é", "🎉"],
    *["0", "-0", "+0", "1_000", "1__0", "_1", "01", "0xDEAD_beef", "0o777", "0o8", "0b101", "0x", "0b"],
    *["9223372036854775807", "-9223372036854775809", "99999999999999999999999", "1.0", "1.", ".5", "1e5"],
    *["1E+5", "1e400", "-1e400", "1.7976931348623159e308", "4.9e-324", "-0.0", "+inf", "-nan", "1e0_1"],
    *["0001-01-01", "9999-12-31", "2026-02-30", "2024-02-29", "2026-13-01", "2026-00-10", "10000-01-01"],
    *["2026-1-1", "T", "t", "Z", "z", "07:32:00", "07:32", "24:00:00", "23:59:60", "00:00:00.123456789"],
    *["+00:00", "-23:59", "+24:00", "+01:60", "+0100", "2026-01-01T00:00:00", "2026-01-01 10:00:00Z"],
]
TOKEN_SOUP = st.lists(st.sampled_from(TOKENS) | st.characters(exclude_categories=["Cs"]), max_size=40).map(
    "".join
)
LINES = st.lists(
    st.tuples(st.sampled_from(["a", "b.c", '"k"', "answers.x", "'é'"]), TOKEN_SOUP).map(" = ".join)
    | st.sampled_from(["[a]", "[b.c]", "[[answers.actions]]", "[[a]]", "[a.b]"]),
    max_size=8,
).map("\n".join)


@st.composite
def mangled_aspire_documents(draw: st.DrawFn) -> str:
    text = draw(aspire_documents())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 3))
        text = text[:at] + draw(st.sampled_from(TOKENS) | st.just("")) + text[at + cut :]
    return text


HOSTILE = st.one_of(st.text(max_size=80), TOKEN_SOUP, LINES, mangled_aspire_documents())


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE | HOSTILE.map("\ufeff".__add__))
@example(text="\ufeffa = 1")  # a byte-order mark: taken off, then read (tomllib alone refuses it)
@example(text="\ufeff")
@example(text="\ufeff\ufeffa = 1")  # a second one is a character where a key should be: refused
@example(text="\ufeff[a]\nb = 'x\ufeff'")
@example(text="\ufeffa = " + "[" * 1000 + "]" * 1000)
@example(text="d = 2026-02-30")
@example(text="t = 2026-12-31T23:59:60Z")  # toml_rs: ValueError, not a TOMLDecodeError
@example(text="a = 1\na = 2")
@example(text='s = "\\q"')
@example(text='s = "\\e"')  # TOML 1.1 escapes: refused, as tomllib refuses them
@example(text="t = 07:32")
@example(text="t = {a = 1,\n b = 2}")
@example(text="a = 1\r")
@example(text='a = """x\ry"""')
@example(text='a = """x\r\ny"""')
@example(text="a = 1\x00")
@example(text="f = 1e400\ng = -0.0\nh = -nan")
@example(text="a = " + "[" * 150 + "]" * 150)  # deep, but inside what both read
@example(text="a = " + "{b = " * 150 + "1" + "}" * 150)
@example(text="a = " + "[" * 1000 + "]" * 1000)  # tomllib: RecursionError
@example(text=".".join(["k"] * 500) + " = 1")  # deep through dotted keys, which hold no bracket
@example(text="[" + ".".join(["k"] * 500) + "]\nx = 1")
def test_reading_any_text_gives_what_tomllib_gives_or_its_error(text):
    assert_same_outcome(text)


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_the_raw_fast_parser_accepts_nothing_tomllib_refuses_but_a_byte_order_mark(text):
    """Why toml_read trusts a toml_rs success: on a text the guard lets through, whatever toml_rs
    returns is tomllib's answer too. (toml_rs refusing more than tomllib would be harmless: the error
    path asks tomllib. In practice it refuses exactly what tomllib refuses.)"""
    assume(not text.startswith("\ufeff") and text.count("[") + text.count("{") <= SAFE_BRACKETS)
    try:
        got = fast(text)
    except Exception:
        return
    assert same(got, tomllib.loads(text)), text


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=60) | aspire_documents().map(str.encode), junk=st.binary(max_size=3))
@example(data=b"a = '\xff\xfe'\n", junk=b"")
@example(data=b"a = 1\n\xc3", junk=b"")
def test_bytes_that_are_not_utf8_are_refused_naming_the_line(data, junk):
    data = data[: len(data) // 2] + junk + data[len(data) // 2 :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        with pytest.raises(TomlError, match="not UTF-8") as caught:
            load_bytes(data)
        assert caught.value.line == data.count(b"\n", 0, exc.start) + 1
        return
    assert outcome(load_bytes, data) == outcome(loads, text)


def test_nesting_deeper_than_any_stack_is_an_error_not_a_crash():
    """toml_rs alone kills the process (SIGSEGV) from 500-1,000 levels (1 MiB stack) or 4,000-6,000
    (8 MiB): run where a crash cannot take the test run with it."""
    code = (
        "from aspire_cli.storage.toml_read import loads, TomlError\n"
        "deep = ['x = ' + '[' * 100_000 + ']' * 100_000, 'x = ' + '{a = ' * 50_000 + '1' + '}' * 50_000]\n"
        "for text in deep:\n"
        "    try:\n        loads(text)\n    except TomlError as exc:\n        print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["nested too deeply to be a file aspire wrote"] * 2


# -- aspire's one line, naming the file and the line -----------------------------------------------
def test_an_invalid_record_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "2026-01-10-talk.toml"
    path.write_text('schema = 1\nkind = "talk"\ndate = 2026-02-30\n')
    with pytest.raises(BadFile) as caught:
        read_toml(path)
    message = caught.value.message
    assert message == f"{path}: not valid TOML: Invalid date or datetime (at line 3, column 8)"


def test_a_record_that_is_not_utf8_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "2026-01-10-talk.toml"
    path.write_bytes(b'schema = 1\nkind = "talk"\nname = "\xff"\n')
    with pytest.raises(BadFile) as caught:
        read_toml(path)
    assert caught.value.message == f"{path}: not valid TOML: the file is not UTF-8 text (at line 3)"


def test_an_invalid_answers_file_names_the_file_and_the_line(aspire, tmp_path):
    aspire("team", "add", "alice")
    answers = tmp_path / "answers.toml"
    answers.write_text('willing = "yes"\ncore_strength = "a"\ncore_strength = "b"\n')
    result = aspire("talk", "alice", "--answers", str(answers))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: answers file {answers}: not valid TOML: Cannot overwrite a value (at line 3, column 20)"
    ]


def test_a_deeply_nested_answers_file_is_refused_in_one_line(aspire, tmp_path):
    aspire("team", "add", "alice")
    answers = tmp_path / "answers.toml"
    answers.write_text("willing = " + "[" * 5000 + "]" * 5000 + "\n")
    result = aspire("talk", "alice", "--answers", str(answers))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: answers file {answers}: not valid TOML: nested too deeply to be a file aspire wrote"
    ]


def test_an_invalid_question_set_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "custom.toml"
    path.write_text('id = "custom"\nversion = 1\ntitle = "\\e"\n')
    with pytest.raises(BadFile) as caught:
        load_question_set("custom", tmp_path)
    expected = "not valid TOML: Unescaped '\\' in a string (at line 3, column 12)"
    assert caught.value.message == f"{path}: {expected}"


# -- startup --------------------------------------------------------------------------------------
PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["aspire", *sys.argv[1:]]
from aspire_cli.cli.launcher import main
main()
"""


def modules_loaded_by(home: Path, *args: str) -> set[str]:
    env = dict(os.environ, ASPIRE_HOME=str(home), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_a_warm_due_loads_no_toml_parser_and_a_cold_one_the_fast_one(tmp_path):
    home = tmp_path / "home"
    build_home(home, employees=3, years=1)
    time.sleep(2.1)  # let every stamp settle (see files.STABLE_AFTER_NS), as between real runs
    cold = modules_loaded_by(home, "due")
    assert "toml_rs" in cold  # the records were read, by the fast parser
    warm = modules_loaded_by(home, "due")
    assert not warm & {"toml_rs", "tomllib", "aspire_cli.storage.toml_read"}
