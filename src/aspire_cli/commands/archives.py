"""`aspire handover` and `aspire import`: an employee's records, passed from one leader to the next
(the work itself is in commands/handover.py and handover_import.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def hand_over(home: Home, employee: EmployeeId, out: str, include_prep: bool) -> int:
    from aspire_cli.commands.handover import run_handover

    def default_cadence() -> int:  # what someone no longer on the team is handed over with
        return home.settings.cadence_months.value

    return run_handover(home.store, employee, out, include_prep, default_cadence)


def take_in(home: Home, file: str) -> int:
    from aspire_cli.commands.handover_import import run_import

    return run_import(home.store, file)
