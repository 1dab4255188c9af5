"""`aspire actions` as text: the table of actions (the action shortened to fit the terminal, the
status coloured on a terminal) and the line that counts them. Plain Python on the listing's fast
path; every cell goes through safe_text or width.shorten once."""

from __future__ import annotations

from aspire_cli.domain.tracking import DONE, DROPPED, OPEN, OVERDUE, TrackedAction
from aspire_cli.safe_text import one_line
from aspire_cli.views.action_status import status_text
from aspire_cli.views.width import column_width, padded, room_for, shorten, terminal_columns

ACTION_MIN, ACTION_MAX = 20, 60  # cells of an action shown in the table (the JSON has it whole)
_COLOURS = {OVERDUE: "31", OPEN: "0", DONE: "32", DROPPED: "2"}


def actions_table(
    actions: list[TrackedAction], names: dict[str, str], *, one_employee: bool, colour: bool
) -> str:
    """The actions as an aligned table, as views/table.format_table draws one, the action shortened
    to fit the terminal; the status last, coloured when `colour`. Built column by column, each cell
    made safe once: a team's open actions run to tens of thousands of rows."""
    header = ["#", "Action", "Due", "Agreed", "Status"]
    columns = [
        [str(a.number) for a in actions],
        [a.action for a in actions],
        [a.due.isoformat() if a.due else "-" for a in actions],
        [a.agreed.isoformat() for a in actions],
        [status_text(a) for a in actions],
    ]
    if not one_employee:
        shown = {employee: one_line(name) for employee, name in names.items()}
        header[:0] = ["Employee", "Name"]
        columns[:0] = [[a.employee for a in actions], [shown.get(a.employee, "") for a in actions]]
    at = header.index("Action")
    widths = [column_width([title, *column]) for title, column in zip(header, columns, strict=True)]
    room = room_for(widths, [at], terminal_columns(), ACTION_MIN, ACTION_MAX)
    columns[at] = [shorten(text, room) for text in columns[at]]
    widths[at] = column_width([header[at], *columns[at]])
    table = [
        padded([title, *column], width)
        for title, column, width in zip(header[:-1], columns[:-1], widths[:-1], strict=True)
    ]
    last = [header[-1], *columns[-1]]
    if colour:
        last = [f"\x1b[{_COLOURS[a.status]}m{cell}\x1b[0m" for a, cell in zip(actions, last[1:], strict=True)]
        last.insert(0, header[-1])
    lines = ["  ".join(row) for row in zip(*table, last, strict=True)]
    if colour:
        lines[0] = f"\x1b[1m{lines[0]}\x1b[0m"
    return "\n".join(lines)


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
