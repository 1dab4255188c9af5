"""Readable views of the models: the Markdown copy of a record, and terminal panels and tables.

Pure functions of their inputs; Rich is imported only by the functions that draw with it.
"""

from __future__ import annotations

import re
import string
import unicodedata
from typing import TYPE_CHECKING

from aspire_cli.domain import own_words
from aspire_cli.domain.own_words import THEIR_WORDS, differs
from aspire_cli.safe_text import has_control_characters, one_line, visible

if TYPE_CHECKING:  # types only: share and show load no pydantic for them
    from rich.console import RenderableType
    from rich.text import Text

    from aspire_cli.domain.models import Record
    from aspire_cli.domain.questions import Action, QuestionSet

KIND_TITLES = {"prep": "Preparation notes", "talk": "Career aspiration discussion"}

# The Markdown copy should read as the answer was typed, so a character is escaped only where CommonMark
# or GFM could make something of it. Every escaped character is ASCII punctuation and so is the backslash
# put before it: escaping never changes how a neighbouring emphasis delimiter is classified.
_PUNCTUATION = frozenset(string.punctuation)
_HTML_OR_AUTOLINK = re.compile(r"<[A-Za-z/!?]")
_ENTITY = re.compile(r"&(?:#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]*);")
_DELIMITER_RUN = re.compile(r"\*+|_+|~+")
# Line starts that open a block: an ATX heading, a bullet, a numbered item (its `.` or `)` is escaped).
_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_BULLET = re.compile(r"[-+*](?:[ \t]|$)")
_NUMBERED = re.compile(r"[0-9]{1,9}([.)])(?:[ \t]|$)")
# A line made only of these could underline a setext heading, be a thematic break or a table's delimiter row.
_RULE_LIKE = re.compile(r"[-=*_|:][-=*_|: \t]*")


def _neighbour_kinds(char: str | None) -> set[str]:
    """What CommonMark may take a delimiter run's neighbour for; None is the edge of the escaped text.

    The edge may meet a space, a line end or punctuation of our own (`<br>`, `:`, a hard-break backslash);
    symbols count as punctuation since CommonMark 0.31 but not in older parsers.
    """
    if char is None:
        return {"space", "punctuation"}
    category = unicodedata.category(char)
    if char in " \t\n" or category == "Zs":
        return {"space"}
    if char in _PUNCTUATION or category.startswith("P"):
        return {"punctuation"}
    return {"punctuation", "other"} if category.startswith("S") else {"other"}


def _could_delimit(char: str, before: str | None, after: str | None) -> bool:
    """True if a run of `char` (`*`, `_` or `~`) could open or close emphasis or strikethrough."""
    for b in _neighbour_kinds(before):
        for a in _neighbour_kinds(after):
            left = a != "space" and (a != "punctuation" or b != "other")
            right = b != "space" and (b != "punctuation" or a != "other")
            opens, closes = left, right
            if char == "_":  # intraword underscores never delimit: snake_case stays as typed
                opens = left and (not right or b == "punctuation")
                closes = right and (not left or a == "punctuation")
            if opens or closes:
                return True
    return False


def _inline_marks(text: str) -> set[int]:
    """Positions in one line of text whose character could start inline Markdown (code, links, HTML...)."""
    marks = set()
    for i, char in enumerate(text):
        following = text[i + 1 : i + 2]
        if (
            char in "`["
            or (char == "\\" and (not following or following in _PUNCTUATION))
            or (char == "<" and _HTML_OR_AUTOLINK.match(text, i))
            or (char == "&" and _ENTITY.match(text, i))
        ):
            marks.add(i)
    for run in _DELIMITER_RUN.finditer(text):
        before = text[run.start() - 1] if run.start() else None
        after = text[run.end()] if run.end() < len(text) else None
        if _could_delimit(run[0][0], before, after):
            marks.update(range(run.start(), run.end()))
    return marks


def _block_mark(line: str) -> int | None:
    """Where a line, with its leading spaces gone, would open a block: heading, quote, list, fence, rule."""
    if numbered := _NUMBERED.match(line):
        return numbered.start(1)
    opens = (
        line.startswith((">", "~~~"))
        or _HEADING.match(line)
        or _BULLET.match(line)
        or _RULE_LIKE.fullmatch(line)
    )
    return 0 if opens else None


def _escaped(text: str, marks: set[int]) -> str:
    return "".join("\\" + char if i in marks else char for i, char in enumerate(text))


def _lines(text: str) -> list[str]:
    """The lines of an answer, control characters shown as escapes (`\\x1b`), tabs as spaces.

    Leading spaces would make a code block and trailing ones a hard break, so both go.
    """
    return [line.expandtabs(4).strip(" ") for line in visible(text).split("\n")]


def escape_inline(text: str) -> str:
    """One line of text as literal Markdown inside a line (a title, a heading after its number)."""
    line = one_line(text).strip(" ")
    return _escaped(line, _inline_marks(line))


def escape_line(line: str) -> str:
    """One line of an answer (no newline, no control characters) as a literal line of a paragraph."""
    marks = _inline_marks(line)
    block = _block_mark(line)
    return _escaped(line, marks if block is None else marks | {block})


def escape_block(text: str) -> str:
    """A multi-line answer: paragraphs kept, each line break kept as a hard break."""
    paragraphs: list[list[str]] = [[]]
    for line in _lines(text):
        if line:
            paragraphs[-1].append(escape_line(line))
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(" \\\n".join(lines) for lines in paragraphs if lines)


def escape_cell(text: str) -> str:
    """Text for a table cell: its lines joined by `<br>`, every pipe escaped."""
    cells = []
    for line in filter(None, _lines(text)):
        pipes = {i for i, char in enumerate(line) if char == "|"}
        cells.append(_escaped(line, _inline_marks(line) | pipes))
    return "<br>".join(cells) or " "


def heading_text(text: str) -> str:
    """Text ending a heading line: a trailing run of `#` would be taken for the heading's closing marks."""
    escaped = escape_inline(text)
    if escaped.endswith("#"):
        run = len(escaped) - len(escaped.rstrip("#"))
        escaped = escaped[:-run] + "\\" + escaped[-run:]
    return escaped


def record_markdown(record: Record, qset: QuestionSet, display_name: str) -> str:
    title = KIND_TITLES.get(record.kind, record.kind)
    lines = [
        f"# {escape_inline(display_name)}: {title}, {record.date.isoformat()}",
        "",
        f"*Question set: {escape_inline(qset.id)}, version {record.question_set_version}.*",
        "",
    ]
    for number, question in enumerate(qset.questions, 1):
        lines += [f"## {number}. {heading_text(question.text)}", ""]
        answer = record.answers.get(question.id)
        if isinstance(answer, tuple):
            lines += actions_table(answer)
        else:
            text = escape_block(answer) if answer and answer.strip() else ""
            lines.append(text or "*No answer.*")
        lines += ["", *_their_words_markdown(record.own_words.get(question.id), answer)]
    return "\n".join(lines)


def _their_words_markdown(theirs: str | tuple[Action, ...] | None, agreed: object) -> list[str]:
    """The employee's own answer under the agreed one (talk --from), or that it was the same."""
    if theirs is None:
        return []
    if not differs(theirs, agreed):
        return [f"*{THEIR_WORDS}: the same.*", ""]
    said = actions_table(theirs) if isinstance(theirs, tuple) else [escape_block(theirs)]
    return [f"*{THEIR_WORDS}:*", "", *said, ""]


def actions_table(actions: tuple[Action, ...]) -> list[str]:
    rows = ["| # | Action | Measure | Due |", "| --- | --- | --- | --- |"]
    for place, item in enumerate(actions, 1):
        number = item.number or place  # numbered when written (see tracking.py)
        due = item.due.isoformat() if item.due else "-"
        rows.append(f"| {number} | {escape_cell(item.action)} | {escape_cell(item.measure)} | {due} |")
    return rows


def answer_text(answer: str | tuple[Action, ...] | None) -> str:
    """An answer as plain terminal text (for panels), control characters shown as escapes."""
    return (
        "(no answer)" if answer is None else visible(own_words.answer_text(answer).strip()) or "(no answer)"
    )


def panel_title(title: str | Text) -> Text:
    """A panel title that cannot obey a control character.

    A str is Rich markup, so the caller escapes any name in it (`rich.markup.escape`); a Text is taken
    literally. Control characters are shown first: Rich would silently drop some (BEL, CR) but not ESC.
    """
    from rich.text import Text

    if isinstance(title, str):
        return Text.from_markup(one_line(title), emoji=False)
    return Text(one_line(title.plain)) if has_control_characters(title.plain) else title


def record_panel(record: Record, qset: QuestionSet | None, title: str | Text) -> RenderableType:
    """A record's answers in a panel, each under its question (prep notes shown before a talk); with
    no set (one used once with --questions), under their ids."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    labelled = (
        [(q.text, record.answers.get(q.id)) for q in qset.questions]
        if qset is not None
        else list(record.answers.items())
    )
    parts: list[RenderableType] = []
    for label, answer in labelled:
        parts.append(Text(one_line(label), style="bold"))
        parts.append(Text(answer_text(answer)))
        parts.append(Text(""))
    return Panel(Group(*parts[:-1]), title=panel_title(title), title_align="left", border_style="cyan")
