"""The employee's own summary of a talk, as Markdown or as one self-contained HTML page. Pure
functions of a `Summary`: what is in it was chosen by share_command.py (never a prep note).

Markdown: every answer escaped as the record's Markdown copy escapes it (render.py), so that
nothing typed can change the document's structure. HTML: every text escaped (html.escape) after
its control characters are made visible; inline CSS, no script, nothing fetched from anywhere, so
it opens the same offline, in a mail attachment, or printed.
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import NamedTuple

from aspire_cli.domain.own_words import THE_SAME
from aspire_cli.domain.tracking import TrackedAction
from aspire_cli.safe_text import one_line, visible
from aspire_cli.views.action_status import status_text
from aspire_cli.views.html_page import page_head

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Item(NamedTuple):
    """One question of the talk: its text, and the answer (None: left unanswered) or its actions."""

    question: str
    answer: str | list[TrackedAction] | None
    their: str | None = None  # what they wrote before the talk (talk --from), or THE_SAME


class Summary(NamedTuple):
    leader: str | None
    person: str  # the employee's name, or their id when the team has no name for them
    day: date
    items: list[Item]
    earlier: list[TrackedAction] = []  # noqa: RUF012 (a NamedTuple's default is never mutated)
    """Actions of earlier talks still open: listed after the talk's own."""

    @property
    def title(self) -> str:
        return f"{self.title_before_date}, {long_date(self.day)}"

    @property
    def title_before_date(self) -> str:
        leader = f" with {self.leader}" if self.leader else ""
        return f"Your career aspiration discussion{leader}"

    @property
    def closing(self) -> str:
        who = self.leader or "your leader"
        return f"If anything here is not what you meant, tell {who}, and the record will be corrected."


def long_date(day: date) -> str:
    """26 November 2026, in English whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def action_fields(action: TrackedAction) -> list[str]:
    """Number, action, measure, due date (or -), status: what the employee sees of an action (the
    leader's follow-up notes are not part of it)."""
    due = action.due.isoformat() if action.due else "-"
    return [str(action.number), action.action, action.measure, due, status_text(action)]


ACTION_HEADINGS = ["#", "Action", "Measure", "Due", "Status"]
EARLIER = "Still open from earlier talks"
IN_YOUR_WORDS = "In your words"  # what they wrote in their form before the talk, addressed to them


# -- Markdown ------------------------------------------------------------------------------------
def markdown(summary: Summary) -> str:
    from aspire_cli.views.record_text import escape_block, escape_cell, escape_inline, heading_text

    lines = [f"# {escape_inline(summary.title)}", "", f"For {escape_inline(summary.person)}.", ""]
    for number, item in enumerate(summary.items, 1):
        lines += [f"## {number}. {heading_text(item.question)}", ""]
        if isinstance(item.answer, list) and item.answer:
            lines.append("| " + " | ".join(ACTION_HEADINGS) + " |")
            lines.append("|" + " --- |" * len(ACTION_HEADINGS))
            for action in item.answer:
                lines.append("| " + " | ".join(escape_cell(field) for field in action_fields(action)) + " |")
        elif isinstance(item.answer, list):
            lines.append("*No actions.*")
        else:
            text = escape_block(item.answer) if item.answer and item.answer.strip() else ""
            lines.append(text or "*No answer.*")
        lines.append("")
        if item.their == THE_SAME:
            lines += [f"*{IN_YOUR_WORDS}: {THE_SAME}.*", ""]
        elif item.their is not None:
            lines += [f"*{IN_YOUR_WORDS}:*", "", escape_block(item.their.strip()), ""]
    if summary.earlier:
        lines += [f"## {EARLIER}", "", "| " + " | ".join(ACTION_HEADINGS) + " |"]
        lines.append("|" + " --- |" * len(ACTION_HEADINGS))
        for action in summary.earlier:
            lines.append("| " + " | ".join(escape_cell(field) for field in action_fields(action)) + " |")
        lines.append("")
    lines += ["---", "", f"*{escape_inline(summary.closing)}*", ""]
    return "\n".join(lines)


# -- HTML ----------------------------------------------------------------------------------------
# No word or date is broken across lines, however wide the window: a long word breaks only when it
# is wider than its whole line (break-word, which unlike `anywhere` leaves each table column at least
# as wide as its longest word), and a number, a date, a status and a heading never break. The table
# lets the action and the measure take what the narrow columns leave; on a narrow screen (a phone)
# each action is a block of labelled lines instead.
STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       color: #1d2330; background: #fff; line-height: 1.5; margin: 0; }
main { max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.for { color: #555; margin: 0 0 2rem; }
h2 { font-size: 1.05rem; margin: 1.75rem 0 .4rem; }
.answer { white-space: pre-wrap; overflow-wrap: break-word; margin: 0; }
.none { color: #777; font-style: italic; margin: 0; }
.theirs { white-space: pre-wrap; overflow-wrap: break-word; color: #4a3b66; margin: .4rem 0 0;
          border-left: 3px solid #b9a8d9; padding-left: .6rem; }
.theirs .label { font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #ccd; padding: .35rem .5rem; text-align: left; vertical-align: top;
         white-space: pre-wrap; overflow-wrap: break-word; }
th, .number, .due, .status, .date { white-space: nowrap; }
.long { overflow-wrap: anywhere; }
th { background: #f1f3f7; }
.status-overdue { color: #a01616; font-weight: 600; }
.status-done { color: #176b2c; }
.status-dropped { color: #666; }
.closing { color: #555; border-top: 1px solid #ccd; margin-top: 2.5rem; padding-top: 1rem; }
@media screen and (max-width: 40rem) {
  table, tbody, tr, td { display: block; }
  thead { display: none; }
  tr { border: 1px solid #ccd; margin: 0 0 .6rem; padding: .3rem .6rem; }
  td { border: none; padding: .1rem 0; }
  td.number { font-weight: 600; }
  td.number::before { content: "#"; }
  td[data-label]::before { content: attr(data-label) ": "; color: #555; font-weight: normal; }
}
@page { margin: 2cm; }
@media print {
  main { margin: 0; max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  th { background: none; }
}
""".strip()


def escape(text: str) -> str:
    """Text as HTML that shows it as it is: markup escaped, control characters as escapes."""
    return html.escape(visible(text), quote=True)


ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # a browser may break one after a hyphen: kept whole
LONG = re.compile(r"(\S{30,})")  # longer than any word: a link, a path; it may break where it must


def escape_typed(text: str) -> str:
    """What was typed (an answer, an action, a measure), escaped, each date in it on one line, and
    each run too long to be a word (a link) breakable anywhere: in a table it would otherwise hold
    its column as wide as itself, and the table wider than the page."""
    parts = LONG.split(text)  # the long runs at the odd places
    return "".join(
        f'<span class="long">{escape(part)}</span>'
        if odd
        else ISO_DATE.sub(lambda date: f'<span class="date">{date[0]}</span>', escape(part))
        for odd, part in ((i % 2 == 1, part) for i, part in enumerate(parts))
    )


def html_document(summary: Summary) -> str:
    """One self-contained HTML page: nothing in it is fetched, nothing runs."""
    title = escape(one_line(summary.title))
    dated = (
        f'{escape(one_line(summary.title_before_date))}, <span class="date">{long_date(summary.day)}</span>'
    )
    parts = [
        *page_head(title, f"\n{STYLE}\n"),
        "<main>",
        f"<h1>{dated}</h1>",
        f'<p class="for">For {escape(one_line(summary.person))}.</p>',
    ]
    for number, item in enumerate(summary.items, 1):
        parts.append(f"<h2>{number}. {escape(one_line(item.question))}</h2>")
        parts.append(_html_answer(item.answer))
        if item.their is not None:
            said = escape_typed(item.their.strip())
            parts.append(f'<p class="theirs"><span class="label">{IN_YOUR_WORDS}:</span> {said}</p>')
    if summary.earlier:
        parts += [f"<h2>{escape(EARLIER)}</h2>", html_actions(summary.earlier)]
    parts += [f'<p class="closing">{escape(summary.closing)}</p>', "</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_answer(answer: str | list[TrackedAction] | None) -> str:
    if isinstance(answer, list):
        return html_actions(answer) if answer else '<p class="none">No actions.</p>'
    if not answer or not answer.strip():
        return '<p class="none">No answer.</p>'
    return f'<p class="answer">{escape_typed(answer.strip())}</p>'


CELL_CLASSES = ["number", "text", "text", "due", "status"]  # by ACTION_HEADINGS: what may wrap, what not


def html_actions(actions: list[TrackedAction]) -> str:
    head = "".join(
        f'<th class="{kind}">{escape(h)}</th>' for kind, h in zip(CELL_CLASSES, ACTION_HEADINGS, strict=True)
    )
    rows = []
    for action in actions:
        cells = []
        for kind, heading, field in zip(CELL_CLASSES, ACTION_HEADINGS, action_fields(action), strict=True):
            more = f" status-{action.status}" if kind == "status" else ""
            label = "" if kind == "number" else f' data-label="{escape(heading)}"'  # shown on a narrow screen
            text = escape_typed(field) if kind == "text" else escape(field)
            cells.append(f'<td class="{kind}{more}"{label}>{text}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
