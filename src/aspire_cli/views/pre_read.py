"""The employee's pre-read, written by `aspire invite` with their form: when the discussion is due,
what they aimed for in their last talk, every action agreed with them and where it stands, and the
questions they will be asked, each with the guidance written for them. As Markdown, and as one
self-contained HTML page (the share page's style: nothing fetched, nothing run).

What is in it was chosen by commands/invite.py: never a prep note, the leader's view of their
potential or readiness, a follow-up's note, or anything about another employee.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from aspire_cli.domain.tracking import TrackedAction
from aspire_cli.safe_text import one_line
from aspire_cli.storage.plain_questions import PlainQuestion, PlainSet
from aspire_cli.views.html_page import page_head
from aspire_cli.views.share_document import (
    ACTION_HEADINGS,
    STYLE,
    action_fields,
    escape,
    escape_typed,
    html_actions,
    long_date,
)

AIMS = (
    ("short_term_aspiration", "Short term"),
    ("long_term_aspiration", "Long term"),
    ("aspiration_level", "Level"),
)  # what they aimed for, from their last talk: their own answers as agreed, nothing of the prep


class PreRead(NamedTuple):
    person: str  # their name, or their id when the team has none
    leader: str | None
    sent: date
    due: date | None  # None: their first discussion
    last_talk: date | None
    aims: list[tuple[str, str]]  # (label, answer) from the last talk
    actions: list[TrackedAction]  # agreed with them, with where each stands
    questions: PlainSet
    form_file: str  # the name of the form that came with it

    @property
    def title(self) -> str:
        return "Before your career aspiration discussion" + (f" with {self.leader}" if self.leader else "")

    def opening(self) -> list[str]:
        who = self.leader or "your leader"
        if self.due is None:
            when = "This will be your first career aspiration discussion."
        elif self.due < self.sent:
            when = f"Your career aspiration discussion was due on {long_date(self.due)}: let us meet soon."
        else:
            when = f"Your next career aspiration discussion is due by {long_date(self.due)}."
        return [
            when,
            "It is about your aspirations: where you want to go, and what would help you get there. "
            "This page is to help you think it over beforehand.",
            f"If you like, answer the questions in the form that came with it ({self.form_file}), "
            f"save your answers, and send the saved file to {who}. Nothing in the form is sent "
            "anywhere by itself, and every answer is yours to leave empty: the talk is where you "
            "decide together.",
        ]


def choices_line(question: PlainQuestion) -> str:
    return f"Choose one of: {', '.join(question.choices)}." if question.kind == "choice" else ""


# -- Markdown ------------------------------------------------------------------------------------
def markdown(pre: PreRead) -> str:
    from aspire_cli.views.record_text import escape_block, escape_cell, escape_inline, heading_text

    lines = [
        f"# {escape_inline(pre.title)}",
        "",
        f"For {escape_inline(pre.person)}, {long_date(pre.sent)}.",
        "",
    ]
    lines += [line for text in pre.opening() for line in (escape_inline(text), "")]
    if pre.last_talk is not None:
        lines += [f"## What you aimed for in your last talk ({long_date(pre.last_talk)})", ""]
        lines += [f"- **{label}:** {escape_inline(one_line(text))}" for label, text in pre.aims] or [
            "*Nothing noted.*"
        ]
        lines.append("")
    if pre.actions:
        lines += ["## Your actions and where they stand", "", "| " + " | ".join(ACTION_HEADINGS) + " |"]
        lines.append("|" + " --- |" * len(ACTION_HEADINGS))
        lines += ["| " + " | ".join(escape_cell(f) for f in action_fields(a)) + " |" for a in pre.actions]
        lines.append("")
    lines += ["## The questions", ""]
    for number, question in enumerate(pre.questions.questions, 1):
        lines += [f"### {number}. {heading_text(question.text)}", ""]
        for text in (question.for_employee, choices_line(question)):
            if text.strip():
                lines += [escape_block(text), ""]
    return "\n".join(lines)


# -- HTML ----------------------------------------------------------------------------------------
PRE_READ_STYLE = (
    STYLE
    + """
h3 { font-size: 1rem; margin: 1.25rem 0 .3rem; }
.guidance { color: #444; margin: 0 0 .3rem; white-space: pre-wrap; overflow-wrap: break-word; }
dl.aims { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.aims dt { font-weight: 600; }
dl.aims dd { margin: 0; white-space: pre-wrap; overflow-wrap: break-word; }"""
)


def html_document(pre: PreRead) -> str:
    """One self-contained HTML page: nothing in it is fetched, nothing runs."""
    parts = [
        *page_head(escape(one_line(pre.title)), f"\n{PRE_READ_STYLE}\n"),
        "<main>",
        f"<h1>{escape(one_line(pre.title))}</h1>",
        f'<p class="for">For {escape(one_line(pre.person))}, '
        f'<span class="date">{long_date(pre.sent)}</span>.</p>',
        *(f"<p>{escape_typed(text)}</p>" for text in pre.opening()),
    ]
    if pre.last_talk is not None:
        parts.append(f"<h2>What you aimed for in your last talk ({long_date(pre.last_talk)})</h2>")
        aims = "".join(f"<dt>{escape(label)}</dt><dd>{escape_typed(text)}</dd>" for label, text in pre.aims)
        parts.append(f'<dl class="aims">{aims}</dl>' if aims else '<p class="none">Nothing noted.</p>')
    if pre.actions:
        parts += ["<h2>Your actions and where they stand</h2>", html_actions(pre.actions)]
    parts.append("<h2>The questions</h2>")
    for number, question in enumerate(pre.questions.questions, 1):
        parts.append(f"<h3>{number}. {escape(one_line(question.text))}</h3>")
        for text in (question.for_employee, choices_line(question)):
            if text.strip():
                parts.append(f'<p class="guidance">{escape_typed(text.strip())}</p>')
    parts += ["</main>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"
