"""The brief: what the last talk said, shown before the first question of every prep and talk.

Pure: the employee's folder contents (from the index) in, lines out. It is short on purpose (at most
BRIEF_LINES lines, long answers cut to one line) so that the brief, the prep notes and the first
question fit a 40-line terminal; `aspire show` has the rest.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from aspire_cli.domain.tracking import DONE, DROPPED, OVERDUE, TrackedAction
from aspire_cli.storage.index import Contents
from aspire_cli.storage.looking_back import tracked_actions
from aspire_cli.views.action_status import status_text
from aspire_cli.views.width import shorten

BRIEF_LINES = 14
MAX_ACTIONS = 5
LABEL_WIDTH = 13  # the labels' column: the longest label and two spaces
SUMMARY = (  # the last talk's answers worth a look before the next discussion
    ("short_term_aspiration", "Short term"),
    ("long_term_aspiration", "Long term"),
    ("aspiration_level", "Aims for"),  # the level, beside which the prep puts yours
    ("willing", "Willing"),
    ("development_area", "Development"),
)


class Line(NamedTuple):
    label: str  # "" for a line of its own
    text: str
    style: str = ""  # a Rich style for the text ("red" for overdue), or ""


def brief(employee: str, contents: Contents, day: date, today: date, width: int) -> list[Line]:
    """The brief for a discussion with `employee` on `day`: the latest talk held up to that day; each
    answer and action shortened between words to `width` cells, the room beside the labels."""
    talks = [r for r in contents.records if r.kind == "talk" and r.day <= day.isoformat()]
    if not talks:
        return [Line("", f"First talk with {employee}: no earlier talk on record.", "dim")]
    last = talks[-1]
    held = date.fromisoformat(last.day)
    days = (day - held).days
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    lines = [Line("", f"Last talk: {last.day} ({ago})", "bold")]
    _, answers = last.answers()
    text_width = max(width, 20)
    for key, label in SUMMARY:
        answer = answers.get(key)
        if isinstance(answer, str) and answer.strip():
            lines.append(Line(label, shorten(answer, text_width)))
    actions, _ = tracked_actions(contents, employee, today)
    agreed_then = [a for a in actions if a.record == last.name]
    older_open = [a for a in actions if a.record != last.name and a.is_open]
    if agreed_then:
        lines.append(Line("Actions", _counts(agreed_then)))
        for action in agreed_then[:MAX_ACTIONS]:
            lines.append(_action_line(action, text_width))
        if len(agreed_then) > MAX_ACTIONS:
            lines.append(
                Line("", f"… {len(agreed_then) - MAX_ACTIONS} more: aspire actions {employee}", "dim")
            )
    if older_open:
        lines.append(
            Line("Earlier", f"{len(older_open)} still open from earlier talks: aspire actions {employee}")
        )
    seq = f"-{last.seq}" if last.seq > 1 else ""
    lines.append(Line("All of it", f"aspire show {employee} --date {last.day}{seq}", "dim"))
    return lines[:BRIEF_LINES]


def _counts(actions: list[TrackedAction]) -> str:
    counts = {
        status: sum(1 for a in actions if a.status == status) for status in ("open", OVERDUE, DONE, DROPPED)
    }
    return ", ".join(f"{n} {status}" for status, n in counts.items() if n)


def _action_line(action: TrackedAction, width: int) -> Line:
    status = status_text(action, due=True)
    style = "red" if action.status == OVERDUE else "dim" if not action.is_open else ""
    return Line("", shorten(f"#{action.number} {action.action} ({status})", width), style)
