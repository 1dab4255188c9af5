"""`aspire actions [EMPLOYEE]`: the actions agreed in talks, open ones (every one with --all).

The list is a listing like `due`: it reads through the index, so a warm one is plain Python (no
pydantic, Typer or Rich; see launcher.py), prints a plain aligned table (views/actions.py), survives
any one bad file (named on stderr in one line, everything else listed, exit 2) and writes nothing but
the index. Marking an action done, dropped or open again: actions_follow_up.py.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.domain.ids import check_employee_id
from aspire_cli.domain.tracking import TrackedAction, listing_order
from aspire_cli.errors import BadFile, BadInput, report
from aspire_cli.storage.index import Index
from aspire_cli.storage.looking_back import TALKS_AND_FOLLOW_UPS, tracked_actions
from aspire_cli.views.actions import actions_summary, actions_table
from aspire_cli.views.json_text import json_rows
from aspire_cli.views.table import use_colour
from aspire_cli.views.width import fit_width, fitted

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents
    from aspire_cli.storage.store import Roster, Store


class Found(NamedTuple):
    """The actions of the employees asked about, their names, and a line per file that failed."""

    actions: list[TrackedAction]
    names: dict[str, str]
    problems: list[str]


def run_actions(store: Store, employee: str | None, *, show_all: bool, as_json: bool, today: date) -> int:
    """Print the open actions (with `show_all`, every one), overdue as of `today`; the exit code:
    2 when a file could not be read, else 0."""
    if employee is not None:
        check_employee_id(employee)
    if not store.has_home():
        from aspire_cli.views.listings import no_home_yet

        print("[]" if as_json else fitted(no_home_yet(store, "No actions yet"), fit_width()))
        return 0
    found = _team_actions(store, today) if employee is None else _one_employee(store, employee, today)
    for problem in found.problems:
        report(BadFile(problem))
    shown = listing_order([a for a in found.actions if show_all or a.is_open])
    if as_json:
        print(json_rows([action.as_json() for action in shown]))
    else:
        if shown:
            print(actions_table(shown, found.names, one_employee=employee is not None, colour=use_colour()))
        if employee is None and not found.names and not found.problems:
            from aspire_cli.views.listings import NO_TEAM_YET

            print(fitted(NO_TEAM_YET, fit_width()))
        else:
            summary = actions_summary(found.actions, employee, found.names, show_all=show_all)
            print(fitted(summary, fit_width()))
    return 2 if found.problems else 0


def _team_actions(store: Store, today: date) -> Found:
    """The actions of everyone on the roster (a member removed keeps their records, not a place here)."""
    index = Index(store)
    try:
        roster, problems = index.roster()
        store.records.exists()  # a link or a file in place of the records folder: no listing at all
        contents = index.contents(list(roster), TALKS_AND_FOLLOW_UPS, answers=False)
    finally:
        index.save()
    actions: list[TrackedAction] = []
    for employee, held in contents.items():
        theirs, trouble = tracked_actions(held, employee, today)
        actions += theirs
        problems += trouble
    return Found(actions, {employee: member.name for employee, member in roster.items()}, problems)


def _one_employee(store: Store, employee: str, today: date) -> Found:
    """One employee's actions, on the team or not (a member removed still has their records)."""
    roster, held = contents_of(store, employee)
    actions, problems = tracked_actions(held, employee, today)
    member = roster.get(employee)
    return Found(actions, {employee: member.name if member else ""}, problems)


def contents_of(store: Store, employee: str) -> tuple[Roster, Contents]:
    """The roster, and what the employee's folder holds; a BadInput if they are neither on the team
    nor have any records."""
    index = Index(store)
    try:
        roster, _ = index.roster()  # a member who does not validate is `due`'s and `team list`'s to name
        held = index.contents([employee], TALKS_AND_FOLLOW_UPS, answers=False)[employee]
    finally:
        index.save()
    if employee not in roster and not (held.records or held.follow_ups or held.problems):
        if store.records.listed(employee):  # only preps: not a stranger
            return roster, held
        raise BadInput(_stranger(employee, roster))
    return roster, held


def _stranger(employee: str, roster: Roster) -> str:
    import difflib

    close = difflib.get_close_matches(employee, list(roster), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else "; see who is: aspire team list"
    return f"'{employee}' is not on your team and has no records{hint}"
