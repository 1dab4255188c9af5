"""Where an action stands is worded one way (views/action_status.py), wherever a leader reads it."""

from __future__ import annotations

from datetime import date

import pytest

from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction
from aspire_cli.views.action_status import status_text

TALK = """\
short_term_aspiration = "Lead"
long_term_aspiration = "Direct"
aspiration_level = "one level up"
knows_path = "Partly"
willing = "yes"
core_strength = "Design"
development_area = "Delegation"
next_assignment_wish = "More scope"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
due = 2024-06-30

[[actions]]
action = "Hand releases to Bob"
measure = "Bob runs two alone"
"""


def action(status: str, due: date | None = None, closed: date | None = None) -> TrackedAction:
    return TrackedAction(
        "alice", 1, "Run it", "Measured", due, date(2024, 3, 1), "t.toml", status, closed, None
    )


@pytest.mark.parametrize(
    ("tracked", "plain", "with_due"),
    [
        (action(OPEN), "open", "open"),
        (action(OPEN, due=date(2027, 6, 30)), "open", "open, due 2027-06-30"),
        (action(OVERDUE, due=date(2024, 6, 30)), "overdue", "overdue, due 2024-06-30"),
        (
            action(DONE, due=date(2024, 6, 30), closed=date(2024, 7, 1)),
            "done on 2024-07-01",
            "done on 2024-07-01",
        ),
        (action(DROPPED, closed=date(2024, 7, 1)), "dropped on 2024-07-01", "dropped on 2024-07-01"),
    ],
)
def test_each_status_has_one_wording(tracked, plain, with_due):
    assert status_text(tracked) == plain
    assert status_text(tracked, due=True) == with_due


def test_actions_show_history_and_export_word_a_status_alike(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    held = aspire("talk", "alice", "--date", "2024-03-01", "--answers", "-", input=TALK)
    assert held.exit_code == 0, held.stderr
    assert aspire("actions", "done", "alice", "2", "--date", "2024-07-01").exit_code == 0

    listed = aspire("actions", "alice", "--all").stdout
    assert "done on 2024-07-01" in listed and "overdue" in listed
    shown = aspire("show", "alice").stdout
    assert "status:  done on 2024-07-01" in shown and "status:  overdue" in shown
    history = aspire("history", "alice").stdout
    assert "#2 Hand releases to Bob (done on 2024-07-01)" in history
    assert "#1 Run the architecture guild (overdue, due 2024-06-30)" in history
    exported = aspire("export").stdout
    assert "done on 2024-07-01" in exported and "due 2024-06-30; overdue" in exported

    again = aspire("actions", "done", "alice", "2")
    assert "alice #2 is already done on 2024-07-01: Hand releases to Bob" in again.stderr
    still = aspire("actions", "reopen", "alice", "1")
    assert "alice #1 is still overdue, due 2024-06-30: Run the architecture guild" in still.stderr
    reopened = aspire("actions", "reopen", "alice", "2")
    assert reopened.stdout == "alice #2 open again (now open): Hand releases to Bob\n"
