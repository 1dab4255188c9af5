"""`aspire edit`'s check-and-keep: the edited copy read back exactly as a record is read
(store.records.checked), checked as typed answers are (actions' due dates) and as edit_checks.py says
(what an edit may not change; action numbers), then kept: the record replaced atomically under the
home's lock, its previous version kept in records/<employee>/.versions/, its Markdown copy rewritten.
What fails is one line: in a terminal the leader edits again or discards; with no terminal to ask in
(an editor run by a script, as git allows) the run exits 2 and the record is unchanged.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from aspire_cli.commands.edit_editor import run_editor
from aspire_cli.errors import AspireError, BadFile, report
from aspire_cli.interview.interrupts import saving_the_record
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import RECORD_LIMIT, read_regular
from aspire_cli.storage.layout import markdown_path

if TYPE_CHECKING:
    from aspire_cli.commands.edit import Edit
    from aspire_cli.domain.models import Record
    from aspire_cli.storage.store import Store


def edit_until_settled(e: Edit) -> int:
    while True:
        run_editor(e)
        try:
            record = _edited_record(e)
        except BadFile as exc:
            problem = exc.message.removeprefix(f"{e.copy}: ")
            if not e.terminal:
                raise BadFile(f"not saved: {problem}; {e.path} is unchanged") from None
            if _edit_again(problem):
                continue
            e.done = True
            print(one_line(f"Discarded your changes; {e.path} is unchanged."))
            return 1
        if record is None or record == e.original:
            return _no_change(e)
        return _save(e, record)


def _edit_again(problem: str) -> bool:
    from aspire_cli.interview import prompts

    report(BadFile(f"not saved: {problem}"))
    choice = prompts.pick(
        "What now?",
        [("edit", "Edit again (your changes are kept)"), ("discard", "Discard your changes")],
    )
    return choice == "edit"


def _edited_record(e: Edit) -> Record | None:
    """The record as edited, checked as a record read and as typed answers are; None if the text
    is as it was. A BadFile names the first problem."""
    from aspire_cli.commands import edit_checks
    from aspire_cli.domain.questions import actions_due_problem
    from aspire_cli.storage.files import read_toml

    text = read_regular(e.copy, RECORD_LIMIT)
    if text == e.start.encode("utf-8"):
        return None
    problem = edit_checks.fixed_fields_problem(e.found, e.original, read_toml(e.copy))
    if problem:
        raise BadFile(problem)
    record, qset = e.store.records.checked(e.copy)
    if qset is None:
        raise BadFile(f"question_set: {no_such_set(e.store, record.question_set)}")
    e.qset = qset  # the same set, unless the edit mends a record that named none it could find
    answers = dict(record.answers)
    problem = actions_due_problem(answers, record.date) or edit_checks.numbers_problem(e.numbers, record)
    if problem:
        raise BadFile(f"answers.{problem}")
    return edit_checks.new_actions_numbered(e.numbers, record)


def _no_change(e: Edit) -> int:
    """Nothing to write; but a readable copy out of date (after an undo by hand) is written again."""
    e.done = True
    md = markdown_path(e.path)
    if e.original is not None:
        from aspire_cli.views.record_text import record_markdown

        markdown = record_markdown(e.original, e.qset, _display_name(e.store, e.employee))
        try:
            current = read_regular(md, RECORD_LIMIT)
        except BadFile:
            current = None
        if current != markdown.encode("utf-8"):
            e.store.records.write_markdown(e.path, markdown)
            print(
                one_line(
                    f"No change to {e.path}; its readable copy {md.name} was out of date and is rewritten."
                )
            )
            return 0
    print(one_line(f"No change: {e.path} is as it was."))
    return 0


def _save(e: Edit, record: Record) -> int:
    from aspire_cli.views.record_text import record_markdown

    markdown = record_markdown(record, e.qset, _display_name(e.store, e.employee))
    with saving_the_record():
        kept = e.store.records.replace(e.path, e.was, record, markdown, datetime.now(UTC))
        e.done = True
    md = markdown_path(e.path).name
    before = f"{kept.parent.name}/{kept.name}"
    print(one_line(f"Saved {e.path} and its readable copy {md}; the version before is in {before}"))
    return 0


def _display_name(store: Store, employee: str) -> str:
    try:
        roster, _ = store.team.roster_report()
    except AspireError:  # a broken team.toml does not stop an edit: the id is the name then
        return employee
    member = roster.get(employee)
    return member.display_name(employee) if member else employee


def no_such_set(store: Store, set_id: str) -> str:
    from aspire_cli.storage.question_sets import own_folder

    folder = own_folder(store.home)
    return f"written with the question set '{set_id}', which is neither shipped nor in {folder}; put it there"
