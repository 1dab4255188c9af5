"""`aspire due` remembers what it learnt, but never disagrees with the files."""

import json
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
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


# -- caches are never the truth: a cache entry that does not hold up is a miss ------------------------
def settled_home(home, monkeypatch):
    from aspire_cli import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)  # every stamp counts as settled
    store = build_home(home, employees=2, years=1)
    truth = report(store)
    assert store.roster() and store.team_cache_path.exists() and store.due_cache_path.exists()
    return store, truth


def rewrite(path, change):
    """Change a cache as a buggy or older aspire might have written it: with a valid checksum."""
    from aspire_cli.files import read_json, write_json

    data = read_json(path)
    change(data)
    write_json(path, data)


def test_a_hand_edited_cache_fails_its_checksum_and_is_not_used(home, monkeypatch):
    store, truth = settled_home(home, monkeypatch)
    for path in (store.due_cache_path, store.team_cache_path):
        path.write_text(path.read_text().replace("2025-02-12", "2026-02-12").replace("Emp-001", "Emp-002"))
    assert report(store) == truth
    assert store.roster()["emp-001"].name == "Emp-001"


def set_member(index, value):
    def change(data):
        data["members"]["emp-001"][index] = value

    return change


DUE_CACHE_CORRUPTIONS = {
    "an impossible date": set_member(3, "2026-13-45"),
    "another day than the file's": set_member(3, "2030-01-01"),
    "a date that is a number": set_member(3, 20250112),
    "a file outside the folder": set_member(1, "../emp-000/2025-01-12-talk.toml"),
    "a file that is a list": set_member(1, ["x"]),
    "a problem that is a number": set_member(4, 7),
    "a short entry": lambda data: data["members"].update({"emp-001": [None]}),
    "members as a list": lambda data: data.update({"members": [1, 2]}),
    "members as text": lambda data: data.update({"members": "emp-001"}),
}


@pytest.mark.parametrize("corruption", DUE_CACHE_CORRUPTIONS)
def test_a_due_cache_entry_that_does_not_hold_up_is_a_miss(home, monkeypatch, corruption):
    store, truth = settled_home(home, monkeypatch)
    rewrite(store.due_cache_path, DUE_CACHE_CORRUPTIONS[corruption])
    assert report(store) == truth


def set_roster(index, value):
    def change(data):
        data["members"]["emp-001"][index] = value

    return change


TEAM_CACHE_CORRUPTIONS = {
    "cadence as text": set_roster(1, "x"),
    "cadence 0": set_roster(1, 0),
    "cadence true": set_roster(1, True),
    "cadence 61": set_roster(1, 61),
    "cadence 12.5": set_roster(1, 12.5),
    "a name that is a list": set_roster(0, ["Emp"]),
    "a name with an escape": set_roster(0, "Emp\x1b[2J"),
    "an added date out of the calendar": set_roster(2, "2026-02-30"),
    "an entry as a mapping": lambda data: data["members"].update({"emp-001": {"a": 1, "b": 2, "c": 3}}),
    "a bad id": lambda data: data["members"].update({"../x": ["X", 12, None]}),
    "problems as text": lambda data: data.update({"problems": "none"}),
    "no problems key": lambda data: data.pop("problems"),
}


@pytest.mark.parametrize("corruption", TEAM_CACHE_CORRUPTIONS)
def test_a_team_cache_entry_that_does_not_hold_up_is_a_miss(home, monkeypatch, corruption):
    store, truth = settled_home(home, monkeypatch)
    rewrite(store.team_cache_path, TEAM_CACHE_CORRUPTIONS[corruption])
    assert report(store) == truth
    assert store.member("emp-001") == store.roster()["emp-001"]
    assert store.roster()["emp-001"].cadence_months == 12


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    junk=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
        lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
        max_leaves=20,
    )
)
def test_any_json_in_either_cache_is_never_the_truth(home, monkeypatch, junk):
    from aspire_cli import files

    monkeypatch.setattr(files, "STABLE_AFTER_NS", -LATER)
    from aspire_cli.files import read_json, write_json

    store = Store(home)
    if not store.team_cache_path.exists():
        build_home(home, employees=2, years=1)
    truth = ([("emp-000", "2025-01-12"), ("emp-001", "2025-02-12")], [])
    assert report(store) == truth
    for path in (store.due_cache_path, store.team_cache_path):
        good = read_json(path)
        path.write_text(json.dumps(junk))  # by hand: no checksum line
        assert report(store) == truth
        # written with a checksum, as a buggy aspire might: one member's entry is junk
        write_json(path, {**good, "members": {**good["members"], "emp-001": junk}})
        assert report(store) == truth
