"""`aspire due` remembers what it learnt, but never disagrees with the files."""

import time
from datetime import date

import pytest
from records_factory import build_home, write

from aspire_cli.due import due_report
from aspire_cli.models import Member, Team
from aspire_cli.store import Store

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


def test_a_warm_report_equals_a_cold_one_and_reads_no_record(home, monkeypatch):
    store = build_home(home, employees=3, years=2)
    cold = report(store)
    assert store.due_cache_path.exists()
    opened = []
    monkeypatch.setattr(Store, "read_record", lambda self, path, qset=None: opened.append(path))
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
    assert store.latest("emp-000", "talk").path.name == "2026-03-03-talk-2.toml"
    rows, problems = report(store)
    assert rows == [("emp-000", "2026-03-03")] and problems == []


def test_a_latest_talk_broken_by_hand_is_reported_even_when_it_keeps_its_size(home):
    store = build_home(home, employees=2, years=1)
    report(store)
    settle()
    path = store.latest("emp-001", "talk").path
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
    store.write_team(Team(members={"emp-001": Member(name="Only", cadence_months=6)}))
    rows, _ = report(store)
    assert [e for e, _ in rows] == ["emp-001"]
    assert due_report(store, AS_OF, 30).rows[0].cadence_months == 6


def test_a_deleted_latest_talk_falls_back_to_the_one_before(home):
    store = build_home(home, employees=1, years=2)
    report(store)
    settle()
    store.latest("emp-000", "talk").path.unlink()
    rows, _ = report(store)
    assert rows == [("emp-000", "2024-01-12")]


def test_a_corrupt_or_foreign_cache_is_ignored(home):
    store = build_home(home, employees=2, years=1)
    truth = report(store)
    for junk in ("{not json", "[]", '{"key": [1, "0.0.0", null], "employees": {"emp-000": 5}}'):
        store.due_cache_path.write_text(junk)
        assert report(store) == truth


def test_fresh_changes_are_not_cached_so_a_change_in_the_same_clock_tick_cannot_hide(home):
    store = build_home(home, employees=1, years=1)
    due_report(store, AS_OF, 30)  # with the real clock: every stamp is younger than two seconds
    assert '"emp-000"' not in store.due_cache_path.read_text()
    assert not store.team_cache_path.exists()


def test_the_roster_cache_serves_while_team_toml_is_unchanged_and_never_after(home, monkeypatch):
    from aspire_cli import files
    from aspire_cli import store as store_module

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)  # treat every stamp as settled
    store = build_home(home, employees=2, years=1)
    assert sorted(store.roster()) == ["emp-000", "emp-001"]
    assert store.team_cache_path.exists()
    real_read_team = Store.read_team
    monkeypatch.setattr(
        Store, "read_team", lambda self: pytest.fail("team.toml parsed despite a valid cache")
    )
    assert store.roster()["emp-001"].name == "Emp-001"
    assert store.member("emp-001") == store_module.RosterEntry("Emp-001", 12, None)
    assert store.member("emp-404") is None
    monkeypatch.setattr(Store, "read_team", real_read_team)
    settle()
    store.write_team(Team(members={"emp-002": Member(name="New", cadence_months=6)}))
    assert store.roster() == {"emp-002": store_module.RosterEntry("New", 6, None)}
