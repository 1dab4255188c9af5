"""Readable views of the models: the Markdown copy of a record, and terminal panels and tables.

Pure functions of their inputs; Rich is imported only by the functions that draw with it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from aspire_cli.questions import Action, QuestionSet

if TYPE_CHECKING:
    from rich.console import RenderableType

    from aspire_cli.models import Record

KIND_TITLES = {"prep": "Preparation notes", "talk": "Career aspiration discussion"}

# Characters that can start or shape Markdown structure anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
# Line starts that would make a list, a quote, a heading underline, a rule or a numbered list.
_BLOCK_START = re.compile(r"^([-+=>]|\d+[.)])")


def escape_line(line: str) -> str:
    """One line of an answer as literal Markdown text: no structure can leak out of it."""
    line = _INLINE_SPECIAL.sub(r"\\\1", line.strip())
    return _BLOCK_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], line)


def escape_block(text: str) -> str:
    """A multi-line answer: paragraphs kept, single line breaks kept as hard breaks."""
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    return "\n\n".join(
        " \\\n".join(escape_line(line) for line in para.split("\n") if line.strip())
        for para in paragraphs
        if para.strip()
    )


def escape_cell(text: str) -> str:
    """Text for a table cell: one line, pipes escaped."""
    lines = [escape_line(line) for line in text.replace("\r", "\n").split("\n") if line.strip()]
    return "<br>".join(lines) or " "


def record_markdown(record: Record, qset: QuestionSet, display_name: str) -> str:
    title = KIND_TITLES.get(record.kind, record.kind)
    lines = [
        f"# {escape_line(display_name)}: {title}, {record.date.isoformat()}",
        "",
        f"*Question set: {escape_line(qset.id)}, version {record.question_set_version}.*",
        "",
    ]
    for number, question in enumerate(qset.questions, 1):
        lines += [f"## {number}. {escape_line(question.text)}", ""]
        answer = record.answers.get(question.id)
        if isinstance(answer, tuple):
            lines += actions_table(answer)
        elif answer and answer.strip():
            lines.append(escape_block(answer))
        else:
            lines.append("*No answer.*")
        lines.append("")
    return "\n".join(lines)


def actions_table(actions: tuple[Action, ...]) -> list[str]:
    rows = ["| # | Action | Measure | Due |", "| --- | --- | --- | --- |"]
    for number, item in enumerate(actions, 1):
        due = item.due.isoformat() if item.due else "-"
        rows.append(f"| {number} | {escape_cell(item.action)} | {escape_cell(item.measure)} | {due} |")
    return rows


def answer_text(answer: str | tuple[Action, ...] | None) -> str:
    """An answer as plain terminal text (for panels)."""
    if answer is None:
        return "(no answer)"
    if isinstance(answer, tuple):
        return "\n".join(
            f"{n}. {a.action}  (measure: {a.measure}{'; due ' + a.due.isoformat() if a.due else ''})"
            for n, a in enumerate(answer, 1)
        )
    return answer.strip() or "(no answer)"


def record_panel(record: Record, qset: QuestionSet, title: str) -> RenderableType:
    """A record's answers in a panel, each under its question (prep notes shown before a talk)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts: list[RenderableType] = []
    for question in qset.questions:
        parts.append(Text(question.text, style="bold"))
        parts.append(Text(answer_text(record.answers.get(question.id))))
        parts.append(Text(""))
    return Panel(Group(*parts[:-1]), title=title, title_align="left", border_style="cyan")
