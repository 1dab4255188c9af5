"""`aspire team add | edit | list | remove`: who you hold discussions with, and how often."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake
from aspire_cli.domain.schedule import every
from aspire_cli.errors import BadInput

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId
    from aspire_cli.storage.roster import RosterEntry


def add(home: Home, employee: EmployeeId, name: str | None, cadence: int | None) -> int:
    from datetime import date

    from aspire_cli.storage.roster_changes import add_member

    if cadence is not None:
        _check_cadence(cadence, "team add")
    settings = home.settings
    months = settings.cadence_months.value if cadence is None else cadence
    member = add_member(home.store, employee, name or "", months, date.today())
    named = f" ({member.name})" if member.name else ""
    print(f"Added {employee}{named}: discussions {every(member.cadence_months)}.")
    return 0


def edit(home: Home, employee: EmployeeId, name: str | None, cadence: int | None) -> int:
    from aspire_cli.storage.roster_changes import edit_member

    home.resolve()
    if cadence is not None:
        _check_cadence(cadence, "team edit")
    if name is None and cadence is None:
        raise usage_mistake("say what to change: --name NAME, --cadence MONTHS or both", "team edit")
    before, after = edit_member(home.store, employee, name, cadence)
    print(f"{employee}: {_changes(before, after)}.")
    return 0


def list_members(home: Home, as_json: bool) -> int:
    from aspire_cli.views.listings import run_team_list

    return run_team_list(home.store, as_json=as_json)


def remove(home: Home, employee: EmployeeId) -> int:
    from aspire_cli.safe_text import one_line
    from aspire_cli.storage.roster_changes import remove_member

    store = home.store
    remove_member(store, employee)
    folder = store.records.folder(employee)
    kept = f"their records stay in {folder}" if store.records.listed(employee) else "they had no records"
    print(one_line(f"Removed {employee} from your team; {kept}."))
    return 0


def _check_cadence(months: int, command: str) -> None:
    """1-60 months: checked here, in aspire's words, rather than by a range on the option (whose
    words would be Click's, and only on the Typer path)."""
    from aspire_cli.storage.roster_changes import check_cadence

    try:
        check_cadence(months)
    except BadInput as exc:
        raise usage_mistake(exc.message, command) from None


def _changes(before: RosterEntry, after: RosterEntry) -> str:
    changes = []
    if after.name != before.name:
        changes.append(f"name '{before.name}' -> '{after.name}'" if before.name else f"name '{after.name}'")
    if after.cadence_months != before.cadence_months:
        changes.append(f"discussions {every(after.cadence_months)} (was {every(before.cadence_months)})")
    return ", ".join(changes) or "no change, it was already so"
