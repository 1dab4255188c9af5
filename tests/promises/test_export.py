"""`aspire export`: every talk a row, read back as a spreadsheet or a script would read it.

Alice (on the team) has a prep and two talks, an action of the first done since; Bob had one talk
and was then removed from the team. The prep answers are distinctive, so that their absence can be
asserted anywhere.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.probe import HEAVY, probe
from support.processes import aspire_script
from support.records_factory import build_home

from aspire_cli.commands.export import csv_bytes
from aspire_cli.views.csv_text import spreadsheet_cell
from aspire_cli.views.export_rows import FIXED, Row

PREP_SECRETS = ("PREP-POTENTIAL-Zq7", "PREP-DEVELOPMENT-Zq7", "PREP-STRENGTHS-Zq7", "PREP-NEEDS-Zq7")
PREP = f"""\
potential = "{PREP_SECRETS[0]}"
potential_level = "expert track"
readiness = "3-5 years"
development = "{PREP_SECRETS[1]}"
strengths = "{PREP_SECRETS[2]}"
short_term_needs = "{PREP_SECRETS[3]}"
next_assignment = "Tech lead, payments"
"""
ACTION_KEYS = {"employee", "number", "action", "measure", "due", "agreed", "status", "closed", "note"}
ROW_KEYS = {
    "employee",
    "name",
    "kind",
    "date",
    "seq",
    "file",
    "question_set",
    "question_set_version",
    "answers",
    "actions",
    "own_words",  # {} when no form came back
}


def talk(short_term: str, actions: list[tuple[str, str | None]], **more: str) -> str:
    answers = {
        "short_term_aspiration": short_term,
        "long_term_aspiration": "Director of engineering\nwith a second line",
        "aspiration_level": "one level up",
        "knows_path": "Partly",
        "willing": "yes",
        "core_strength": 'Architecture, "boxes and arrows"',
        "development_area": "Delegation",
        "next_assignment_wish": "More ownership",
        **more,
    }
    text = "".join(f"{key} = {json.dumps(value)}\n" for key, value in answers.items())
    for action, due in actions:
        text += f'\n[[actions]]\naction = {json.dumps(action)}\nmeasure = "Measured"\n'
        text += f"due = {due}\n" if due else ""
    return text


def held(aspire, kind: str, employee: str, day: str, answers: str) -> None:
    done = aspire(kind, employee, "--date", day, "--answers", "-", input=answers)
    assert done.exit_code == 0, done.stderr


@pytest.fixture
def team(aspire, home):
    aspire("team", "add", "alice", "--name", "Alice Smith")
    aspire("team", "add", "bob", "--name", "Bob Lee")
    held(aspire, "prep", "alice", "2025-01-08", PREP)
    held(aspire, "talk", "alice", "2025-01-10", talk("Lead a small team", [("Run the guild", "2025-06-30")]))
    held(aspire, "talk", "alice", "2026-01-10", talk("=1+2", [("Write the RFC", "2027-03-01")]))
    held(aspire, "talk", "bob", "2024-05-01", talk("Ship the platform", [("Pair with SRE", None)]))
    assert aspire("actions", "done", "alice", "1", "--date", "2025-05-01").exit_code == 0
    assert aspire("team", "remove", "bob").exit_code == 0
    return home


def exported(aspire, *args: str) -> list[dict[str, str]]:
    done = aspire("export", *args)
    assert done.exit_code == 0, done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout, newline="")))


def test_csv_has_a_row_per_talk_with_a_column_per_question(aspire, team):
    rows = exported(aspire)
    assert [(r["employee"], r["date"], r["kind"]) for r in rows] == [
        ("alice", "2025-01-10", "talk"),
        ("alice", "2026-01-10", "talk"),
        ("bob", "2024-05-01", "talk"),
    ]
    columns = list(rows[0])
    assert columns[:7] == ["employee", "name", "kind", "date", "file", "question_set", "question_set_version"]
    assert columns[7:10] == ["short_term_aspiration", "long_term_aspiration", "aspiration_level"]
    assert "actions" in columns and "next_assignment_wish" in columns
    first = rows[0]
    assert first["name"] == "Alice Smith" and first["file"] == "2025-01-10-talk.toml"
    assert first["question_set"] == "talk" and first["question_set_version"].isdigit()
    assert first["long_term_aspiration"] == "Director of engineering\nwith a second line"
    assert first["core_strength"] == 'Architecture, "boxes and arrows"'
    assert first["aspiration_level"] == "one level up"


def test_actions_are_one_cell_each_with_its_number_and_status(aspire, team):
    rows = exported(aspire)
    assert rows[0]["actions"] == "#1 Run the guild (measure: Measured; due 2025-06-30; done on 2025-05-01)"
    assert rows[1]["actions"].startswith("#2 Write the RFC (measure: Measured; due 2027-03-01; ")
    assert rows[1]["actions"].endswith(("; open)", "; overdue)"))
    assert rows[2]["actions"] == "#1 Pair with SRE (measure: Measured; open)"


def test_a_formula_looking_answer_is_text_in_a_spreadsheet(aspire, team):
    rows = exported(aspire)
    assert rows[1]["short_term_aspiration"] == "'=1+2"
    as_json = json.loads(aspire("export", "--format", "json").stdout)
    assert as_json[1]["answers"]["short_term_aspiration"] == "=1+2"  # JSON keeps it exactly


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "  ="])
def test_every_formula_start_is_neutralised(start):
    row = Row(
        "alice", "", "talk", "2026-01-10", 1, "x.toml", "talk", 2, {"q": f"{start}cmd|' /C calc'!A0"}, {}, []
    )
    read = list(csv.reader(io.StringIO(csv_bytes(["q"], [row], bom=False).decode(), newline="")))
    assert read[1][-1].startswith("'")


def test_a_member_removed_from_the_team_is_exported_with_their_history(aspire, team):
    bob = [row for row in exported(aspire) if row["employee"] == "bob"]
    assert len(bob) == 1 and bob[0]["name"] == ""  # the roster kept the name; the records stay


def test_json_rows_carry_the_columns_and_the_actions_as_aspire_actions_writes_them(aspire, team):
    done = aspire("export", "--format", "json")
    assert done.exit_code == 0, done.stderr
    rows = json.loads(done.stdout)
    assert len(rows) == 3 and all(set(row) == ROW_KEYS for row in rows)
    assert rows[0]["answers"]["short_term_aspiration"] == "Lead a small team"
    assert "actions" not in rows[0]["answers"]
    listed = json.loads(aspire("actions", "alice", "--all", "--json").stdout)
    assert rows[0]["actions"] + rows[1]["actions"] == sorted(listed, key=lambda a: a["number"])
    assert all(set(action) == ACTION_KEYS for row in rows for action in row["actions"])
    assert rows[0]["actions"][0]["status"] == "done" and rows[0]["actions"][0]["closed"] == "2025-05-01"


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_prep_notes_and_assessments_stay_out_unless_asked_for(aspire, team, fmt):
    plain = aspire("export", "--format", fmt)
    assert plain.exit_code == 0
    for private in (*PREP_SECRETS, "expert track", "3-5 years", "potential_level", "readiness", "prep"):
        assert private not in plain.stdout
    with_prep = aspire("export", "--format", fmt, "--include-prep")
    assert with_prep.exit_code == 0
    for private in (*PREP_SECRETS, "expert track", "3-5 years", "potential_level", "readiness"):
        assert private in with_prep.stdout


def test_include_prep_adds_prep_rows_and_their_columns_after_the_talks(aspire, team):
    rows = exported(aspire, "--include-prep")
    assert [(r["date"], r["kind"]) for r in rows if r["employee"] == "alice"] == [
        ("2025-01-08", "prep"),
        ("2025-01-10", "talk"),
        ("2026-01-10", "talk"),
    ]
    columns = list(rows[0])
    assert columns.index("next_assignment_wish") < columns.index("potential") < columns.index("readiness")
    prep = rows[0]
    assert prep["potential"] == PREP_SECRETS[0] and prep["readiness"] == "3-5 years"
    assert prep["short_term_aspiration"] == "" and prep["actions"] == ""


def test_since_keeps_the_discussions_on_or_after_that_day(aspire, team):
    rows = exported(aspire, "--since", "2025-01-10")
    assert [(r["employee"], r["date"]) for r in rows] == [("alice", "2025-01-10"), ("alice", "2026-01-10")]
    # an action keeps its number whatever --since leaves out
    assert exported(aspire, "--since", "2026-01-01")[0]["actions"].startswith("#2 Write the RFC")
    assert exported(aspire, "--since", "2030-01-01") == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--since", "2025-13-01"], "--since '2025-13-01' is not a day"),
        (["--since", "last week"], "--since 'last week' is not a date"),
        (["--format", "xlsx"], "--format 'xlsx': must be one of csv, json"),
    ],
)
def test_bad_input_is_one_error_line(aspire, team, args, words):
    done = aspire("export", *args)
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.startswith("error: ") and words in done.stderr and done.stderr.count("\n") == 1


def test_out_writes_a_private_file_with_a_byte_order_mark_for_spreadsheets(aspire, team, tmp_path):
    target = tmp_path / "team.csv"
    target.write_text("old")
    target.chmod(0o644)
    done = aspire("export", "--out", str(target))
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"Wrote 3 talks with 2 people to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfemployee,name,") and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    assert not aspire("export").stdout.startswith("\ufeff")  # printed, it has none: pipes see the header


def test_out_refuses_a_symbolic_link_and_writes_nothing(aspire, team, tmp_path):
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("keep me")
    link = tmp_path / "link.csv"
    link.symlink_to(elsewhere)
    done = aspire("export", "--out", str(link))
    assert done.exit_code == 2 and "is a symbolic link" in done.stderr and done.stdout == ""
    assert link.is_symlink() and elsewhere.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["elsewhere.csv", "link.csv"]


@pytest.mark.parametrize("where", ["folder", "missing/x.csv", "home/team.csv"])
def test_out_refuses_a_folder_a_missing_folder_and_the_aspire_folder(aspire, team, tmp_path, where):
    (tmp_path / "folder").mkdir()
    done = aspire("export", "--out", str(tmp_path / where))
    assert done.exit_code == 2 and done.stderr.startswith("error: --out ") and done.stdout == ""
    assert not (tmp_path / "home" / "team.csv").exists()


def test_a_broken_record_is_named_and_everything_else_exported(aspire, team):
    broken = team / "records" / "alice" / "2026-01-10-talk.toml"
    broken.write_text("this is = = not toml")
    done = aspire("export")
    assert done.exit_code == 2
    assert done.stderr.startswith("error: ") and str(broken) in done.stderr and done.stderr.count("\n") == 1
    rows = list(csv.DictReader(io.StringIO(done.stdout, newline="")))
    assert [(r["employee"], r["date"]) for r in rows] == [("alice", "2025-01-10"), ("bob", "2024-05-01")]


def test_a_broken_record_with_out_still_writes_the_rest(aspire, team, tmp_path):
    (team / "records" / "bob" / "2024-05-01-talk.toml").write_text("schema = 99")
    target = tmp_path / "team.json"
    done = aspire("export", "--format", "json", "--out", str(target))
    assert done.exit_code == 2 and "2024-05-01-talk.toml" in done.stderr
    assert [row["employee"] for row in json.loads(target.read_text())] == ["alice", "alice"]


def test_control_characters_are_shown_not_obeyed(aspire, team):
    record = team / "records" / "alice" / "2025-01-10-talk.toml"
    record.write_text(record.read_text().replace("Lead a small team", "Lead\\u001b[2J a team\\r now"))
    rows = exported(aspire)
    assert rows[0]["short_term_aspiration"] == "Lead\\x1b[2J a team\\r now"
    assert "\x1b" not in aspire("export").stdout


def test_control_characters_among_other_scripts_are_shown_too(aspire, team):
    record = team / "records" / "alice" / "2025-01-10-talk.toml"
    record.write_text(record.read_text().replace("Lead a small team", "Führen \\u009b31m ein Team \\u202e"))
    rows = exported(aspire)
    assert rows[0]["short_term_aspiration"] == "Führen \\x9b31m ein Team \\u202e"


def test_a_set_with_two_actions_questions_has_a_cell_for_each(aspire, team):
    (team / "questions").mkdir()
    (team / "questions" / "talk.toml").write_text(TWO_ACTIONS_TALK)
    answers = (
        'aim = "Staff engineer"\n\n[[actions]]\naction = "Mentor"\nmeasure = "Two"\n'
        '\n[[stretch]]\naction = "Give a talk"\nmeasure = "One"\n'
    )
    held(aspire, "talk", "alice", "2026-03-01", answers)
    row = exported(aspire, "--since", "2026-03-01")[0]
    assert row["actions"] == "#3 Mentor (measure: Two; open)"
    assert row["stretch"] == "#4 Give a talk (measure: One; open)"
    assert list(row)[7:] == ["aim", "actions", "stretch"]
    every = list(exported(aspire)[0])  # the ids only older talks have come after the set's own
    assert every[7:11] == ["aim", "actions", "stretch", "short_term_aspiration"]


TWO_ACTIONS_TALK = """\
id = "talk"
version = 9
title = "A talk of your own"

[[questions]]
id = "aim"
text = "What do you aim for?"
kind = "long_text"

[[questions]]
id = "actions"
text = "What will you do?"
kind = "actions"

[[questions]]
id = "stretch"
text = "What stretches you?"
kind = "actions"
required = false
"""


def test_nothing_to_export_without_a_home_and_no_home_is_made(aspire, home):
    done = aspire("export")
    assert done.exit_code == 0 and done.stdout.startswith("employee,name,kind,")
    assert done.stdout_bytes.count(b"\r\n") == 1 and "Nothing to export" in done.stderr
    assert aspire("export", "--format", "json").stdout == "[]\n"
    assert not home.exists()


# Any text but lone surrogates and the characters written as escapes; with the line break, the
# comma and the double quote that make a field quoted.
FIELD_TEXT = st.text(
    st.characters(exclude_categories=["Cs", "Cc", "Cf", "Zl", "Zp"], include_characters='\n,"'), max_size=40
)


@given(st.lists(FIELD_TEXT, min_size=1, max_size=6))
def test_fields_are_quoted_exactly_as_the_csv_module_quotes_them(texts):
    # The promise behind writing CSV by hand: the bytes are the csv module's own (QUOTE_MINIMAL,
    # CRLF), which every spreadsheet reads, for any text the formula guard leaves as it is.
    texts = [text for text in texts if spreadsheet_cell(text) == text]
    ids = [f"q{n}" for n in range(len(texts))]
    row = Row(
        "alice",
        "A, B",
        "talk",
        "2026-01-10",
        1,
        "x.toml",
        "talk",
        2,
        dict(zip(ids, texts, strict=True)),
        {},
        [],
    )
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow([*FIXED, *ids])
    writer.writerow(row.cells(ids))
    assert csv_bytes(ids, [row], bom=False) == expected.getvalue().encode("utf-8")


def test_piped_into_a_closed_pipe_ends_quietly(aspire, team):
    long_answer = "A long answer. " * 20_000  # far more than a pipe holds
    held(aspire, "talk", "alice", "2026-02-01", talk(long_answer, [("Act", None)]))
    reader, writer = os.pipe()
    os.close(reader)
    env = dict(os.environ, ASPIRE_HOME=str(team), NO_COLOR="1")
    try:
        done = subprocess.run(
            [aspire_script(), "export"], env=env, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=30
        )
    finally:
        os.close(writer)
    assert done.stderr == "" and done.returncode == 141


@pytest.fixture(scope="module")
def settled_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("warm") / "home"
    build_home(home, employees=3, years=3)
    time.sleep(2.1)  # let every stamp settle (see files.STABLE_AFTER_NS), as between real runs
    return home


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_warm_export_reads_the_index_and_loads_no_pydantic(settled_home, fmt):
    probe(settled_home, "export", "--format", fmt)
    modules, opened, done = probe(settled_home, "export", "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "emp-002" in done.stdout
    assert not modules & HEAVY
    assert [path for path in opened if path.endswith(".toml") and "/records/" in path] == []
