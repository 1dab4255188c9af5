"""`aspire import FILE`: a hand-over archive taken in, whole or not at all.

The whole archive is checked before anything is written: the archive itself in memory (sizes,
paths, links, duplicates, checksums: storage/archive.py), then every record and follow-up exactly as
aspire reads them from a home (handover_check.py). Then, under the home's lock, what goes where is
planned from what the home holds now (handover_plan.py) and written through the store: the member
added if missing, a record already here skipped (but for a missing Markdown copy), any other under
the first free name of its day, a follow-up under its own name; an action keeps its number, or
nothing is imported. Importing the same archive twice adds nothing the second time; importing it
again after an import cut short adds what is missing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aspire_cli.commands.handover_check import check_contents, scratch_folder
from aspire_cli.errors import BadFile, WriteFailed
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import atomic_create, write_failed
from aspire_cli.storage.handed_over import add_handed_over
from aspire_cli.storage.layout import lock_path

if TYPE_CHECKING:
    from aspire_cli.commands.handover_plan import Plan
    from aspire_cli.storage.store import Store


def run_import(store: Store, file: str, identities: Callable[[], Sequence[Any]]) -> int:
    for line in import_archive(store, Path(file), date.today(), identities):
        print(one_line(line))
    return 0


def import_archive(
    store: Store, path: Path, today: date, identities: Callable[[], Sequence[Any]] = tuple
) -> list[str]:
    """Check the archive at `path` whole, then add what this home lacks; the lines that say what
    was added and what was already here. Nothing is written unless everything checks out. A sealed
    archive is opened with `identities` (read only then)."""
    from aspire_cli.commands.handover_plan import plan_import
    from aspire_cli.interview.interrupts import saving_the_record
    from aspire_cli.storage.archive import unpack_file

    unpacked = unpack_file(path, identities)
    made_home = not store.has_home()
    try:
        store.ensure_home()
        with scratch_folder(store.home) as scratch:
            checked = check_contents(
                store.home, scratch, unpacked, f"{path}: ", "nothing imported", need_sets=True, today=today
            )
        with store.locked():
            plan = plan_import(store, unpacked.manifest, checked, today)
            if plan.records or plan.follow_ups or plan.copies or plan.team is not None:
                with saving_the_record():
                    _write(store, unpacked.manifest.employee, plan)
    except BaseException:
        if made_home:
            _remove_new_home(store.home)
        raise
    return plan.lines


def _write(store: Store, employee: str, plan: Plan) -> None:
    try:
        _write_copies(store, employee, plan.copies)
        add_handed_over(store, employee, plan.team, plan.records, plan.follow_ups)
    except WriteFailed as exc:
        raise WriteFailed(
            f"{exc.message} Part of the archive may be in; once the disk is fixed, import it again: "
            "what is already here is skipped."
        ) from None


def _write_copies(store: Store, employee: str, copies: list[tuple[str, str]]) -> None:
    """The missing Markdown copies of records already here, each a new private file; one that has
    appeared since the plan is left as it is. Under the home's lock, like every write of the import."""
    folder = store.records.folder(employee)
    written: list[Path] = []
    try:
        for name, markdown in copies:
            try:
                atomic_create(folder / name, markdown.encode("utf-8"))
            except FileExistsError:
                raise BadFile(
                    f"{folder / name}: appeared during the import and is left as it is; import again."
                ) from None
            except OSError as exc:
                raise write_failed(folder / name, exc) from None
            written.append(folder / name)
    finally:
        if written:  # a synced home commits every write
            store.committed(f"import: {employee}, {len(written)} readable copies", *written)


def _remove_new_home(home: Path) -> None:
    """An import that wrote nothing leaves no home behind where there was none."""
    with contextlib.suppress(OSError):
        lock_path(home).unlink(missing_ok=True)
        home.rmdir()
