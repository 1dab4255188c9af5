"""`aspire handover EMPLOYEE --out FILE`: one employee's records, packed for their next leader.

The archive holds the employee's talks and follow-ups (their prep notes only with --include-prep:
they are the leader's private view), byte for byte, under a manifest (storage/archive.py). It is
checked as `aspire import` will check it (handover_check.py) before it is written, to a new private
file: aspire never replaces one. Taking an archive in is handover_import.py's.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.commands.handover_check import check_contents, scratch_folder
from aspire_cli.commands.handover_plan import count, named
from aspire_cli.domain.ids import check_employee_id
from aspire_cli.errors import BadInput
from aspire_cli.safe_text import one_line
from aspire_cli.storage.archive import employee_folder
from aspire_cli.storage.files import RECORD_LIMIT, atomic_create, read_regular, write_failed

if TYPE_CHECKING:
    from collections.abc import Callable

    from aspire_cli.commands.handover_check import Checked
    from aspire_cli.storage.archive import Manifest
    from aspire_cli.storage.roster import RosterEntry
    from aspire_cli.storage.store import Store


def run_handover(
    store: Store,
    employee: str,
    out: str,
    include_prep: bool,
    default_cadence: Callable[[], int],
    to: list[str] | None = None,
) -> int:
    """`default_cadence`: the setting, read only for someone no longer on the team; `to`: the keys
    the archive is sealed to (none: it is written plain, and the line says so)."""
    from datetime import UTC

    now = datetime.now(UTC).replace(microsecond=0)
    print(one_line(hand_over(store, employee, Path(out), include_prep, now, default_cadence, to or [])))
    return 0


def hand_over(
    store: Store,
    employee: str,
    out: Path,
    include_prep: bool,
    now: datetime,
    default_cadence: Callable[[], int],
    to: list[str] | None = None,
) -> str:
    """Write the archive to `out`, sealed to the keys `to` if any; the line that says what it holds."""
    from aspire_cli.storage.sealing import parse_recipient, seal

    employee = check_employee_id(employee)
    recipients = [parse_recipient(key) for key in to or []]
    _check_out(store, out)
    member = store.team.member(employee) if store.has_home() else None
    records = [r for r in store.records.listed(employee) if include_prep or r.kind == "talk"]
    follow_ups = store.follow_ups.names(employee)
    if member is None and not records and not follow_ups:
        raise BadInput(
            f"'{employee}' is not on your team and has no records to hand over; see: aspire team list"
        )
    names = [r.path.name for r in records] + follow_ups
    cadence = member.cadence_months if member else default_cadence()
    manifest, data = _packed(store, employee, member, cadence, names, now)
    checked = _checked_as_import_reads(store, data, out, now)
    _write_new_file(out, seal(data, recipients) if recipients else data)
    return _what_it_holds(out, manifest, checked, len(follow_ups), include_prep, len(recipients))


def _packed(
    store: Store, employee: str, member: RosterEntry | None, cadence: int, names: list[str], now: datetime
) -> tuple[Manifest, bytes]:
    """The archive of the files `names` of the employee's folder, under a manifest saying whose."""
    from aspire_cli import __version__
    from aspire_cli.storage.archive import FORMAT, FORMAT_VERSION, Manifest, file_entry, pack

    folder = store.records.folder(employee)
    files = {f"{employee_folder(employee)}/{n}": read_regular(folder / n, RECORD_LIMIT) for n in names}
    manifest = Manifest(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        aspire_version=__version__,
        created=now,
        employee=employee,
        name=member.name if member else "",
        cadence_months=cadence,
        files=[file_entry(path, data) for path, data in files.items()],
    )
    return manifest, pack(manifest, files)


def _checked_as_import_reads(store: Store, data: bytes, out: Path, now: datetime) -> Checked:
    """The archive read back as import will read it, or a BadFile saying why not."""
    from aspire_cli.storage.archive import unpack

    with scratch_folder(store.home) as scratch:
        return check_contents(
            store.home,
            scratch,
            unpack(data, str(out)),
            f"{store.home}{os.sep}",
            "mend it and hand over again",
            need_sets=False,
            today=now.astimezone().date(),
        )


def _what_it_holds(
    out: Path, manifest: Manifest, checked: Checked, follow_ups: int, include_prep: bool, sealed_to: int
) -> str:
    talks = sum(1 for r in checked.records if r.record.kind == "talk")
    preps = len(checked.records) - talks
    held = [
        count(talks, "talk"),
        *([count(preps, "prep")] if include_prep else []),
        count(follow_ups, "follow-up"),
    ]
    left_out = "" if include_prep else " (your prep notes stay here; --include-prep adds them)"
    how = (
        f"It is sealed to {count(sealed_to, 'key')}: only their holder can open it"
        if sealed_to
        else "It is NOT encrypted and holds personal data: pass it on privately, or seal it with --to KEY"
    )
    return (
        f"Wrote {out}: {manifest.employee}{named(manifest.name)}, {', '.join(held)}{left_out}. {how}; "
        f"the new leader runs: aspire import {out.name}"
    )


def _check_out(store: Store, out: Path) -> None:
    """Where the archive may go: checked as every --out is (out_file.py), and never over a file."""
    from aspire_cli.storage.out_file import checked_target

    if checked_target(str(out), store.home) is None:
        raise BadInput("--out -: give the archive's file name (it is not written to the terminal)")
    if os.path.lexists(out):
        raise BadInput(f"--out {out}: already exists; aspire never replaces it: pick another name")


def _write_new_file(path: Path, data: bytes) -> None:
    """The archive at --out `path`, never replacing a file there."""
    try:
        atomic_create(path, data)
    except FileExistsError:
        raise BadInput(f"--out {path}: already exists; aspire never replaces it") from None
    except OSError as exc:
        raise write_failed(path, exc) from None
