"""`aspire edit`: a record corrected in the leader's own editor, kept only if it holds up.

The editor ($VISUAL, else $EDITOR, else vi; split as a shell splits words, as git does) works on a
private copy, <home>/.editing/<employee>/<the record's name> (folders 0700, file 0600). The copy is
named like the record so that it is read back exactly as the record is read (store.checked_record:
its name and folder, the question set it names), then checked as typed answers are (actions' due
dates) and as edit_checks.py says (what an edit may not change; action numbers).
What fails is one line: in a terminal the leader edits again or discards; with no terminal to ask
in (an editor run by a script, as git allows) the run exits 2 and the record is unchanged.

Promises: a record changes only by a valid edit, replaced atomically under the home's lock, with
its previous version kept in records/<employee>/.versions/ and its Markdown copy rewritten.
Nothing typed is lost: an edit neither saved nor discarded (rejected with no terminal, stopped,
refused by the disk) stays in the copy, named in the message, and the next edit of that record
offers to carry on with it. The employee's interview lock is held throughout, so an edit and a
talk cannot race for action numbers.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.commands.edit_checks import NO_NUMBERS, Numbers
from aspire_cli.domain.ids import check_employee_id
from aspire_cli.errors import Aborted, AspireError, BadFile, BadInput, Busy, report
from aspire_cli.interview.interrupts import as_aborted, saving_the_record, stop_on_signals
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import RECORD_LIMIT, atomic_write, private_dir, read_regular

if TYPE_CHECKING:
    from aspire_cli.domain.models import Record
    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.storage.store import RecordFile, Store

EDIT_FOLDER = ".editing"  # shared with an interview's Ctrl-X Ctrl-E files (discussion.EDITOR_FOLDER)
DEFAULT_EDITOR = "vi"


@dataclass
class Edit:
    store: Store
    found: RecordFile
    qset: QuestionSet
    was: bytes  # the record as the edit began
    original: Record | None  # None: the record does not read as it is (the edit may fix it)
    start: str  # the text first put before the editor: the record, under a short header
    numbers: Numbers
    terminal: bool
    done: bool = field(default=False)  # saved, unchanged or discarded: the copy has served

    @property
    def path(self) -> Path:
        return self.found.path

    @property
    def employee(self) -> str:
        return self.found.path.parent.name

    @property
    def copy(self) -> Path:
        return self.store.home / EDIT_FOLDER / self.employee / self.path.name

    @property
    def again(self) -> str:
        """The command that edits this record again."""
        seq = f"-{self.found.seq}" if self.found.seq > 1 else ""
        kind = " --kind prep" if self.found.kind == "prep" else ""
        return f"aspire edit {self.employee} --date {self.found.day.isoformat()}{seq}{kind}"


def run_edit(store: Store, employee: str, day: str | None, kind: str | None) -> int:
    """`aspire edit EMPLOYEE [--date D] [--kind K]`: 0 saved or unchanged, 1 discarded or the
    editor failed, 2 an invalid edit with no terminal to ask in, 130 stopped."""
    from aspire_cli.storage.looking_back import find_record

    found = find_record(store, check_employee_id(employee), day, kind)
    with _edit_lock(store, employee, found.kind):
        edit = _begin(store, found)
        try:
            _open_the_copy(edit)
            return _edit_until_settled(edit)
        except KeyboardInterrupt as interrupt:  # a stop between two steps (SIGHUP, SIGTERM)
            raise _naming_the_copy(edit, as_aborted(interrupt)) from None
        except AspireError as exc:
            raise _naming_the_copy(edit, exc) from None
        finally:
            _tidy(edit)


@contextlib.contextmanager
def _edit_lock(store: Store, employee: str, kind: str) -> Iterator[None]:
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(store.interview_lock(employee, kind))
    except Busy:
        raise Busy(
            f"the {kind}s with {employee} are in use by another `aspire {kind} {employee}` or "
            f"`aspire edit {employee}` (in another terminal?); finish or stop it first."
        ) from None
    with stack:
        yield


def _begin(store: Store, found: RecordFile) -> Edit:
    was = read_regular(found.path, RECORD_LIMIT)
    try:
        text = was.decode("utf-8")
    except UnicodeDecodeError:
        raise BadFile(
            f"{found.path}: is not UTF-8 text, so it cannot be edited as text; fix it by hand."
        ) from None
    original, qset = _as_read(store, found, text)
    from aspire_cli.commands import edit_checks

    numbers = edit_checks.numbers_around(store, found, text) if found.kind == "talk" else NO_NUMBERS
    numbered = edit_checks.with_numbers_shown(original, numbers) if original is not None else None
    if numbered is not None:
        from aspire_cli.storage.toml_write import toml_text

        text = toml_text(numbered.to_toml_data())
    start = _header(found, qset) + text
    return Edit(store, found, qset, was, original, start, numbers, sys.stdin.isatty())


def _as_read(store: Store, found: RecordFile, text: str) -> tuple[Record | None, QuestionSet]:
    """The record as every command reads it (None if it does not: the edit may be what fixes it),
    and the question set it is checked with, which an edit needs for its Markdown copy."""
    from aspire_cli.storage.question_sets import set_or_none

    try:
        original, qset = store.checked_record(found.path)
    except BadFile:
        original, qset = None, set_or_none(store.home, _set_named(text, found.kind))
    if qset is None:
        named = original.question_set if original is not None else _set_named(text, found.kind)
        raise BadFile(f"{found.path}: {_no_such_set(store, named)}")
    return original, qset


def _set_named(text: str, kind: str) -> str:
    """The id of the set a record's text names, read as well as it can be (else its kind's)."""
    from aspire_cli.storage.toml_read import TomlError, loads

    try:
        named = loads(text).get("question_set")
    except TomlError:
        return kind
    return named if isinstance(named, str) else kind


def _no_such_set(store: Store, set_id: str) -> str:
    from aspire_cli.storage.question_sets import own_folder

    folder = own_folder(store.home)
    return f"written with the question set '{set_id}', which is neither shipped nor in {folder}; put it there"


def _header(found: RecordFile, qset: QuestionSet) -> str:
    from aspire_cli.domain.questions import Kind

    lines = [
        f"# aspire edit: {found.path.parent.name}'s {found.kind} of {found.day.isoformat()}.",
        "# Save and close the editor to keep your changes: they are checked first.",
        "# Lines starting with # are not kept.",
    ]
    if any(question.kind is Kind.actions for question in qset.questions):
        lines[-1] += " A new action, without a number, gets the next free one."
    return "\n".join(lines) + "\n\n"


# -- the editor -----------------------------------------------------------------------------------


def _open_the_copy(e: Edit) -> None:
    """The copy the editor opens: the record, or an edit left unsaved before, if the leader wants it."""
    try:
        leftover = read_regular(e.copy, RECORD_LIMIT)
    except BadFile:
        if e.copy.exists() or e.copy.is_symlink():
            raise
        leftover = None
    if leftover is not None and leftover != e.start.encode("utf-8"):
        if not e.terminal:
            raise BadInput(
                f"an edit of {e.path.name} that was not saved is waiting (carry on with it in a "
                "terminal, or delete the file to start again from the record)"
            )
        if _carry_on_with(e):
            return
    private_dir(e.copy.parent.parent, follow=False)
    private_dir(e.copy.parent, follow=False)
    atomic_write(e.copy, e.start, durable=False)


def _carry_on_with(e: Edit) -> bool:
    from aspire_cli.interview import prompts

    when = datetime.fromtimestamp(e.copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    choice = prompts.pick(
        f"An edit of {e.path.name} that was not saved is kept from {when}: carry on with it?",
        [
            ("carry-on", "Carry on with it"),
            ("restart", "Start again from the record (discard that edit)"),
            ("cancel", "Cancel"),
        ],
    )
    if choice == "cancel":
        raise Aborted("nothing changed")
    return choice == "carry-on"


def _run_editor(e: Edit) -> None:
    import shlex
    import signal

    variable, command = _editor()
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise BadInput(f"{variable} '{command}' cannot be split into words ({exc}); fix it") from None
    waiting = _say_waiting(argv[0])
    try:
        with stop_on_signals():  # Ctrl-C is the editor's: noted here, not acted on
            code = subprocess.run([*argv, str(e.copy)], check=False).returncode
    except OSError as exc:
        raise AspireError(
            f"cannot run {variable} '{command}': {exc.strerror or exc}; set VISUAL or EDITOR to an "
            f"editor you have (e.g. export EDITOR=nano); {e.path.name} is unchanged"
        ) from None
    finally:
        if waiting:
            _stderr("\r\x1b[K")
    if code in (-signal.SIGINT, 128 + signal.SIGINT):
        raise Aborted(f"your editor was interrupted; nothing saved, {e.path.name} is unchanged")
    if code != 0:
        how = f"was stopped by signal {-code}" if code < 0 else f"exited with status {code}"
        raise AspireError(f"your editor ({command}) {how}, so nothing was saved; {e.path.name} is unchanged")


def _editor() -> tuple[str, str]:
    """Where the editor command comes from, and the command."""
    import os

    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return f"${name}", value
    return "the default editor", DEFAULT_EDITOR


def _say_waiting(editor: str) -> bool:
    """Like git: a line that a terminal editor covers and that is wiped after, for a GUI editor
    that may open in another window (or return at once, without --wait)."""
    import os

    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return False
    _stderr(f"Waiting for your editor ({one_line(editor)}) to close the file... ")
    return True


def _stderr(text: str) -> None:
    with contextlib.suppress(OSError):
        sys.stderr.write(text)
        sys.stderr.flush()


# -- checking and keeping what was edited ---------------------------------------------------------


def _edit_until_settled(e: Edit) -> int:
    while True:
        _run_editor(e)
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
    record, qset = e.store.checked_record(e.copy)
    if qset is None:
        raise BadFile(f"question_set: {_no_such_set(e.store, record.question_set)}")
    e.qset = qset  # the same set, unless the edit mends a record that named none it could find
    answers = dict(record.answers)
    problem = actions_due_problem(answers, record.date) or edit_checks.numbers_problem(e.numbers, record)
    if problem:
        raise BadFile(f"answers.{problem}")
    return edit_checks.new_actions_numbered(e.numbers, record)


def _no_change(e: Edit) -> int:
    """Nothing to write; but a readable copy out of date (after an undo by hand) is written again."""
    e.done = True
    md = e.path.with_suffix(".md")
    if e.original is not None:
        from aspire_cli.views.record_text import record_markdown

        markdown = record_markdown(e.original, e.qset, _display_name(e.store, e.employee))
        try:
            current = read_regular(md, RECORD_LIMIT)
        except BadFile:
            current = None
        if current != markdown.encode("utf-8"):
            e.store.write_markdown(e.path, markdown)
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
        kept = e.store.replace_record(e.path, e.was, record, markdown, datetime.now(UTC))
        e.done = True
    md = e.path.with_suffix(".md").name
    before = f"{kept.parent.name}/{kept.name}"
    print(one_line(f"Saved {e.path} and its readable copy {md}; the version before is in {before}"))
    return 0


def _display_name(store: Store, employee: str) -> str:
    try:
        roster, _ = store.roster_report()
    except AspireError:  # a broken team.toml does not stop an edit: the id is the name then
        return employee
    member = roster.get(employee)
    return member.display_name(employee) if member else employee


# -- the copy, afterwards -------------------------------------------------------------------------


def _copy_is_kept(e: Edit) -> bool:
    """Whether the copy holds an edit not saved nor discarded, which must not be lost."""
    if e.done:
        return False
    try:
        return read_regular(e.copy, RECORD_LIMIT) != e.start.encode("utf-8")
    except BadFile:
        return False


def _naming_the_copy(e: Edit, exc: AspireError) -> AspireError:
    if _copy_is_kept(e):
        exc.message = f"{exc.message}; your edited text is kept in {e.copy}; carry on with: {e.again}"
    return exc


def _tidy(e: Edit) -> None:
    if not _copy_is_kept(e):
        with contextlib.suppress(OSError):
            e.copy.unlink()
    for folder in (e.copy.parent, e.copy.parent.parent):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: another edit or interview may be using it
