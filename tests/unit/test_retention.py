"""Which records are past the retention: those dated before the same day that many years ago (29
February: the 28th), found by name alone, for everyone with a records folder."""

from datetime import date
from pathlib import Path

import pytest

from aspire_cli.storage.retention import count_expired, expired_records, retention_cutoff
from aspire_cli.storage.store import Store


@pytest.mark.parametrize(
    ("today", "years", "first_kept"),
    [
        (date(2026, 12, 3), 7, date(2019, 12, 3)),
        (date(2028, 2, 29), 1, date(2027, 2, 28)),
        (date(2026, 1, 1), 100, date(1926, 1, 1)),
    ],
)
def test_the_first_day_kept_is_that_day_so_many_years_ago(today, years, first_kept):
    assert retention_cutoff(today, years) == first_kept


def test_a_record_of_the_first_day_kept_stays_and_one_of_the_day_before_goes(tmp_path: Path):
    names = {
        "alice": [
            "2019-12-02-talk.toml",
            "2019-12-02-talk.md",
            "2019-12-03-prep.toml",
            "2010-01-01-talk-2.toml",
        ],
        "bob": [
            "2019-12-03-talk.toml",
            ".action-numbers-given-4",
            "2019-02-30-talk.toml",
            "2001-01-01-action-1-abcdef.toml",
        ],
        "Not-An-Id": ["2001-01-01-talk.toml"],
    }
    for employee, files in names.items():
        folder = tmp_path / "records" / employee
        folder.mkdir(parents=True)
        for name in files:
            (folder / name).touch()
    store = Store(tmp_path)
    found = expired_records(store, date(2019, 12, 3))
    assert {employee: [r.path.name for r in records] for employee, records in found.items()} == {
        "alice": ["2010-01-01-talk-2.toml", "2019-12-02-talk.toml"]
    }
    assert count_expired(store, date(2019, 12, 3)) == 2
