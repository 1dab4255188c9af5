"""The index of every record and follow-up (what show, history, actions and the brief read) never
disagrees with the files: edits, additions, deletions, renames and tampered rows are all seen."""

import sqlite3
import time
from datetime import UTC, date, datetime

import pytest
from support.records_factory import build_home, write

from aspire_cli.storage.follow_ups import FollowUps
from aspire_cli.storage.index import Index
from aspire_cli.storage.records import Records
from aspire_cli.storage.store import Store
from aspire_cli.views.due import due_report

LATER = 10**12  # every stamp counts as settled


def contents(store: Store, employee: str = "emp-000", answers: bool = True):
    index = Index(store, now_ns=time.time_ns() + LATER)
    try:
        found = index.contents([employee], answers=answers)[employee]
    finally:
        index.save()
    return (
        [(r.name, r.answers() if answers else None, r.actions) for r in found.records],
        found.follow_ups,
        found.problems,
    )


def settle() -> None:
    time.sleep(0.05)


def follow_up(store: Store, number: int, status: str = "done") -> None:
    store.follow_ups.write(
        dict(
            employee="emp-000",
            action=number,
            status=status,
            date=date(2026, 5, 1),
            recorded=datetime.now(UTC),
        )
    )


@pytest.fixture
def store(home):
    return build_home(home, employees=2, years=3)


def test_a_warm_read_equals_a_cold_one_and_opens_no_file(store, monkeypatch):
    follow_up(store, 1)
    cold = contents(store)
    assert len(cold[0]) == 6 and len(cold[1]) == 1 and cold[2] == []
    opened = []
    monkeypatch.setattr(Records, "read", lambda self, path, qset=None: opened.append(path))
    monkeypatch.setattr(FollowUps, "read", lambda self, path: opened.append(path))
    assert contents(store) == cold
    assert opened == []


def test_a_record_edited_in_place_to_the_same_size_is_read_again(store):
    contents(store)
    settle()
    path = store.records.listed("emp-000", "talk")[0].path
    text = path.read_text()
    assert 'willing = "yes"' in text
    with path.open("r+") as handle:  # same inode, same size: only mtime and ctime tell
        handle.write(text.replace('willing = "yes"', 'willing = "no!"'))
    names = [name for name, _, _ in contents(store)[0]]
    assert path.name not in names  # "no!" is not a choice: the record is now a problem
    assert any(path.name in problem and "willing" in problem for problem in contents(store)[2])
    with path.open("r+") as handle:
        handle.write(text.replace('willing = "yes"', 'willing = "no" '))
    settle()
    records = {name: answers for name, answers, _ in contents(store)[0]}
    assert records[path.name][1]["willing"] == "no"


def test_added_deleted_and_renamed_files_are_seen(store):
    before = [name for name, _, _ in contents(store)[0]]
    settle()
    write(store, "talk", "emp-000", date(2026, 6, 1))
    follow_up(store, 2, "dropped")
    first = store.records.listed("emp-000", "prep")[0].path
    first.unlink()
    after = contents(store)
    assert [name for name, _, _ in after[0]] == [n for n in before if n != first.name] + [
        "2026-06-01-talk.toml"
    ]
    assert [(note.action, note.status) for note in after[1]] == [(2, "dropped")]
    talk = store.records.listed("emp-000", "talk")[0].path
    talk.rename(talk.with_name("2020-01-01-talk.toml"))  # renamed: the date inside no longer matches
    problems = contents(store)[2]
    assert any("2020-01-01-talk.toml" in problem and "is named" in problem for problem in problems)


def test_rows_learnt_by_due_do_not_stand_in_for_answers(store):
    due_report(store, date(2026, 11, 26), 30, now_ns=time.time_ns() + LATER)  # checks latest talks only
    records = contents(store)[0]
    assert all(answers[1].get("willing") == "yes" for name, answers, _ in records if "talk" in name)


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE records SET answers = replace(answers, 'yes', 'no')",
        "UPDATE records SET actions = '{}'",
        "UPDATE records SET stamp = NULL",
        "UPDATE records SET problem = 'broken'",
        "UPDATE records SET answers_seal = 7",
    ],
)
def test_a_tampered_row_is_a_miss_and_the_file_is_read_again(store, tampering):
    follow_up(store, 1)
    truth = contents(store)
    with sqlite3.connect(store.home / ".index.sqlite3") as db:
        db.execute(tampering)
    assert contents(store) == truth


def test_actions_alone_come_without_the_answers_and_match_them(store):
    full = contents(store)[0]
    actions_only = contents(store, answers=False)[0]
    assert [(name, actions) for name, _, actions in full] == [
        (name, actions) for name, _, actions in actions_only
    ]


def test_deleting_the_index_is_always_safe(store):
    truth = contents(store)
    (store.home / ".index.sqlite3").unlink()
    assert contents(store) == truth


def test_latest_answers_come_from_the_latest_record_of_each_kind_even_the_second_of_a_day(store, monkeypatch):
    from aspire_cli.storage.index import LATEST

    for _ in range(2):  # 2026-06-01-talk.toml, then -2: the later one of that day
        write(store, "talk", "emp-000", date(2026, 6, 1))

    def latest(answers):
        index = Index(store, now_ns=time.time_ns() + LATER)
        try:
            found = index.contents(["emp-000", "emp-001"], answers=answers)
        finally:
            index.save()
        return {e: [(r.name, r.answers_text != "") for r in c.records] for e, c in found.items()}

    latest(LATEST)  # cold: every file read (and learnt)
    opened = []
    monkeypatch.setattr(Records, "checked", lambda self, path: opened.append(path))
    warm = latest(LATEST)
    assert opened == []  # warm: everything from the index, the latest answers in one query
    assert [name for name, has in warm["emp-000"] if has] == [
        "2025-01-10-prep.toml",
        "2026-06-01-talk-2.toml",
    ]
    assert [name for name, _ in warm["emp-000"]][-2:] == ["2026-06-01-talk.toml", "2026-06-01-talk-2.toml"]
