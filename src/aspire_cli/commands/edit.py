"""`aspire edit`: a record corrected in the leader's own editor, kept only if it holds up.

The editor (edit_editor.py) works on a private copy, <home>/.editing/<employee>/<the record's name>
(folders 0700, file 0600). The copy is named like the record so that it is read back exactly as the
record is read, then checked and kept (edit_keep.py, with edit_checks.py).

Promises: a record changes only by a valid edit, replaced atomically under the home's lock, with
its previous version kept in records/<employee>/.versions/ and its Markdown copy rewritten.
Nothing typed is lost: an edit neither saved nor discarded (rejected with no terminal, stopped,
refused by the disk) stays in the copy, named in the message, and the next edit of that record
offers to carry on with it. The employee's interview lock is held throughout, so an edit and a
talk cannot race for action numbers.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.commands.edit_checks import NO_NUMBERS, Numbers
from aspire_cli.commands.edit_editor import open_the_copy
from aspire_cli.commands.edit_keep import edit_until_settled, no_such_set
from aspire_cli.domain.ids import check_employee_id
from aspire_cli.errors import AspireError, BadFile, Busy
from aspire_cli.interview.editor_files import EDITING_FOLDER
from aspire_cli.interview.interrupts import as_aborted
from aspire_cli.storage.files import RECORD_LIMIT, read_regular

if TYPE_CHECKING:
    from aspire_cli.domain.ids import RecordDay
    from aspire_cli.domain.models import Record
    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.storage.store import RecordFile, Store


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
        return self.store.home / EDITING_FOLDER / self.employee / self.path.name

    @property
    def again(self) -> str:
        """The command that edits this record again."""
        seq = f"-{self.found.seq}" if self.found.seq > 1 else ""
        kind = " --kind prep" if self.found.kind == "prep" else ""
        return f"aspire edit {self.employee} --date {self.found.day.isoformat()}{seq}{kind}"


def run_edit(store: Store, employee: str, day: RecordDay | None, kind: str | None) -> int:
    """`aspire edit EMPLOYEE [--date D] [--kind K]`: 0 saved or unchanged, 1 discarded or the
    editor failed, 2 an invalid edit with no terminal to ask in, 130 stopped."""
    from aspire_cli.storage.looking_back import find_record

    found = find_record(store, check_employee_id(employee), day, kind)
    with record_lock(store, employee, found.kind):
        edit = _begin(store, found)
        try:
            open_the_copy(edit)
            return edit_until_settled(edit)
        except KeyboardInterrupt as interrupt:  # a stop between two steps (SIGHUP, SIGTERM)
            raise _naming_the_copy(edit, as_aborted(interrupt)) from None
        except AspireError as exc:
            raise _naming_the_copy(edit, exc) from None
        finally:
            _tidy(edit)


@contextlib.contextmanager
def record_lock(store: Store, employee: str, kind: str) -> Iterator[None]:
    """The employee's interview lock of `kind`, held while one of their records is edited, deleted
    or restored: no talk can hand out action numbers meanwhile."""
    stack = contextlib.ExitStack()
    try:
        stack.enter_context(store.interview_lock(employee, kind))
    except Busy:
        raise Busy(
            f"the {kind}s with {employee} are in use by another `aspire {kind} {employee}`, "
            f"`aspire edit {employee}` or `aspire delete {employee}` (in another terminal?); "
            "finish or stop it first."
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
        original, qset = store.records.checked(found.path)
    except BadFile:
        original, qset = None, set_or_none(store.home, _set_named(text, found.kind))
    if qset is None:
        named = original.question_set if original is not None else _set_named(text, found.kind)
        raise BadFile(f"{found.path}: {no_such_set(store, named)}")
    return original, qset


def _set_named(text: str, kind: str) -> str:
    """The id of the set a record's text names, read as well as it can be (else its kind's)."""
    from aspire_cli.storage.toml_read import TomlError, loads

    try:
        named = loads(text).get("question_set")
    except TomlError:
        return kind
    return named if isinstance(named, str) else kind


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
