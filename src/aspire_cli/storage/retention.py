"""Records past the retention the leader set (the setting retention_years): those dated before the
same day that many years ago. Known by their file names alone (nothing is opened), for everyone
with a records folder, on the team or no longer: `aspire due` counts them on its fast path, and
`aspire forget --expired` erases them (commands/forget.py).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.domain.ids import is_employee_id
from aspire_cli.domain.schedule import add_months
from aspire_cli.errors import AspireError
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.layout import split_record_name

if TYPE_CHECKING:
    from aspire_cli.storage.layout import RecordFile
    from aspire_cli.storage.store import Store


def retention_cutoff(today: date, years: int) -> date:
    """The first day still kept: a record dated before it is past the retention (29 February: 28)."""
    return add_months(today, -12 * years)


def expired_records(store: Store, before: date) -> dict[str, list[RecordFile]]:
    """Each employee's records (preps and talks) dated before `before`, oldest first; an employee
    with none is left out, and so is a folder that cannot be listed (the listings name it)."""
    found: dict[str, list[RecordFile]] = {}
    for employee in sorted(folder_names(store.records.root)):
        if not is_employee_id(employee):
            continue
        try:
            old = [record for record in store.records.listed(employee) if record.day < before]
        except AspireError:
            continue
        if old:
            found[employee] = old
    return found


def count_expired(store: Store, before: date) -> int:
    """How many records are dated before `before`, as expired_records finds them: by name alone,
    without a Path a file (`aspire due` runs this for every folder)."""
    cutoff = before.isoformat()
    count = 0
    for employee in folder_names(store.records.root):
        if not is_employee_id(employee):
            continue
        try:
            names = folder_names(store.records.root / employee)
        except AspireError:
            continue
        count += sum(1 for name in names if name[:10] < cutoff and _is_record_before(name, before))
    return count


def _is_record_before(name: str, before: date) -> bool:
    named = split_record_name(name)
    if named is None:
        return False
    try:
        return date.fromisoformat(named.day) < before  # 2019-02-30 is no record's name
    except ValueError:
        return False


def say_expired(store: Store, today: date, years: int | None) -> None:
    """One line on stderr while records are past the retention; nothing when it is not set."""
    if years is None:
        return
    cutoff = retention_cutoff(today, years)
    try:
        count = count_expired(store, cutoff)
    except AspireError:
        return  # a link in place of the records folder: the listing itself says so
    if not count:
        return
    line = (  # under 80 columns: it stands above the table
        f"aspire: {count} record{'s' if count != 1 else ''} older than your {years}-year retention: "
        "aspire forget --expired"
    )
    print(line, file=sys.stderr)
