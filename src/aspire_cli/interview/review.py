"""Last year's actions, closed in the talk: before the new actions are agreed, each action still
open from earlier talks is shown with its measure and due date and asked about (done, dropped, or
kept open, the default). Each answer becomes a follow-up dated the day of the talk, written right
after the talk's record, so that a talk stopped half way changes nothing (its review is asked again
when it resumes). In an answers file: a table `[review]`, action numbers to "done", "dropped" or
"open".
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction
from aspire_cli.errors import BadInput
from aspire_cli.safe_text import one_line

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store

REVIEW = "review"  # the answers file's table
CHOICES = {OPEN: "keep open", DONE: "done", DROPPED: "dropped"}  # the first: the default
Review = dict[int, str]
"""Action number -> "done", "dropped" or "open"."""


def open_actions(store: Store, employee: str, day: date) -> list[TrackedAction]:
    """The actions of talks before the talk's `day` still open (or overdue) on it, by number."""
    from aspire_cli.storage.looking_back import folder_contents, tracked_actions

    contents = folder_contents(store, [employee], frozenset({"talk", "follow-up"}))[employee]
    actions, _ = tracked_actions(contents, employee, day)
    return [action for action in actions if action.is_open and action.agreed < day]  # not the same day's


def review_from_file(table: object, actions: list[TrackedAction], employee: str) -> Review:
    """The file's `[review]` table, checked: every key an open action's number, every value one of
    CHOICES; a BadInput naming the first that is not."""
    if not isinstance(table, dict):
        raise BadInput('review: a table of action numbers, e.g. [review] then 3 = "done"')
    numbers = {action.number for action in actions}
    listed = ", ".join(f"#{n}" for n in sorted(numbers)) or "none"
    review: Review = {}
    for key, value in table.items():
        shown = one_line(str(key))[:20]
        if not (key.isascii() and key.isdigit()) or int(key) not in numbers:
            raise BadInput(f"review: '{shown}' is not an open action of {employee}'s (open: {listed})")
        if value not in CHOICES:
            raise BadInput(
                f'review: {shown} = "{one_line(str(value))[:20]}": give "done", "dropped" or "open"'
            )
        review[int(key)] = value
    return review


def write_review(store: Store, employee: str, review: Review, day: date) -> str | None:
    """One follow-up per answer, dated the talk's `day`; a line saying what was written (None: nothing)."""
    for number, status in sorted(review.items()):
        kept = "kept open" if status == OPEN else status
        store.follow_ups.write(
            {
                "employee": employee,
                "action": number,
                "status": status,
                "date": day,
                "recorded": datetime.now(UTC),
                "note": f"{kept} at the talk of {day.isoformat()}",
            }
        )
    if not review:
        return None
    said = [f"#{n} {'kept open' if status == OPEN else status}" for n, status in sorted(review.items())]
    return f"Earlier actions reviewed: {', '.join(said)}."


def action_line(action: TrackedAction) -> str:
    """An open action as the review shows it: number, text, measure, due date."""
    due = f"due {action.due.isoformat()}" if action.due else "no due date"
    overdue = ", overdue" if action.status == OVERDUE else ""
    return one_line(f"#{action.number} {action.action} (measure: {action.measure}; {due}{overdue})")
