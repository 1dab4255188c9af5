"""`aspire handover` and `aspire import`: an employee's records, passed from one leader to the next
(the work itself is in commands/handover.py and handover_import.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def hand_over(home: Home, employee: EmployeeId, out: str, to: list[str] | None, include_prep: bool) -> int:
    from aspire_cli.commands.handover import run_handover

    def default_cadence() -> int:  # what someone no longer on the team is handed over with
        return home.settings.cadence_months.value

    return run_handover(home.store, employee, out, include_prep, default_cadence, list(to or []))


def take_in(home: Home, file: str, identity: str | None) -> int:
    from aspire_cli.commands.handover_import import run_import
    from aspire_cli.storage.sealing import identity_path, read_identity

    def identities() -> list[Any]:  # read only for a sealed archive
        return read_identity(identity_path(identity, home.settings.identity.value))

    return run_import(home.store, file, identities)
