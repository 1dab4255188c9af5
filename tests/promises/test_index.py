"""The index remembers what aspire learnt from the files, and never disagrees with them."""

import json
import os
import sqlite3
import subprocess
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.records_factory import build_home, write

from aspire_cli.domain.models import Member, Team
from aspire_cli.storage.drafts import Drafts
from aspire_cli.storage.records import Records
from aspire_cli.storage.roster import TeamFile
from aspire_cli.storage.store import Store
from aspire_cli.views.due import due_report

AS_OF = date(2026, 11, 26)
LATER = 10**12  # now_ns an hour-ish ahead of the clock would do; this treats every stamp as settled


def report(store: Store) -> tuple[list[tuple[str, str | None]], list[str]]:
    result = due_report(store, AS_OF, 30, now_ns=time.time_ns() + LATER)
    return [
        (r.employee, r.last_talk.isoformat() if r.last_talk else None) for r in result.rows
    ], result.problems


def settle() -> None:
    """Let the file system clock move on, so a change gets a new timestamp."""
    time.sleep(0.05)


def index_path(store: Store):
    return store.home / ".index.sqlite3"


def test_a_warm_report_equals_a_cold_one_and_reads_no_record(home, monkeypatch):
    store = build_home(home, employees=3, years=2)
    cold = report(store)
    assert index_path(store).exists()
    opened = []
    monkeypatch.setattr(Records, "read", lambda self, path, qset=None: opened.append(path))
    assert report(store) == cold
    assert opened == []


def test_a_new_talk_is_seen_at_once(home):
    store = build_home(home, employees=2, years=1)
    report(store)
    settle()
    write(store, "talk", "emp-001", date(2026, 11, 20))
    rows, _ = report(store)
    assert ("emp-001", "2026-11-20") in rows


def test_a_second_talk_on_the_same_day_is_seen(home):
    store = build_home(home, employees=1, years=1)
    write(store, "talk", "emp-000", date(2026, 3, 3))
    report(store)
    settle()
    write(store, "talk", "emp-000", date(2026, 3, 3))
    assert store.records.latest("emp-000", "talk").path.name == "2026-03-03-talk-2.toml"
    rows, problems = report(store)
    assert rows == [("emp-000", "2026-03-03")] and problems == []


def test_a_latest_talk_broken_by_hand_is_reported_even_when_it_keeps_its_size(home):
    store = build_home(home, employees=2, years=1)
    report(store)
    settle()
    path = store.records.latest("emp-001", "talk").path
    text = path.read_text()
    with path.open("r+") as handle:  # edited in place: same inode, same size
        handle.write(text.replace('willing = "yes"', 'willing = "yeh"'))
    rows, problems = report(store)
    assert [e for e, _ in rows] == ["emp-000"]
    assert "willing" in problems[0] and path.name in problems[0]


def test_a_changed_team_is_seen(home):
    store = build_home(home, employees=2, years=1)
    report(store)
    settle()
    store.team.write(Team(members={"emp-001": Member(name="Only", cadence_months=6)}))
    rows, _ = report(store)
    assert [e for e, _ in rows] == ["emp-001"]
    assert due_report(store, AS_OF, 30).rows[0].cadence_months == 6


def test_a_deleted_latest_talk_falls_back_to_the_one_before(home):
    store = build_home(home, employees=1, years=2)
    report(store)
    settle()
    store.records.latest("emp-000", "talk").path.unlink()
    rows, _ = report(store)
    assert rows == [("emp-000", "2024-01-12")]


# -- an index that is missing, broken, foreign or wrong is rebuilt without a word -------------------
def sql(store: Store, statement: str, *args) -> None:
    db = sqlite3.connect(index_path(store))
    with db:
        db.execute(statement, args)
    db.close()


def broken_in_place(path):
    path.write_bytes(path.read_bytes()[:1000])  # truncated mid-page


INDEX_DAMAGE = {
    "garbage": lambda path: path.write_bytes(b"not a database at all" * 50),
    "empty": lambda path: path.write_bytes(b""),
    "truncated": broken_in_place,
    "zeroed pages": lambda path: path.write_bytes(
        path.read_bytes()[:100] + bytes(len(path.read_bytes()) - 100)
    ),
    "a folder": lambda path: (path.unlink(), path.mkdir()),
    "a link to elsewhere": lambda path: (path.unlink(), path.symlink_to(path.parent / "team.toml")),
    "another format": lambda path: sqlite3.connect(path).execute("PRAGMA user_version = 99"),
    "another aspire": lambda path: sqlite3.connect(path, isolation_level=None).execute(
        "UPDATE meta SET value = '[1, \"0.0.1\", null, null]' WHERE key = 'key'"
    ),
    "no tables": lambda path: sqlite3.connect(path, isolation_level=None).executescript(
        "DROP TABLE members; DROP TABLE folders;"
    ),
}


@pytest.mark.parametrize("damage", INDEX_DAMAGE)
def test_a_broken_or_foreign_index_is_rebuilt_without_a_word(home, monkeypatch, damage):
    store, truth = settled_home(home, monkeypatch)
    INDEX_DAMAGE[damage](index_path(store))
    assert report(store) == truth
    assert store.team.roster()["emp-001"].name == "Emp-001"
    if damage != "a folder":
        assert index_path(store).is_file() and not index_path(store).is_symlink()
        assert report(store) == truth
    assert (home / "team.toml").read_text().startswith("schema")  # a link's target is left alone


def test_deleting_the_index_is_always_safe(home, monkeypatch):
    store, truth = settled_home(home, monkeypatch)
    index_path(store).unlink()
    assert report(store) == truth


def test_the_index_is_private(home, monkeypatch):
    import stat as stat_module

    store, _ = settled_home(home, monkeypatch)
    assert stat_module.S_IMODE(index_path(store).stat().st_mode) == 0o600


def test_fresh_changes_are_not_kept_so_a_change_in_the_same_clock_tick_cannot_hide(home):
    store = build_home(home, employees=1, years=1)
    due_report(store, AS_OF, 30)  # with the real clock: every stamp is younger than two seconds
    assert not index_path(store).exists()


def test_the_roster_serves_from_the_index_while_team_toml_is_unchanged_and_never_after(home, monkeypatch):
    from aspire_cli.storage import files
    from aspire_cli.storage.roster import RosterEntry

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)  # treat every stamp as settled
    store = build_home(home, employees=2, years=1)
    assert sorted(store.team.roster()) == ["emp-000", "emp-001"]
    assert index_path(store).exists()
    real_read_roster = TeamFile.read_roster
    monkeypatch.setattr(
        TeamFile, "read_roster", lambda self: pytest.fail("team.toml parsed despite the index")
    )
    assert store.team.roster()["emp-001"].name == "Emp-001"
    assert store.team.member("emp-001") == RosterEntry("Emp-001", 12, None)
    assert store.team.member("emp-404") is None
    monkeypatch.setattr(TeamFile, "read_roster", real_read_roster)
    settle()
    store.team.write(Team(members={"emp-002": Member(name="New", cadence_months=6)}))
    assert store.team.roster() == {"emp-002": RosterEntry("New", 6, None)}


# -- the index is never the truth: a row that does not hold up is a miss -----------------------------
def settled_home(home, monkeypatch):
    from aspire_cli.storage import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)  # every stamp counts as settled
    store = build_home(home, employees=2, years=1)
    truth = report(store)
    assert store.team.roster() and index_path(store).exists()
    return store, truth


ROW_CORRUPTIONS = {
    "a latest talk of another day": "UPDATE folders SET latest_talk = '2030-01-01-talk.toml'",
    "a latest talk outside the folder": "UPDATE folders SET latest_talk = '../emp-000/2025-01-12-talk.toml'",
    "a latest talk that is a prep": "UPDATE folders SET latest_talk = '2025-02-10-prep.toml'",
    "a latest talk that is a number": "UPDATE folders SET latest_talk = 20250112",
    "an impossible day": "UPDATE folders SET latest_talk = '2026-13-45-talk.toml'",
    "a problem that is a number": "UPDATE records SET problem = 7",
    "a record stamp that is a number": "UPDATE records SET stamp = 7",
    "a folder stamp of another folder": "UPDATE folders SET stamp = (SELECT stamp FROM folders LIMIT 1)",
    "cadence as text": "UPDATE members SET cadence = 'x'",
    "cadence 0": "UPDATE members SET cadence = 0",
    "cadence 61": "UPDATE members SET cadence = 61",
    "cadence 12.5": "UPDATE members SET cadence = 12.5",
    "a name that is a number": "UPDATE members SET name = 5",
    "a name with an escape": "UPDATE members SET name = 'Emp' || char(27) || '[2J'",
    "an added date out of the calendar": "UPDATE members SET added = '2026-02-30'",
    "a bad id": "UPDATE members SET employee = '../x' WHERE employee = 'emp-001'",
    "a member gone": "DELETE FROM members WHERE employee = 'emp-001'",
    "a problem that is a blob": "INSERT INTO roster_problems VALUES (x'00ff')",
}


@pytest.mark.parametrize("corruption", ROW_CORRUPTIONS)
def test_an_index_row_that_does_not_hold_up_is_a_miss(home, monkeypatch, corruption):
    store, truth = settled_home(home, monkeypatch)
    sql(store, ROW_CORRUPTIONS[corruption])
    if corruption == "a member gone":
        # the index cannot know a member is missing: the team file's stamp is the check, so the
        # file is touched as an edit would
        settle()
        (home / "team.toml").write_text((home / "team.toml").read_text())
    assert report(store) == truth
    assert store.team.member("emp-001") == store.team.roster()["emp-001"]
    assert store.team.roster()["emp-001"].cadence_months == 12


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.binary(max_size=3000), keep=st.integers(0, 4096))
def test_any_bytes_in_place_of_the_index_are_never_the_truth(home, monkeypatch, junk, keep):
    from aspire_cli.storage import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)
    store = Store(home)
    if not (home / "team.toml").exists():
        build_home(home, employees=2, years=1)
    truth = ([("emp-000", "2025-01-12"), ("emp-001", "2025-02-12")], [])
    assert report(store) == truth
    good = index_path(store).read_bytes()
    index_path(store).write_bytes(good[:keep] + junk)  # a real index with its tail replaced
    assert report(store) == truth


# -- two processes at once, and the index against the files --------------------------------------------
def test_processes_refreshing_the_index_at_once_cannot_corrupt_it(tmp_path):
    from support.processes import aspire_script

    home = tmp_path / "home"
    build_home(home, employees=60, years=2)
    time.sleep(2.1)  # let every stamp settle, so that every process has something to save
    env = {**os.environ, "ASPIRE_HOME": str(home)}
    runs = [
        subprocess.Popen(
            [aspire_script(), "due", "--json", "--as-of", "2026-11-26"], stdout=subprocess.PIPE, env=env
        )
        for _ in range(12)
    ]
    outputs = [json.loads(run.communicate(timeout=60)[0]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert all(output == outputs[0] for output in outputs) and len(outputs[0]) == 60
    db = sqlite3.connect(home / ".index.sqlite3")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM folders").fetchone() == (60,)
    db.close()
    assert not list(home.glob(".index.sqlite3*.tmp"))


def test_due_is_the_same_with_and_without_the_index_on_a_home_of_hundreds(tmp_path):
    from support.processes import aspire_script

    home = tmp_path / "home"
    store = build_home(home, employees=300, years=2)
    for n in range(0, 300, 7):  # some second talks on one day, some newer preps, some broken talks
        write(store, "talk", f"emp-{n:03d}", date(2026, 1 + n % 12, 12))
    for n in range(3, 300, 11):
        write(store, "prep", f"emp-{n:03d}", date(2026, 6, 1))
    for n in range(5, 300, 29):
        store.records.latest(f"emp-{n:03d}", "talk").path.write_text("[broken\n")
    time.sleep(2.1)
    env = {**os.environ, "ASPIRE_HOME": str(home)}

    def due():
        done = subprocess.run(
            [aspire_script(), "due", "--json", "--as-of", "2026-11-26"],
            capture_output=True,
            env=env,
            timeout=60,
        )
        return done.returncode, done.stdout, sorted(done.stderr.splitlines())

    without = due()
    assert (home / ".index.sqlite3").exists()
    assert due() == without  # warm: from the index
    (home / ".index.sqlite3").unlink()
    assert due() == without


def test_drafts_are_listed_from_the_index_while_their_files_are_unchanged(aspire, home, monkeypatch):
    from aspire_cli.domain.models import Draft
    from aspire_cli.storage import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)  # every stamp counts as settled
    store = Store(home)
    base = Draft(kind="talk", employee="alice", date=AS_OF, question_set="talk", question_set_version=2)
    store.drafts.save(base.with_answers({"short_term_aspiration": "Lead"}))
    (home / "drafts/bob.talk.toml").write_text("[broken\n")
    first = aspire("drafts")
    assert "1 of 9" in first.stdout and "bob.talk.toml" in first.stderr
    real_read_draft = Drafts.read
    monkeypatch.setattr(Drafts, "read", lambda *args: pytest.fail("a draft read despite the index"))
    again = aspire("drafts")
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    monkeypatch.setattr(Drafts, "read", real_read_draft)
    settle()
    store.drafts.save(base.with_answers({"short_term_aspiration": "Lead", "long_term_aspiration": "CTO"}))
    assert "2 of 9" in aspire("drafts").stdout
