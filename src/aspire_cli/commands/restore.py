"""`aspire restore`: a record `aspire delete` took away, brought back with its readable copy and the
follow-ups it took (storage/deleted.py), under its own name or, if a record of that day has taken
it since, the first free one. No question asked: nothing is lost by bringing a record back. The
latest delete of that record is the one restored; a record deleted twice can be restored twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake
from aspire_cli.commands.delete import employee_talks, refuse_renumbering, say, talk
from aspire_cli.commands.edit import record_lock
from aspire_cli.errors import BadInput

if TYPE_CHECKING:
    from pathlib import Path

    from aspire_cli.domain.ids import RecordDay
    from aspire_cli.storage.deleted import Deleted
    from aspire_cli.storage.store import Store


def run_restore(store: Store, employee: str, day: RecordDay | None, kind: str | None) -> int:
    """`aspire restore EMPLOYEE --date D [--kind K]`: 0 restored."""
    from aspire_cli.storage.deleted import deleted_records

    deleted = deleted_records(store, employee)
    listed = ", ".join(dict.fromkeys(d.label for d in deleted))
    there = f"; deleted and kept: {listed}" if deleted else f"; nothing of {employee}'s was deleted"
    if day is None:
        raise usage_mistake(f"say which record: --date YYYY-MM-DD[-N]{there}", "restore")
    for wanted in [kind] if kind else ["talk", "prep"]:
        chosen = [d for d in deleted if (d.day, d.record.seq, d.record.kind) == (day.day, day.seq, wanted)]
        if chosen:
            with record_lock(store, employee, wanted):
                path = _restore(store, chosen[-1])
            _say_restored(chosen[-1], path)
            return 0
    raise BadInput(f"{employee} has no deleted {kind or 'record'} of {day.text}{there}")


def _restore(store: Store, deleted: Deleted) -> Path:
    from aspire_cli.storage.deleted import bring_back, restored_path
    from aspire_cli.storage.files import RECORD_LIMIT, read_regular
    from aspire_cli.storage.layout import parse_record_name
    from aspire_cli.storage.numbers_given import numbers_listed
    from aspire_cli.storage.toml_read import TomlError, load_bytes

    path = restored_path(store, deleted)
    if deleted.record.kind == "talk":
        _, talks = employee_talks(store, path.parent.name)
        try:
            numbers = numbers_listed(load_bytes(read_regular(deleted.path, RECORD_LIMIT)))
        except TomlError:
            numbers = []  # a talk that does not read numbers nothing
        named = parse_record_name(path)
        back = talk(path.name, deleted.day, named.seq if named else 1, numbers)
        refuse_renumbering(talks, [*talks, back], "nothing restored")
    bring_back(store, deleted, path)
    return path


def _say_restored(deleted: Deleted, path: Path) -> None:
    follow_ups = len(deleted.follow_ups)
    also = ["its readable copy"] if deleted.copy is not None else []
    also += [f"{follow_ups} follow-up{'s' if follow_ups > 1 else ''}"] if follow_ups else []
    what = f"{path.parent.name}'s {deleted.record.kind} of {deleted.record.day}"
    say(f"Restored {what} as {path}" + (f", with {' and '.join(also)}." if also else "."))
