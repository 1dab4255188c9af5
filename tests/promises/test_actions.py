"""`aspire actions` and `aspire actions done|drop|reopen`: what a leader sees, and what is on disk.

Alice has two talks (actions 1-2 in the first, 3-4 in the second), Bob one (his action 1); all
dated in 2024, so that the overdue ones depend on --as-of alone.
"""

from __future__ import annotations

import json
import stat
import time
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support.probe import HEAVY, probe
from support.records_factory import build_home

from aspire_cli.domain.models import SCHEMA
from aspire_cli.storage.follow_ups import FOLLOW_UP_SCHEMA
from aspire_cli.storage.store import Store

TODAY = date.today().isoformat()
Plan = list[tuple[str, str | None]]  # (action, due) in the order agreed

ALICE_FIRST: Plan = [("Run the architecture guild", "2024-06-30"), ("Hand releases to Bob", None)]
ALICE_SECOND: Plan = [("Write the RFC", "2025-01-31"), ("Present at the all-hands", "2024-10-15")]
BOB: Plan = [("Pair with the SRE team", "2024-08-01")]


def talk_answers(plan: Plan) -> str:
    text = (
        'short_term_aspiration = "Lead"\nlong_term_aspiration = "Direct"\n'
        'aspiration_level = "one level up"\nknows_path = "Partly"\n'
        'willing = "yes"\ncore_strength = "Design"\ndevelopment_area = "Delegation"\n'
        'next_assignment_wish = "More scope"\n'
    )
    for action, due in plan:
        text += f'\n[[actions]]\naction = {json.dumps(action)}\nmeasure = "Measured"\n'
        text += f"due = {due}\n" if due else ""
    return text


def held(aspire, employee: str, day: str, plan: Plan) -> None:
    result = aspire("talk", employee, "--date", day, "--answers", "-", input=talk_answers(plan))
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def team(aspire, home):
    aspire("team", "add", "alice", "--name", "Alice Smith")
    aspire("team", "add", "bob")
    aspire("team", "add", "carol")  # no talk yet
    held(aspire, "alice", "2024-03-01", ALICE_FIRST)
    held(aspire, "alice", "2024-09-01", ALICE_SECOND)
    held(aspire, "bob", "2024-05-01", BOB)
    return home


def listed(aspire, *args: str) -> list[dict]:
    result = aspire("actions", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def numbered(rows: list[dict]) -> dict[tuple[str, int], str]:
    return {(row["employee"], row["number"]): row["action"] for row in rows}


def follow_ups(home: Path, employee: str = "*") -> list[Path]:
    return sorted(home.glob(f"records/{employee}/*-action-*.toml"))


def record_files(home: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(home)): p.read_bytes() for p in sorted((home / "records").rglob("*")) if p.is_file()
    }


def body(stdout: str) -> list[list[str]]:
    """The table's rows (header and summary left out), split on the two-space column gaps."""
    lines = stdout.strip().splitlines()[1:-1]
    return [[cell.strip() for cell in line.split("  ") if cell.strip()] for line in lines]


# -- numbers ---------------------------------------------------------------------------------------
EVERY_ACTION = {
    ("alice", 1): "Run the architecture guild",
    ("alice", 2): "Hand releases to Bob",
    ("alice", 3): "Write the RFC",
    ("alice", 4): "Present at the all-hands",
    ("bob", 1): "Pair with the SRE team",
}


def test_action_numbers_run_on_across_talks_and_never_move(aspire, team):
    assert numbered(listed(aspire, "--all")) == EVERY_ACTION
    assert aspire("actions", "done", "alice", "2").exit_code == 0
    assert aspire("actions", "drop", "alice", "3").exit_code == 0
    assert aspire("actions", "reopen", "alice", "2").exit_code == 0
    held(aspire, "alice", "2024-11-01", [("Mentor a new hire", None)])
    assert numbered(listed(aspire, "--all")) == {**EVERY_ACTION, ("alice", 5): "Mentor a new hire"}
    assert numbered(listed(aspire, "alice", "--all")) == {
        key: text for key, text in numbered(listed(aspire, "--all")).items() if key[0] == "alice"
    }


def test_actions_written_before_numbers_existed_keep_theirs(aspire, team):
    """A talk written by an older aspire has no numbers in it: its actions are numbered in the order
    agreed, and a follow-up made with such a number stays on that action after a new talk."""
    for path in (team / "records/alice").glob("*-talk.toml"):
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join(ln for ln in text.splitlines() if not ln.startswith("number =")))
    assert "number" not in (team / "records/alice/2024-03-01-talk.toml").read_text()
    assert numbered(listed(aspire, "alice", "--all")) == {
        k: v for k, v in EVERY_ACTION.items() if k[0] == "alice"
    }
    assert aspire("actions", "done", "alice", "4").exit_code == 0
    held(aspire, "alice", "2024-11-01", [("Mentor a new hire", None)])
    rows = {row["number"]: row for row in listed(aspire, "alice", "--all")}
    assert rows[4]["action"] == "Present at the all-hands" and rows[4]["status"] == "done"
    assert rows[5]["action"] == "Mentor a new hire" and rows[5]["status"] == "open"


# -- the list --------------------------------------------------------------------------------------
def test_overdue_first_by_due_date_then_dated_then_undated(aspire, team):
    result = aspire("actions", "--as-of", "2024-12-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == [
        "Employee",
        "Name",
        "#",
        "Action",
        "Due",
        "Agreed",
        "Status",
    ]
    assert body(result.stdout) == [
        ["alice", "Alice Smith", "1", "Run the architecture guild", "2024-06-30", "2024-03-01", "overdue"],
        ["bob", "1", "Pair with the SRE team", "2024-08-01", "2024-05-01", "overdue"],
        ["alice", "Alice Smith", "4", "Present at the all-hands", "2024-10-15", "2024-09-01", "overdue"],
        ["alice", "Alice Smith", "3", "Write the RFC", "2025-01-31", "2024-09-01", "open"],
        ["alice", "Alice Smith", "2", "Hand releases to Bob", "-", "2024-03-01", "open"],
    ]
    assert result.stdout.splitlines()[-1] == "5 open, 3 overdue"
    earlier = listed(aspire, "--as-of", "2024-07-15")
    assert [(r["employee"], r["number"], r["status"]) for r in earlier] == [
        ("alice", 1, "overdue"),
        ("bob", 1, "open"),
        ("alice", 4, "open"),
        ("alice", 3, "open"),
        ("alice", 2, "open"),
    ]


def test_one_employees_list_names_them_once(aspire, team):
    result = aspire("actions", "alice", "--as-of", "2024-12-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["#", "Action", "Due", "Agreed", "Status"]
    assert [row[0] for row in body(result.stdout)] == ["1", "4", "3", "2"]
    assert result.stdout.splitlines()[-1] == "alice (Alice Smith): 4 open, 2 overdue"
    assert aspire("actions", "list", "alice", "--as-of", "2024-12-01").stdout == result.stdout


def test_all_adds_the_done_and_dropped_ones_after_the_open(aspire, team):
    assert aspire("actions", "done", "alice", "1", "--date", "2024-07-01").exit_code == 0
    assert aspire("actions", "drop", "bob", "1").exit_code == 0
    open_only = aspire("actions", "--as-of", "2024-12-01")
    assert [row[-1] for row in body(open_only.stdout)] == ["overdue", "open", "open"]
    assert open_only.stdout.splitlines()[-1] == "3 open, 1 overdue (2 done or dropped: aspire actions --all)"
    every = aspire("actions", "--all", "--as-of", "2024-12-01")
    assert [row[-1] for row in body(every.stdout)] == [
        "overdue",
        "open",
        "open",
        f"dropped on {TODAY}",  # the closed ones, the latest first
        "done on 2024-07-01",
    ]
    assert every.stdout.splitlines()[-1] == "3 open, 1 overdue; 1 done, 1 dropped"


def test_drop_and_reopen_can_be_backdated_to_the_day_it_happened(aspire, team):
    assert (
        aspire("actions", "drop", "bob", "1", "--date", "2024-06-15", "--note", "Moved team").exit_code == 0
    )
    assert listed(aspire, "--all", "--as-of", "2024-12-01")[-1]["closed"] == "2024-06-15"
    early = aspire("actions", "reopen", "bob", "1", "--date", "2024-04-30")
    assert early.exit_code == 2 and "before the talk that agreed #1 (2024-05-01)" in early.stderr
    assert early.stderr.rstrip().endswith("give the day it was opened again")
    assert aspire("actions", "reopen", "bob", "1", "--date", "2024-07-01").exit_code == 0
    (reopened,) = [row for row in listed(aspire, "bob", "--as-of", "2024-12-01") if row["number"] == 1]
    assert reopened["status"] in ("open", "overdue") and reopened["closed"] is None
    follow_ups = [tomllib.loads(p.read_text()) for p in (team / "records" / "bob").glob("*-action-1-*.toml")]
    assert sorted(str(f["date"]) for f in follow_ups) == ["2024-06-15", "2024-07-01"]  # as it happened


def test_json_holds_every_field_of_every_action(aspire, team):
    aspire("actions", "done", "alice", "1", "--date", "2024-07-01", "--note", "Runs monthly")
    aspire("actions", "drop", "bob", "1", "--note", "Moved team")
    rows = listed(aspire, "--all", "--as-of", "2024-12-01")

    def row(employee, number, action, due, agreed, status, closed=None, note=None):
        return {
            "employee": employee,
            "number": number,
            "action": action,
            "measure": "Measured",
            "due": due,
            "agreed": agreed,
            "status": status,
            "closed": closed,
            "note": note,
        }

    assert rows == [
        row("alice", 4, "Present at the all-hands", "2024-10-15", "2024-09-01", "overdue"),
        row("alice", 3, "Write the RFC", "2025-01-31", "2024-09-01", "open"),
        row("alice", 2, "Hand releases to Bob", None, "2024-03-01", "open"),
        row("bob", 1, "Pair with the SRE team", "2024-08-01", "2024-05-01", "dropped", TODAY, "Moved team"),
        row(
            "alice",
            1,
            "Run the architecture guild",
            "2024-06-30",
            "2024-03-01",
            "done",
            "2024-07-01",
            "Runs monthly",
        ),
    ]
    assert [r["number"] for r in listed(aspire, "--as-of", "2024-12-01")] == [4, 3, 2]


def test_nothing_agreed_yet_says_where_actions_come_from(aspire, home):
    aspire("team", "add", "carol")
    aspire("team", "remove", "carol")
    no_one = aspire("actions")
    assert no_one.exit_code == 0 and no_one.stdout.startswith("No one on your team yet. Add someone:")
    aspire("team", "add", "carol")
    everyone = aspire("actions")
    assert everyone.exit_code == 0
    assert everyone.stdout == "No actions yet; they are agreed in a talk: aspire talk EMPLOYEE\n"
    carol = aspire("actions", "carol")
    assert carol.stdout == "carol: no actions yet; they are agreed in a talk: aspire talk carol\n"
    assert listed(aspire) == []


def test_without_a_home_it_says_where_it_looked_and_nothing_created(aspire, home):
    result = aspire("actions")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0 and all(len(line) <= 100 for line in lines)  # wrapped to COLUMNS
    assert f"There is no aspire folder at {home} yet" in " ".join(line.strip() for line in lines)
    assert aspire("actions", "--json").stdout == "[]\n"
    done = aspire("actions", "done", "alice", "1")
    assert done.exit_code == 1 and len(done.stderr.splitlines()) == 1
    assert "There is no aspire folder" in done.stderr
    assert not home.exists()


def test_someone_removed_from_the_team_keeps_their_actions(aspire, team):
    assert aspire("team", "remove", "bob").exit_code == 0
    assert {r["employee"] for r in listed(aspire, "--all")} == {"alice"}  # the team: its members
    assert numbered(listed(aspire, "bob")) == {("bob", 1): "Pair with the SRE team"}
    done = aspire("actions", "done", "bob", "1")
    assert done.exit_code == 0, done.stderr
    assert [r["status"] for r in listed(aspire, "bob", "--all")] == ["done"]


def test_what_a_file_holds_is_shown_never_obeyed(aspire, team):
    hostile = "Ship it\x1b]0;owned\x07 \u202eevil"
    forged = 'x"}, {"employee": "mallory", "number": 9}, {"employee": "y'
    held(aspire, "bob", "2024-06-01", [(hostile, None), (forged, None)])
    table = aspire("actions", "bob")
    assert "\x1b" not in table.stdout and "\u202e" not in table.stdout and "\x07" not in table.stdout
    assert "Ship it\\x1b]0;owned\\x07 \\u202eevil" in table.stdout
    raw = aspire("actions", "bob", "--json").stdout
    assert "\x1b" not in raw and "\u202e" not in raw
    rows = json.loads(raw)
    assert [row["action"] for row in rows] == ["Pair with the SRE team", hostile, forged]
    assert len(raw.splitlines()) == 2 + len(rows)  # an action a line, between [ and ]


# -- done, drop, reopen ----------------------------------------------------------------------------
def test_done_drop_reopen_say_what_they_did_in_one_line(aspire, team):
    done = aspire("actions", "done", "alice", "3", "--date", "2024-11-26", "--note", "Merged")
    assert (done.exit_code, done.stdout, done.stderr) == (
        0,
        "alice #3 done (2024-11-26): Write the RFC\n",
        "",
    )
    dropped = aspire("actions", "drop", "bob", "1")
    assert dropped.stdout == f"bob #1 dropped ({TODAY}): Pair with the SRE team\n"
    reopened = aspire("actions", "reopen", "alice", "3")
    assert reopened.stdout == "alice #3 open again (now overdue, due 2025-01-31): Write the RFC\n"


def test_follow_ups_are_new_private_files_and_the_talk_is_never_touched(aspire, team):
    talks = {p: p.read_bytes() for p in (team / "records/alice").glob("*-talk.*")}
    assert (
        aspire("actions", "done", "alice", "2", "--date", "2024-10-01", "--note", "Bob ran two").exit_code
        == 0
    )
    [first] = follow_ups(team)
    assert first.parent.name == "alice" and first.name.startswith(f"{TODAY}-action-2-")
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    data = tomllib.loads(first.read_text(encoding="utf-8"))
    recorded = data.pop("recorded")
    assert data == {
        "schema": 1,
        "kind": "follow-up",
        "employee": "alice",
        "action": 2,
        "status": "done",
        "date": date(2024, 10, 1),
        "sequence": 1,  # the action's first follow-up
        "note": "Bob ran two",
    }
    assert abs((datetime.now(UTC) - recorded).total_seconds()) < 60
    kept = first.read_bytes(), first.stat().st_ino, first.stat().st_mtime_ns
    assert aspire("actions", "reopen", "alice", "2").exit_code == 0
    assert aspire("actions", "done", "alice", "2").exit_code == 0  # done again: a third file
    files = follow_ups(team)
    assert len(files) == 3
    assert (first.read_bytes(), first.stat().st_ino, first.stat().st_mtime_ns) == kept
    statuses = sorted(tomllib.loads(p.read_text(encoding="utf-8"))["status"] for p in files)
    assert statuses == ["done", "done", "open"]
    assert [r["closed"] for r in listed(aspire, "alice", "--all") if r["number"] == 2] == [TODAY]
    assert {p: p.read_bytes() for p in (team / "records/alice").glob("*-talk.*")} == talks


BAD_REQUESTS = [
    (["done", "alice", "9"], "alice has no action 9; their actions are numbered 1-4", 2),
    (["done", "carol", "1"], "carol has no actions yet; they are agreed in a talk: aspire talk carol", 2),
    (["done", "zoe", "1"], "'zoe' is not on your team and has no records", 2),
    (["drop", "alise", "1"], "(did you mean alice?)", 2),
    (["done", "Alice", "1"], "not a valid employee id", 2),
    (["done", "alice", "0"], "NUMBER '0' is not an action number", 2),
    (["done", "alice", "three"], "NUMBER 'three' is not an action number", 2),
    (["done", "alice", "1", "--date", "2024-02-30"], "is not a day of the calendar", 2),
    (["done", "alice", "1", "--date", "soon"], "--date 'soon' is not a date", 2),
    (["done", "alice", "1", "--date", "2999-01-01"], "--date 2999-01-01 is in the future", 2),
    (["done", "alice", "3", "--date", "2024-08-31"], "is before the talk that agreed #3 (2024-09-01)", 2),
    (
        ["drop", "alice", "3", "--date", "2024-08-31"],
        "before the talk that agreed #3 (2024-09-01); give the day it was dropped",
        2,
    ),
    (
        ["drop", "alice", "1", "--date", "2999-01-01"],
        "--date 2999-01-01 is in the future; give the day it was dropped",
        2,
    ),
    (["drop", "alice", "1", "--date", "2024-13-01"], "is not a day of the calendar", 2),
    (["done", "alice", "1", "--note", "ok\x1b[2J"], "--note: one line of text", 2),
    (["drop", "alice", "1", "--note", "two\nlines"], "--note: one line of text", 2),
    (["reopen", "alice", "1"], "alice #1 is still overdue, due 2024-06-30: Run the architecture", 1),
]


@pytest.mark.parametrize(("args", "says", "code"), BAD_REQUESTS, ids=[" ".join(r[0]) for r in BAD_REQUESTS])
def test_a_request_that_cannot_be_met_is_one_line_and_writes_nothing(aspire, team, args, says, code):
    before = record_files(team)
    result = aspire("actions", *args)
    assert result.exit_code == code
    assert says in result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert record_files(team) == before


@pytest.mark.parametrize(("verb", "status"), [("done", "done"), ("drop", "dropped")])
def test_closing_a_closed_action_again_says_where_it_stands(aspire, team, verb, status):
    assert aspire("actions", verb, "alice", "2").exit_code == 0
    before = record_files(team)
    again = aspire("actions", verb, "alice", "2", "--note", "again")
    assert again.exit_code == 1 and len(again.stderr.splitlines()) == 1
    assert f"alice #2 is already {status} on {TODAY}: Hand releases to Bob; nothing written" in again.stderr
    assert "aspire actions reopen alice 2" in again.stderr
    assert record_files(team) == before


def test_a_done_action_can_be_dropped_and_the_latest_word_counts(aspire, team):
    assert aspire("actions", "done", "alice", "2").exit_code == 0
    assert aspire("actions", "drop", "alice", "2", "--note", "Not needed after all").exit_code == 0
    [row] = [r for r in listed(aspire, "alice", "--all") if r["number"] == 2]
    assert (row["status"], row["note"]) == ("dropped", "Not needed after all")


# -- files that cannot be used ---------------------------------------------------------------------
SPOILED = [
    ("2024-10-01-action-1-abcdef.toml", "not toml = = =", "not valid TOML"),
    (
        "2024-10-01-action-1-abcdef.toml",
        'schema = 1\nkind = "follow-up"\nemployee = "alice"\naction = 2\nstatus = "done"\n'
        "date = 2024-10-01\nrecorded = 2024-10-01T10:00:00Z\n",
        "follows up action 2 but is named",
    ),
    (
        "2024-10-01-action-9-abcdef.toml",
        'schema = 1\nkind = "follow-up"\nemployee = "alice"\naction = 9\nstatus = "done"\n'
        "date = 2024-10-01\nrecorded = 2024-10-01T10:00:00Z\n",
        "follows up action 9, which no talk with alice has",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "says"), SPOILED, ids=["bad TOML", "wrong number", "no such action"]
)
def test_a_broken_follow_up_is_named_and_everything_else_listed(aspire, team, name, text, says):
    (team / "records/alice" / name).write_text(text, encoding="utf-8")
    result = aspire("actions", "--as-of", "2024-12-01")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and name in result.stderr and says in result.stderr
    assert len(body(result.stdout)) == 5  # all five still open: the broken file does not count
    as_json = aspire("actions", "--json", "--all")
    assert as_json.exit_code == 2 and numbered(json.loads(as_json.stdout)) == EVERY_ACTION
    done = aspire("actions", "done", "alice", "1")  # the new file is the latest word anyway
    assert done.exit_code == 0 and name in done.stderr


def test_a_broken_talk_stops_done_because_numbers_count_on_every_talk(aspire, team):
    (team / "records/alice/2024-03-01-talk.toml").write_text("garbage = = =", encoding="utf-8")
    listing = aspire("actions", "--all")
    assert listing.exit_code == 2 and "2024-03-01-talk.toml" in listing.stderr
    assert {(r["employee"], r["number"]) for r in listed_anyway(aspire)} == {
        ("alice", 3),
        ("alice", 4),
        ("bob", 1),
    }
    before = record_files(team)
    done = aspire("actions", "done", "alice", "3")
    assert done.exit_code == 2 and len(done.stderr.splitlines()) == 1
    assert "2024-03-01-talk.toml" in done.stderr and "fix it first" in done.stderr
    assert record_files(team) == before


def listed_anyway(aspire) -> list[dict]:
    result = aspire("actions", "--json", "--all")
    return json.loads(result.stdout)


def test_the_follow_up_schema_written_without_pydantic_is_the_models(home):
    assert FOLLOW_UP_SCHEMA == SCHEMA
    path = Store(home).follow_ups.write(
        {
            "employee": "alice",
            "action": 1,
            "status": "dropped",
            "date": date(2024, 1, 2),
            "recorded": datetime(2024, 1, 2, 9, 30, tzinfo=UTC),
            "note": None,
        }
    )
    follow_up = Store(home).follow_ups.read(path)
    assert (follow_up.action, follow_up.status, follow_up.note) == (1, "dropped", None)


# -- speed guards: what the warm list and `done` load ----------------------------------------------
@pytest.fixture(scope="module")
def settled_homes(tmp_path_factory):
    """Two homes of 12 members with 4 talks each (actions without numbers, as an older aspire wrote
    them) and one follow-up; their files settled, as between real runs."""
    homes = []
    for n in range(2):
        home = tmp_path_factory.mktemp(f"settled{n}") / "home"
        store = build_home(home, employees=12, years=4)
        store.follow_ups.write(
            {
                "employee": "emp-000",
                "action": 1,
                "status": "done",
                "date": date(2024, 1, 20),
                "recorded": datetime.now(UTC),
                "note": "Done early",
            }
        )
        homes.append(home)
    time.sleep(2.1)  # see files.STABLE_AFTER_NS
    return homes


@pytest.mark.parametrize("args", [["actions"], ["actions", "--all", "--json"], ["actions", "emp-003"]])
def test_a_warm_list_of_actions_is_plain_python(settled_homes, args):
    home = settled_homes[0]
    probe(home, *args)
    modules, opened, done = probe(home, *args)
    assert done.returncode == 0, done.stderr
    assert "emp-003" in done.stdout
    assert not modules & HEAVY
    assert [p for p in opened if p.startswith(str(home / "records")) and p.endswith(".toml")] == []


def test_done_on_a_warm_home_writes_its_file_without_pydantic(settled_homes):
    home = settled_homes[1]
    probe(home, "actions")
    modules, _, done = probe(home, "actions", "done", "emp-002", "2", "--note", "Well done")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("emp-002 #2 done (")
    assert not modules & HEAVY
    [written] = follow_ups(home, "emp-002")
    assert Store(home).follow_ups.read(written).note == "Well done"
