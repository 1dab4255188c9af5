from datetime import date

import pytest

from aspire_cli.domain.schedule import add_months, brief, due_row, most_urgent_first


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),  # a short month clamps
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # ... to the 29th in a leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # a leap day a year on
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 10, 31), 1, date(2026, 11, 30)),
        (date(2026, 12, 15), 6, date(2027, 6, 15)),  # across the year end
        (date(2026, 7, 31), 6, date(2027, 1, 31)),
    ],
)
def test_next_due_is_the_same_day_months_later_clamped_to_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


AS_OF = date(2026, 11, 26)


def test_a_yearly_talk_a_year_and_a_day_ago_is_overdue_by_one_day():
    row = due_row("alice", "Alice", 12, date(2025, 11, 25), AS_OF, 30)
    assert (row.next_due, row.status, row.days) == (date(2026, 11, 25), "overdue", -1)


def test_due_today_and_within_the_window_are_due_soon_and_beyond_is_ok():
    assert due_row("a", "", 12, date(2025, 11, 26), AS_OF, 30).status == "due soon"
    assert due_row("a", "", 6, date(2026, 6, 26), AS_OF, 30).days == 30
    assert due_row("a", "", 6, date(2026, 6, 26), AS_OF, 30).status == "due soon"
    assert due_row("a", "", 6, date(2026, 6, 27), AS_OF, 30).status == "ok"
    assert due_row("a", "", 6, date(2026, 6, 27), AS_OF, 31).status == "due soon"


def test_a_six_monthly_cadence_falls_due_twice_as_often():
    assert due_row("a", "", 6, date(2026, 3, 1), AS_OF, 30).status == "overdue"
    assert due_row("a", "", 12, date(2026, 3, 1), AS_OF, 30).status == "ok"


def test_never_held_is_due_now_with_no_dates():
    row = due_row("bob", "", 12, None, AS_OF, 30)
    assert (row.status, row.next_due, row.days, row.last_talk) == ("never held", None, None, None)


def test_most_urgent_first_orders_overdue_by_lateness_then_never_held_then_soon_then_ok():
    rows = [
        due_row("ok", "", 12, date(2026, 6, 1), AS_OF, 30),
        due_row("soon", "", 12, date(2025, 12, 10), AS_OF, 30),
        due_row("never", "", 12, None, AS_OF, 30),
        due_row("late", "", 12, date(2025, 11, 1), AS_OF, 30),
        due_row("later", "", 12, date(2024, 1, 1), AS_OF, 30),
    ]
    assert [r.employee for r in most_urgent_first(rows)] == ["later", "late", "never", "soon", "ok"]


def test_brief_is_one_line_naming_who_or_nothing_when_all_is_well():
    rows = [
        due_row("alice", "", 12, date(2025, 1, 1), AS_OF, 30),
        due_row("bob", "", 12, date(2025, 2, 1), AS_OF, 30),
        due_row("carol", "", 12, date(2025, 12, 10), AS_OF, 30),
        due_row("dave", "", 12, None, AS_OF, 30),
    ]
    assert brief(rows, 30) == (
        "2 discussions overdue (alice, bob), 1 never held, due now (dave), 1 due within 30 days (carol)"
    )
    assert brief([due_row("erin", "", 12, date(2026, 6, 1), AS_OF, 30)], 30) == ""
    assert brief([rows[2]], 30) == "1 discussion due within 30 days (carol)"


@pytest.mark.parametrize(
    ("start", "months"),
    [(date(9999, 6, 30), 12), (date(9999, 12, 31), 1), (date(9999, 12, 31), 60), (date(9995, 1, 1), 60)],
)
def test_a_due_date_past_the_calendars_end_clamps_to_its_last_day(start, months):
    assert add_months(start, months) == date.max


def test_due_on_the_calendars_last_day_is_a_status_not_a_crash():
    row = due_row("a", "", 12, date(9999, 6, 30), date.max, 30)
    assert (row.next_due, row.status, row.days) == (date.max, "due soon", 0)
