"""`aspire actions` as text: the table of actions (fitted to the terminal, the status coloured on a
terminal) and the line that counts them. Plain Python on the listing's fast path; every cell is
made safe to print by the table (table.py)."""

from __future__ import annotations

from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction
from aspire_cli.views.action_status import status_text
from aspire_cli.views.table import REPEAT, SHORTEN, Column, table_text
from aspire_cli.views.width import fit_width

_COLOURS = {OVERDUE: "31", OPEN: "0", DONE: "32", DROPPED: "2"}


def actions_table(
    actions: list[TrackedAction], names: dict[str, str], *, one_employee: bool, colour: bool
) -> str:
    """The actions as an aligned table fitted to the terminal (table.py): the name beside the id
    gives way first, then the action is shortened between words (`show` and `--json` have it whole);
    the status last, coloured when `colour`. Built column by column: a team's open actions run to
    tens of thousands of rows."""
    columns = [
        Column("#", [str(a.number) for a in actions]),
        Column("Action", [a.action for a in actions], SHORTEN),
        Column("Due", [a.due.isoformat() if a.due else "-" for a in actions]),
        Column("Agreed", [a.agreed.isoformat() for a in actions]),
        Column("Status", [status_text(a) for a in actions]),
    ]
    if not one_employee:
        columns[:0] = [
            Column("Employee", [a.employee for a in actions]),
            Column("Name", [names.get(a.employee, "") for a in actions], REPEAT),
        ]
    colours = [_COLOURS[a.status] for a in actions] if colour else None
    return table_text(columns, fit_width(), colours=colours, coloured=len(columns) - 1)


def actions_summary(
    actions: list[TrackedAction], employee: str | None, names: dict[str, str], *, show_all: bool
) -> str:
    """One line: '12 open, 3 overdue' (overdue ones are open too), and how many are closed."""
    counts = {status: 0 for status in (OPEN, OVERDUE, DONE, DROPPED)}
    for action in actions:
        counts[action.status] += 1
    whose = ""
    if employee:
        whose = f"{employee} ({names[employee]}): " if names.get(employee) else f"{employee}: "
    if not actions and not employee:
        return "No actions yet; they are agreed in a talk: aspire talk EMPLOYEE"
    if not actions:
        return f"{whose}no actions yet; they are agreed in a talk: aspire talk {employee}"
    line = f"{whose}{counts[OPEN] + counts[OVERDUE]} open, {counts[OVERDUE]} overdue"
    closed = counts[DONE] + counts[DROPPED]
    if show_all:
        return f"{line}; {counts[DONE]} done, {counts[DROPPED]} dropped"
    if closed:
        see = f"aspire actions {employee} --all" if employee else "aspire actions --all"
        return f"{line} ({closed} done or dropped: {see})"
    return line
