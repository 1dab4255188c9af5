"""The names of what .versions/ keeps and of the highest action number given: built and read by
storage/layout.py alone, synced by name (sync_rules.is_synced); and which action numbers a talk
taken away or brought back would change (domain/action_numbers.py)."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aspire_cli.domain.action_numbers import Talk, numbers_changed
from aspire_cli.storage import layout
from aspire_cli.storage.sync_rules import is_synced

WHEN = datetime(2026, 12, 3, 11, 33, 52, tzinfo=UTC)


@pytest.mark.parametrize(
    ("file", "seq", "deleted", "name"),
    [
        ("2026-11-26-talk.toml", 1, False, "2026-11-26-talk.20261203T113352Z.toml"),
        ("2026-11-26-talk-2.toml", 2, True, "2026-11-26-talk-2.20261203T113352Z-2-deleted.toml"),
        ("2026-11-26-prep.md", 1, True, "2026-11-26-prep.20261203T113352Z-deleted.md"),
        (
            "2026-12-01-action-4-0a1b2c.toml",
            1,
            True,
            "2026-12-01-action-4-0a1b2c.20261203T113352Z-deleted.toml",
        ),
    ],
)
def test_a_kept_file_is_named_and_read_back(file, seq, deleted, name):
    assert layout.kept_version_name(Path(file), WHEN, seq, deleted=deleted) == name
    kept = layout.parse_kept_name(name)
    assert kept == layout.KeptName(file, layout.kept_token(WHEN, seq, deleted=deleted), deleted)
    assert is_synced(f"records/alice/.versions/{name}")


@pytest.mark.parametrize(
    "name",
    [
        "2026-11-26-talk.toml",  # a record, not a kept version
        "2026-11-26-talk.20261203T113352Z.txt",
        "2026-11-26-talk.20261203T113352Z-removed.toml",
        "2026-12-01-action-4-0a1b2c.20261203T113352Z.md",  # a follow-up has no readable copy
        "notes.20261203T113352Z.toml",
        "2026-11-26-talk.\u0662\u0660\u0662\u06661203T113352Z.toml",  # Arabic-Indic digits
        ".action-numbers-given-4",
    ],
)
def test_what_is_not_a_kept_name_is_not_one_nor_synced_there(name):
    assert layout.parse_kept_name(name) is None
    assert not is_synced(f"records/alice/.versions/{name}")


@given(st.integers(min_value=1, max_value=layout.NUMBERS_GIVEN_MAX))
def test_the_highest_number_given_is_read_back_from_its_name(number):
    name = layout.numbers_given_name(number)
    assert layout.parse_numbers_given_name(name) == number
    assert is_synced(f"records/alice/{name}")


@pytest.mark.parametrize(
    "name",
    [
        ".action-numbers-given-0",
        ".action-numbers-given-07",
        ".action-numbers-given-1000000000",  # more than a name holds
        ".action-numbers-given-4.toml",
        ".action-numbers-given--4",
        "action-numbers-given-4",
        ".action-numbers-given-1\u0664",  # an Arabic-Indic four: a digit to Python's int(), not to aspire
    ],
)
def test_other_names_hold_no_number_and_are_not_synced(name):
    assert layout.parse_numbers_given_name(name) is None
    assert not is_synced(f"records/alice/{name}")


def talk(key: str, day: int, *numbers: int | None, seq: int = 1) -> Talk:
    return Talk(key, (date(2026, 1, day), seq), list(numbers))


def test_taking_a_numbered_talk_away_changes_no_other_number():
    talks = [talk("a", 1, 1, 2), talk("b", 2, 3), talk("c", 3, 4, 5)]
    assert numbers_changed(talks, [t for t in talks if t.key != "b"]) == []


def test_taking_away_a_talk_numbered_by_its_order_renumbers_those_after_it():
    talks = [talk("a", 1, None, None), talk("b", 2, None), talk("c", 3, 4)]
    assert numbers_changed(talks, talks[1:]) == [1, 3]  # b's action was 3, would be 1
    assert numbers_changed(talks, talks[:2]) == []  # c's numbers are stored: nothing moves


def test_bringing_back_a_talk_whose_number_another_holds_is_a_change():
    here = [talk("a", 1, 1, 2), talk("c", 3, 3)]
    assert numbers_changed(here, [*here, talk("b", 2, 3)]) == [3]
    assert numbers_changed(here, [*here, talk("b", 2, 4)]) == []
