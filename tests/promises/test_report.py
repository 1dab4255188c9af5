"""aspire report: the team at a glance, in every format, from a home built through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support.processes import aspire_script

from aspire_cli.domain.schedule import add_months
from aspire_cli.domain.team_report import (
    AIMS_HIGHER,
    ALIGNED,
    DIFFERENT_TRACK,
    GRID_ROWS,
    READINESS,
    SEES_MORE,
    alignment,
    initials,
)
from aspire_cli.views.report import CSV_COLUMNS

TODAY = date.today()
DAY = (TODAY - timedelta(days=40)).isoformat()  # a talk 40 days ago: ok for a year
PREP_DAY = (TODAY - timedelta(days=41)).isoformat()
NEXT_DUE = add_months(date.fromisoformat(DAY), 12).isoformat()

# Written here, with the level questions (prep and talk version 2), rather than taken from support.answers.
PREP = """\
potential = "Head of platform engineering"
potential_level = "{level}"
readiness = "{readiness}"
development = "Leadership programme"
strengths = "Systems thinking"
short_term_needs = "Presentation skills"
next_assignment = "{assignment}"
"""
TALK = """\
short_term_aspiration = "{short}"
long_term_aspiration = "Director of engineering"
aspiration_level = "{level}"
knows_path = "Partly"
willing = "{willing}"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
due = {due}

[[actions]]
action = "Hand release management to Bob"
measure = "Bob runs two releases alone"
"""

# employee: (name, potential level, readiness, aspiration level)
TEAM = {
    "alice": ("Alice Smith", "senior leadership", "ready now", "senior leadership"),
    "amy": ("Amy Stone", "senior leadership", "ready now", "one level up"),
    "bob-lee": ("Bob Lee", "one level up", "3-5 years", "two or more levels up"),
    "carol": ("Carol Jones", "expert track", "1-2 years", "one level up"),
    "dev": ("", "current role", "1-2 years", "expert track"),
    "erin": ("Erin Moss", "expert track", "ready now", "expert track"),
}


def add(aspire, tmp_path: Path, employee: str, name: str) -> None:
    args = ["team", "add", employee, *(["--name", name] if name else [])]
    assert aspire(*args).exit_code == 0


def discuss(aspire, tmp_path: Path, kind: str, employee: str, day: str, text: str) -> None:
    answers = tmp_path / f"{employee}-{kind}-{day}.toml"
    answers.write_text(text, encoding="utf-8")
    done = aspire(kind, employee, "--date", day, "--answers", str(answers))
    assert done.exit_code == 0, done.stderr


def prep(aspire, tmp_path, employee, level, readiness, day=PREP_DAY, assignment="Tech lead, payments"):
    text = PREP.format(level=level, readiness=readiness, assignment=assignment)
    discuss(aspire, tmp_path, "prep", employee, day, text)


def talk(aspire, tmp_path, employee, level, day=DAY, short="Lead a small team", willing="yes", due=None):
    due_day = due or (TODAY + timedelta(days=200)).isoformat()
    text = TALK.format(level=level, short=short, willing=willing, due=due_day)
    discuss(aspire, tmp_path, "talk", employee, day, text)


@pytest.fixture
def team(aspire, home, tmp_path) -> Path:
    """Six members, each with a prep and a talk; and two not assessed: one with no prep at all,
    one whose latest prep predates the levels (question set version 1)."""
    for employee, (name, potential, readiness, aims) in TEAM.items():
        add(aspire, tmp_path, employee, name)
        prep(aspire, tmp_path, employee, potential, readiness)
        talk(aspire, tmp_path, employee, aims)
    add(aspire, tmp_path, "fay", "Fay Wong")
    talk(aspire, tmp_path, "fay", "one level up")
    add(aspire, tmp_path, "gus", "Gus Old")
    prep(aspire, tmp_path, "gus", "one level up", "ready now")
    as_version_1(home / "records" / "gus" / f"{PREP_DAY}-prep.toml")
    return home


def as_version_1(record: Path) -> None:
    """A prep as aspire wrote it before the level questions: no potential_level, no readiness."""
    lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("potential_level", "readiness"))]
    text = "".join(kept).replace("question_set_version = 2", "question_set_version = 1")
    record.write_text(text, encoding="utf-8")


def report_json(aspire, *args: str) -> dict:
    done = aspire("report", "--format", "json", *args)
    assert done.exit_code == 0, done.stderr
    return json.loads(done.stdout)


# -- the pure parts --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("aims", "sees", "mark"),
    [
        ("one level up", "one level up", ALIGNED),
        ("expert track", "expert track", ALIGNED),
        ("senior leadership", "one level up", AIMS_HIGHER),
        ("two or more levels up", "current role", AIMS_HIGHER),
        ("current role", "senior leadership", SEES_MORE),
        ("one level up", "two or more levels up", SEES_MORE),
        ("expert track", "senior leadership", DIFFERENT_TRACK),
        ("current role", "expert track", DIFFERENT_TRACK),
        (None, "one level up", None),
        ("one level up", None, None),
        ("a level of my own", "one level up", None),
    ],
)
def test_alignment_marks(aims, sees, mark):
    assert alignment(aims, sees) == mark


def test_initials_are_unique_and_readable():
    marks = initials(
        {
            "alice": "Alice Smith",
            "amy": "Amy Stone",
            "anna": "Anna Smith",
            "bob-lee": "",
            "bob": "Bob Lee",
            "zoe": "Zoë Ångström",
            "mj": "Mary Ann Smith-Jones",
        }
    )
    assert marks["zoe"] == "ZÅ"
    assert marks["mj"] == "MS"
    assert (marks["alice"], marks["amy"], marks["anna"]) == ("AlS", "AmS", "AnS")  # first names differ first
    assert initials({"a": "Alice Smith", "b": "Alice Stone"}) == {"a": "ASm", "b": "ASt"}
    assert {marks["bob"], marks["bob-lee"]} == {"BL1", "BL2"}  # the same name: numbered
    assert len(set(marks.values())) == len(marks)


# -- the content -----------------------------------------------------------------------------------
def test_the_grid_holds_each_members_initials_in_their_cell(aspire, team):
    data = report_json(aspire)
    initials_of = {m["employee"]: m["initials"] for m in data["members"]}
    assert initials_of == {
        "alice": "ASm", "amy": "ASt", "bob-lee": "BL", "carol": "CJ", "dev": "D", "erin": "EM", "fay": "FW",
        "gus": "GO",
    }  # fmt: skip
    cells = data["grid"]["cells"]
    assert data["grid"]["rows"] == list(GRID_ROWS) and data["grid"]["columns"] == list(READINESS)
    expected = {(level, r): [] for level in GRID_ROWS for r in READINESS}
    for employee, (_, potential, readiness, _) in TEAM.items():
        expected[(potential, readiness)].append(employee)
    assert {(level, r): cells[level][r] for level in GRID_ROWS for r in READINESS} == expected

    text = aspire("report").stdout
    grid = {}
    for line in text.splitlines():
        if line.startswith("│") and not line.startswith("│ potential"):
            label, *row = (cell.strip() for cell in line.strip("│").split("│"))
            grid[label] = row
    for level in GRID_ROWS:
        shown = [set(cell.split()) for cell in grid[level]]
        want = [{initials_of[e] for e in expected[(level, r)]} for r in READINESS]
        assert shown == want, level


def test_a_row_per_member_with_levels_side_by_side(aspire, team):
    members = {m["employee"]: m for m in report_json(aspire)["members"]}
    assert list(members) == sorted(members)
    alice, amy, bob, carol, dev, erin = (members[e] for e in TEAM)
    assert (alice["aspiration_level"], alice["potential_level"], alice["alignment"]) == (
        "senior leadership",
        "senior leadership",
        ALIGNED,
    )
    assert amy["alignment"] == SEES_MORE and bob["alignment"] == AIMS_HIGHER
    assert carol["alignment"] == DIFFERENT_TRACK and dev["alignment"] == DIFFERENT_TRACK
    assert erin["alignment"] == ALIGNED
    assert alice["short_term_aspiration"] == "Lead a small team" and alice["willing"] == "yes"
    assert alice["readiness"] == "ready now" and alice["next_assignment"] == "Tech lead, payments"
    assert (alice["due_status"], alice["last_talk"], alice["last_prep"]) == ("ok", DAY, PREP_DAY)
    assert alice["next_due"] == NEXT_DUE
    assert (alice["open_actions"], alice["overdue_actions"]) == (2, 0)
    fay = members["fay"]
    assert (
        fay["potential_level"] is None
        and fay["alignment"] is None
        and fay["aspiration_level"] == "one level up"
    )


def test_members_with_no_prep_or_an_old_prep_are_not_assessed(aspire, team):
    data = report_json(aspire)
    reasons = {m["employee"]: m["reason"] for m in data["not_assessed"]}
    assert reasons == {
        "fay": "no prep yet",
        "gus": f"no potential level in the latest prep ({PREP_DAY}); the next prep asks for it",
    }
    placed = {e for row in data["grid"]["cells"].values() for ids in row.values() for e in ids}
    assert not placed & {"fay", "gus"}
    gus = next(m for m in data["members"] if m["employee"] == "gus")
    assert gus["potential_level"] is None and gus["readiness"] is None
    text = aspire("report").stdout
    assert "Not assessed" in text and "Gus Old (gus): no potential level" in text
    assert "Fay Wong (fay): no prep yet" in text
    gus_row = next(line for line in text.splitlines() if line.startswith("gus "))
    assert " - " in gus_row  # no level shown as "-"


def test_overdue_actions_and_due_status_as_of_a_day(aspire, home, tmp_path):
    add(aspire, tmp_path, "alice", "Alice Smith")
    prep(aspire, tmp_path, "alice", "one level up", "ready now", day="2024-01-09")
    talk(aspire, tmp_path, "alice", "one level up", day="2024-01-10", short="Old aim", due="2024-06-30")
    talk(aspire, tmp_path, "alice", "senior leadership", day="2025-01-10", short="New aim", due="2025-12-31")
    late = report_json(aspire, "--as-of", "2026-03-01")["members"][0]
    assert (late["due_status"], late["next_due"], late["short_term_aspiration"]) == (
        "overdue",
        "2026-01-10",
        "New aim",
    )
    assert (late["open_actions"], late["overdue_actions"]) == (4, 2)
    then = report_json(aspire, "--as-of", "2024-08-01")["members"][0]  # before the second talk
    assert (then["due_status"], then["next_due"], then["last_talk"]) == ("ok", "2025-01-10", "2024-01-10")
    assert then["short_term_aspiration"] == "Old aim" and then["aspiration_level"] == "one level up"
    assert (then["open_actions"], then["overdue_actions"]) == (2, 1)
    assert aspire("actions", "done", "alice", "1", "--date", "2024-09-01").exit_code == 0
    assert report_json(aspire, "--as-of", "2024-08-01")["members"][0]["overdue_actions"] == 1  # not yet done
    assert report_json(aspire, "--as-of", "2026-03-01")["members"][0]["overdue_actions"] == 1


def test_as_of_a_day_leaves_out_members_added_after_it(aspire, home, tmp_path):
    add(aspire, tmp_path, "alice", "Alice Smith")  # added today, her talks typed in after the fact
    talk(aspire, tmp_path, "alice", "one level up", day="2024-01-10", due="2024-06-30")
    add(aspire, tmp_path, "bob", "Bob Lee")
    add(aspire, tmp_path, "carol", "Carol Jones")
    team = home / "team.toml"
    bob = f'[members.bob]\nname = "Bob Lee"\ncadence_months = 12\nadded = {TODAY.isoformat()}\n'
    assert bob in team.read_text()
    team.write_text(team.read_text().replace(bob, bob.replace(TODAY.isoformat(), "2025-06-01")))

    def members(*args: str) -> list[str]:
        data = report_json(aspire, *args)
        assert data["left_out"] == []  # not on the team then: not a member the report failed to read
        return [member["employee"] for member in data["members"]]

    assert members("--as-of", "2024-08-01") == ["alice"]  # a talk held by then: on the team then
    assert members("--as-of", "2025-05-31") == ["alice"]
    assert members("--as-of", "2025-06-01") == ["alice", "bob"]  # bob from the day he was added
    assert members() == ["alice", "bob", "carol"]
    table = aspire("report", "--as-of", "2025-05-31").stdout
    assert "Alice Smith" in table and "Bob Lee" not in table and "Carol Jones" not in table


# -- the formats -----------------------------------------------------------------------------------
def test_json_keys(aspire, team):
    data = report_json(aspire)
    assert list(data) == ["as_of", "leader", "members", "grid", "not_assessed", "left_out"]
    assert data["as_of"] == TODAY.isoformat() and data["leader"] is None and data["left_out"] == []
    assert all(list(m) == list(CSV_COLUMNS) for m in data["members"])
    assert list(CSV_COLUMNS) == [
        "employee", "name", "initials", "due_status", "next_due", "last_talk", "last_prep",
        "short_term_aspiration", "long_term_aspiration", "aspiration_level", "potential_level", "alignment",
        "willing", "readiness", "next_assignment", "open_actions", "overdue_actions", "form_returned",
    ]  # fmt: skip
    assert list(data["grid"]) == ["rows", "columns", "cells"]
    assert all(list(m) == ["employee", "name", "initials", "reason"] for m in data["not_assessed"])


def test_csv_reads_back(aspire, team, tmp_path):
    short = '=SUM(1, 2) \\"quoted\\"\\nand a line'  # as TOML text
    talk(aspire, tmp_path, "alice", "senior leadership", day=TODAY.isoformat(), short=short)
    done = aspire("report", "--format", "csv")
    assert done.exit_code == 0
    rows = list(csv.reader(io.StringIO(done.stdout, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {row[0]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert sorted(by_id) == sorted([*TEAM, "fay", "gus"])
    alice = by_id["alice"]
    assert alice["short_term_aspiration"] == '\'=SUM(1, 2) "quoted"\nand a line'  # not a formula
    assert (alice["potential_level"], alice["alignment"], alice["open_actions"]) == (
        "senior leadership",
        ALIGNED,
        "4",
    )
    assert by_id["fay"]["potential_level"] == "" and by_id["fay"]["last_prep"] == ""
    out = tmp_path / "team.csv"
    assert aspire("report", "--format", "csv", "--out", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # a byte order mark, for a spreadsheet, as export writes
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == rows


class Document(HTMLParser):
    """The tables of an HTML document, each a list of rows of cell texts, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data if not self.tags or self.tags[-1][0] != "span" else f" {data} ")


def test_html_is_one_self_contained_document_with_the_rows_and_the_grid(aspire, team, tmp_path):
    add(aspire, tmp_path, "hal", '<script>alert("x")</script> & Co')
    prep(aspire, tmp_path, "hal", "one level up", "ready now", assignment="<b>bold</b> https://evil")
    done = aspire("report", "--format", "html")
    assert done.exit_code == 0, done.stderr
    page = done.stdout
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "src=" not in page
    policy = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )
    assert policy in page  # and should a text slip through, the browser fetches and runs nothing
    assert "http" not in page.replace(policy, "").replace("https://evil", "")  # no address but the one typed
    assert "&lt;script&gt;" in page and "@media print" in page
    document = Document()
    document.feed(page)
    assert {tag for tag, _ in document.tags} <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "thead", "tbody", "tr",
        "th", "td", "span", "ul", "li", "dl", "dt", "dd",
    }  # fmt: skip
    assert not any(
        key in ("src", "href") or key.startswith("on") for _, attrs in document.tags for key in attrs
    )
    members, grid = document.tables
    rows = {row[0]: row for row in members[1:]}
    assert sorted(rows) == sorted([*TEAM, "fay", "gus", "hal"])
    assert rows["alice"][1:5] == ["Alice Smith", "ASm", NEXT_DUE, "ok"]
    assert rows["hal"][1] == '<script>alert("x")</script> & Co'
    assert rows["hal"][12] == "<b>bold</b> https://evil"
    assert rows["bob-lee"][7:10] == ["two or more levels up", "one level up", AIMS_HIGHER]
    initials_of = {row[0]: row[2] for row in members[1:]}
    assert grid[0] == ["Potential \\ readiness", *READINESS]
    cells = {row[0]: [set(cell.split()) for cell in row[1:]] for row in grid[1:]}
    assert list(cells) == list(GRID_ROWS)
    assert cells["senior leadership"][0] == {initials_of["alice"], initials_of["amy"]}
    assert cells["one level up"][0] == {initials_of["hal"]}
    assert cells["expert track"] == [{initials_of["erin"]}, {initials_of["carol"]}, set()]
    assert cells["current role"] == [set(), {initials_of["dev"]}, set()]


def test_markdown_has_the_leaders_name_the_day_the_table_the_grid_and_a_legend(aspire, team, monkeypatch):
    monkeypatch.setenv("ASPIRE_LEADER", "Dana *Lee*")
    done = aspire("report", "--format", "md", "--as-of", "2027-01-02")
    assert done.exit_code == 0, done.stderr
    text = done.stdout
    assert text.startswith("# Team report: Dana \\*Lee\\*\n")
    assert "As of 2027-01-02. 8 members." in text
    lines = text.splitlines()
    assert "| alice | Alice Smith | ASm |" in text
    assert any(line.startswith("| senior leadership |") and "ASm, ASt" in line for line in lines)
    assert "## Legend" in text and "**Match**" in text
    assert report_json(aspire)["leader"] == "Dana *Lee*"


def test_a_broken_record_is_named_and_everyone_else_reported(aspire, team):
    broken = team / "records" / "carol" / f"{DAY}-talk.toml"
    broken.write_text("schema = 1\nkind = [", encoding="utf-8")
    for fmt in ("table", "json", "html"):
        done = aspire("report", "--format", fmt)
        assert done.exit_code == 2
        assert str(broken) in done.stderr and done.stderr.count("error:") == 1
        assert "alice" in done.stdout
    data = json.loads(aspire("report", "--format", "json").stdout)
    assert data["left_out"] == ["carol"]
    assert "carol" not in {m["employee"] for m in data["members"]}
    assert "Left out" in aspire("report").stdout


# -- writing it ------------------------------------------------------------------------------------
def test_out_writes_a_private_file_atomically(aspire, team, tmp_path):
    out = tmp_path / "review.html"
    out.write_text("an older report", encoding="utf-8")
    out.chmod(0o644)
    old_umask = os.umask(0o022)
    try:
        done = aspire("report", "--format", "html", "--out", str(out))
    finally:
        os.umask(old_umask)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == f"Wrote the report of 8 members to {out}\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".review")] == []


def test_out_never_writes_through_a_link_nor_into_a_folder(aspire, team, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    done = aspire("report", "--format", "md", "--out", str(link))
    assert done.exit_code == 2 and "symbolic link" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep me" and link.is_symlink()
    folder = tmp_path / "reports"
    folder.mkdir()
    done = aspire("report", "--out", str(folder))
    assert done.exit_code == 2 and "is a folder" in done.stderr
    assert list(folder.iterdir()) == []
    done = aspire("report", "--out", str(team / "report.csv"), "--format", "csv")
    assert done.exit_code == 2 and "inside your aspire folder" in done.stderr
    assert not (team / "report.csv").exists()


def test_no_home_yet_creates_nothing(aspire, home):
    done = aspire("report")
    assert done.exit_code == 0 and "There is no aspire folder" in done.stdout
    assert json.loads(aspire("report", "--format", "json").stdout)["members"] == []
    assert not home.exists()


def test_piped_into_head_ends_quietly(aspire, team, tmp_path):
    long = " ".join(["a long aspiration"] * 60_000)  # a document far bigger than a pipe holds
    talk(aspire, tmp_path, "alice", "senior leadership", day=TODAY.isoformat(), short=long)
    env = dict(os.environ, ASPIRE_HOME=str(team))
    for fmt in ("html", "md"):
        script = f"{aspire_script()} report --format {fmt} | head -c 10"
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {script}"], env=env, capture_output=True, text=True
        )
        assert len(done.stdout) == 10
        assert done.stderr == ""  # no traceback, not a word
        assert done.returncode == 141


PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
sys.argv = ["aspire", *sys.argv[1:]]
from aspire_cli.cli.launcher import main
main()
"""


def test_a_warm_report_is_plain_python(team):
    """The table, the JSON and the CSV from a warm index: no pydantic, Typer, Rich or prompts."""
    env = dict(os.environ, ASPIRE_HOME=str(team))
    time.sleep(2.1)  # let every stamp settle (files.STABLE_AFTER_NS), as between real runs
    subprocess.run([sys.executable, "-c", PROBE, "report"], env=env, capture_output=True, check=True)
    for fmt in ("table", "json", "csv"):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, "report", "--format", fmt], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert "alice" in done.stdout
        modules = {m.split(".")[0] for m in json.loads(done.stderr.strip().splitlines()[-1])}
        assert not modules & {"pydantic", "typer", "rich", "questionary", "prompt_toolkit"}, fmt
