"""What a prep or talk shows around its questions: the title, what was already said, the prep notes,
the team to pick from, the Saved line. Plain functions of a Discussion; Rich loads only when one
of them draws."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.domain.questions import Answer, QuestionSet
from aspire_cli.errors import AspireError
from aspire_cli.safe_text import one_line, visible
from aspire_cli.storage.layout import markdown_name, parse_record_name
from aspire_cli.views.record_text import KIND_TITLES, record_panel
from aspire_cli.views.width import cells, column_width, pad, shorten, wrap

if TYPE_CHECKING:
    from aspire_cli.domain.models import Record
    from aspire_cli.interview.session import Discussion


def escape(text: str) -> str:
    """Text to put inside Rich markup as it is (Rich is imported only when something is drawn)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def say_saved(d: Discussion, path: Path) -> None:
    named = parse_record_name(path)
    second = ""
    if named is not None and named.seq > 1:
        nth = {2: "second", 3: "third"}.get(named.seq, f"{named.seq}th")
        second = f" (the {nth} {d.kind} with {path.parent.name} on {named.day.isoformat()})"
    from aspire_cli.views.table import use_colour

    label = "\x1b[32mSaved\x1b[0m" if use_colour() else "Saved"
    # plain print: a path is copied by hand, so it is never wrapped
    with contextlib.suppress(OSError):  # the record is on disk: a closed terminal changes nothing
        print(f"{label} {one_line(str(path))} and its readable copy {markdown_name(path.name)}{second}")


def team_by_urgency(d: Discussion) -> list[tuple[str, str]]:
    """The team as (id, aligned label with status), most urgent first, as `aspire due` lists it."""
    from aspire_cli.views.due import due_report
    from aspire_cli.views.listings import status_text

    report = due_report(d.store, d.today, 30)
    rows = [(row.employee, row.name, status_text(row)) for row in report.rows]
    listed = {row[0] for row in rows}
    rows += [
        (e, m.name, "see: aspire due") for e, m in sorted(d.store.team.roster().items()) if e not in listed
    ]
    shown = [(e, one_line(name), status) for e, name, status in rows]
    id_width, name_width = column_width(row[0] for row in shown), column_width(row[1] for row in shown)
    return [(e, f"{pad(e, id_width)}  {pad(name, name_width)}  {status}") for e, name, status in shown]


def introduce(d: Discussion, name: str, qset: QuestionSet, base: Record) -> None:
    d.console.print(f"[bold]{KIND_TITLES[d.kind]} with {escape(one_line(name))}[/], {base.date.isoformat()}")
    if qset.intro:
        d.console.print(f"[dim]{escape(visible(qset.intro))}[/]", highlight=False)
    d.console.print(
        "[dim]Each answer is kept in a draft as you go; Ctrl-C stops and you can resume later.[/]"
    )


def already_said(
    d: Discussion, qset: QuestionSet, answers: dict[str, Answer], unfinished: str | None, given_by: str
) -> None:
    """What was already said, one line a question, so the leader picks the thread back up."""
    from rich.text import Text

    done = sum(1 for key in answers if key != unfinished)
    d.console.print()
    d.console.print(f"[bold]{given_by}:[/] {done} of {len(qset.questions)} already answered.")
    width = max(d.console.width - 8, 40)
    said: list[tuple[str, str]] = []
    for position, question in enumerate(qset.questions, 1):
        answer = answers.get(question.id)
        if isinstance(answer, tuple):
            actions = "; ".join(item.action for item in answer)
            said.append((f"{position}. {question.text}", f"{len(answer)} so far: {actions}"))
        elif answer is not None:
            said.append((f"{position}. {question.text}", answer))
    label_width = min(max(cells(label) for label, _ in said), width // 2)
    for label, answer_given in said:
        label = shorten(label, label_width)
        d.console.print(
            Text(f"  {pad(label, label_width)}  ", style="dim")
            + Text(shorten(answer_given, width - label_width))
        )


def their_words_given(d: Discussion, qset: QuestionSet) -> None:
    """That the employee's own answers came (talk --from), and how they are used."""
    count = sum(1 for question in qset.questions if question.id in d.their_words)
    d.console.print(
        f"Their own answers to {count} of {len(qset.questions)} questions are shown before each, as "
        "[magenta]In their words[/]; each answer starts from theirs. They are kept beside what you agree.",
        highlight=False,
    )


def show_brief(d: Discussion, employee: str, day: date) -> None:
    """What the last talk said and where its actions stand (see brief.py), before the first question.
    The brief is a help, not the job: a folder that cannot be read is one line, and the interview goes on."""
    from rich.text import Text

    from aspire_cli.storage.looking_back import folder_contents
    from aspire_cli.views.brief import LABEL_WIDTH, brief

    try:
        contents = folder_contents(d.store, [employee], frozenset({"talk", "follow-up"}))[employee]
    except AspireError as exc:
        d.console.print(f"[yellow]No brief:[/] {escape(one_line(exc.message))}", highlight=False)
        return
    d.console.print()
    indent = 2 + LABEL_WIDTH
    room = max(d.console.width - indent, 20)
    for number, line in enumerate(brief(employee, contents, day, d.today, room)):
        if number == 0:  # the title, on a line of its own
            d.console.print(Text(line.text, style=line.style))
            continue
        for depth, part in enumerate(wrap(line.text, room)):  # a command too long is wrapped, not cut
            label = f"  {line.label:<{LABEL_WIDTH}}" if depth == 0 else " " * indent
            d.console.print(Text(label, style="dim") + Text(part, style=line.style), soft_wrap=True)
    for problem in contents.problems[:2]:  # a broken file is named; the interview goes on
        for part in wrap(f"(not read: {one_line(problem)})", d.console.width, "  ", "    "):
            d.console.print(Text(part, style="yellow"), soft_wrap=True)


def show_prep_notes(d: Discussion, employee: str, name: str, day: date) -> None:
    """The latest prep notes made on or before the talk's day (a backfilled talk gets its own); with
    --hide-prep (or prep_notes = "hidden"), one line saying they are hidden and nothing of them."""
    if d.hide_prep:
        d.console.print('[dim]Your prep notes are hidden (--hide-prep or prep_notes = "hidden").[/]')
        return
    preps = [found for found in d.store.records.listed(employee, "prep") if found.day <= day]
    latest = preps[-1] if preps else None
    if latest is None:
        d.console.print(
            f"[yellow]No prep notes for {employee} yet.[/] "
            f"[dim](aspire prep {employee} before the meeting)[/]"
        )
        return
    try:
        prep, qset = d.store.records.checked(latest.path)  # qset None: a set used once (--questions)
    except AspireError as exc:
        d.console.print(
            f"[yellow]Prep notes could not be read:[/] {escape(one_line(exc.message))}", highlight=False
        )
        return
    from rich.text import Text

    dated = f", {prep.date.isoformat()}"  # the title stays on the panel's top line: the name gives way
    room = d.console.width - 6 - cells(f"Your prep notes for {dated}")  # the border and a space each side
    title = Text(f"Your prep notes for {shorten(name, room)}{dated}")  # literal: a name is not markup
    d.console.print(record_panel(prep, qset, title))
