"""Each iCalendar value aspire writes is what icalendar writes for it: icalendar is the oracle, not
a dependency (views/calendar.py writes the file itself, for speed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import example, given
from hypothesis import strategies as st
from icalendar import vDDDTypes, vText

from aspire_cli.views.calendar import calendar_bytes, ical_day, ical_text


@given(st.text())
@example("Bob\\Nelson; a, b\\c\r\nd\re\nf")
def test_a_text_is_escaped_exactly_as_icalendar_escapes_it(text):
    assert ical_text(text) == vText(text).to_ical().decode("utf-8")


@given(st.dates())
def test_a_day_is_written_exactly_as_icalendar_writes_it(day):
    assert ical_day(day) == vDDDTypes(day).to_ical().decode("ascii")


@given(st.datetimes(min_value=datetime(1900, 1, 1), timezones=st.just(UTC)))
def test_the_stamp_is_a_utc_date_time_as_icalendar_writes_it(now):
    stamp = vDDDTypes(now.replace(microsecond=0)).to_ical().decode("ascii")
    assert f"DTSTAMP:{stamp}\r\n".encode() in calendar_bytes([_row()], date(2026, 1, 5), now)


def _row():
    from aspire_cli.domain.schedule import due_row

    return due_row("alice", "Alice", 12, None, date(2026, 1, 5), 30)
