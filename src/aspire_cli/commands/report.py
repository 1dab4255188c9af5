"""`aspire report`: the team at a glance, for the leader and for a talent review.

Reads like a listing (see listings.py): through the index, so a warm report is plain Python (no
pydantic, Typer or Rich, for the table, CSV and JSON), and it survives any one bad file: the file is
named on stderr in one line, its member is left out of the report (which says so), everyone else is
reported, and the exit status is 2.

As of a day: a member added to the team after it is left out (unless a record of theirs was held
by then: talks typed in after the fact); a member's due status is what `aspire due --as-of` says;
their aspirations and levels come from their latest talk and prep held on or before that day, and
their actions stand as they did then (agreed by then, follow-ups dated after it not yet counted;
overdue when due before it).

The report holds the leader's assessments, so `--out FILE` writes a private file (0600), all at
once, never through a symbolic link, and never inside the aspire home (out_file.py, as export and
share do). Without `--out` (or with `--out -`) it goes to stdout.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from aspire_cli.domain.team_report import Gathered, TeamReport, build_report
from aspire_cli.errors import BadFile, report
from aspire_cli.safe_text import one_line
from aspire_cli.storage.index import ALL_KINDS, LATEST, Contents, Index
from aspire_cli.storage.out_file import checked_target, write_out

if TYPE_CHECKING:
    from aspire_cli.domain.schedule import DueRow
    from aspire_cli.storage.settings import Settings
    from aspire_cli.storage.store import Roster, Store


def run_report(store: Store, settings: Settings, as_of: date, fmt: str, out: str | None, today: date) -> int:
    """Write the report as of `as_of` in `fmt` (table, md, csv, json, html) to `out` (None or "-":
    stdout); the exit code: 2 when a file could not be read, else 0. The leader's name and the
    due-soon window are the `settings` in force, as `aspire config` shows them."""
    from aspire_cli.views.report import render

    target = checked_target(out, store.home)  # before anything is read: a wrong --out writes nothing
    leader, window = settings.leader.value, settings.due_soon_days.value
    problems: list[str] = []
    if store.has_home():
        team = gather(store, as_of, today, window, problems)
    else:
        team = build_report([], as_of, leader)
    team = team._replace(leader=leader)
    for problem in dict.fromkeys(problems):  # one file can fail two ways (its due date, its answers)
        report(BadFile(problem))
    text = render(
        team, fmt, colour=target is None and fmt == "table" and _colour(), to_file=target is not None
    )
    if target is not None:
        write_out(target, text.encode("utf-8"))
        count = len(team.members)
        print(one_line(f"Wrote the report of {count} member{'s' if count != 1 else ''} to {target}"))
    elif fmt == "table" and not team.members and not problems:
        from aspire_cli.views.listings import NO_TEAM_YET, no_home_yet

        print(NO_TEAM_YET if store.has_home() else no_home_yet(store))
    else:
        _write_out(text)
    return 2 if problems else 0


def _write_out(text: str, chunk: int = 1 << 16) -> None:
    """On stdout, a pipe's worth at a time: one huge write to a reader that goes away (`| head`)
    can end short without a word, where the next write says so (and the exit status is 141)."""
    for start in range(0, len(text), chunk):
        sys.stdout.write(text[start : start + chunk])


def gather(store: Store, as_of: date, today: date, window: int, problems: list[str]) -> TeamReport:
    """Everything the report needs, from the index; what could not be read goes into `problems`."""
    from aspire_cli.views.due import due_report

    due = due_report(store, as_of, window, today=today)
    problems += due.problems
    rows = {row.employee: row for row in due.rows}
    index = Index(store)
    try:
        roster, _ = index.roster()  # a member who does not validate: named by due_report already
        # the answers of the latest talk and prep only, unless the day is past (then those held by it)
        contents = index.contents(sorted(roster), ALL_KINDS, answers=LATEST if as_of >= today else True)
    finally:
        index.save()
    gathered: list[Gathered] = []
    left_out: list[str] = []
    for employee, held in contents.items():
        problems += held.problems
        if not _on_the_team(roster[employee].added, held, as_of):
            continue
        if held.problems or employee not in rows:
            left_out.append(employee)
            continue
        gathered.append(_member(employee, roster, rows[employee], held, as_of, problems))
    return build_report(gathered, as_of, None, left_out)


def _on_the_team(added: str | None, held: Contents, as_of: date) -> bool:
    """Whether a member was on the team on `as_of`: added by then, or (added when the leader began
    with aspire, their earlier talks typed in after) with a record held by then. No `added` date
    (a team.toml of an older aspire): always."""
    by_then = as_of.isoformat()  # ISO dates compare as days do
    return added is None or added <= by_then or any(record.day <= by_then for record in held.records)


def _member(
    employee: str, roster: Roster, due: DueRow, held: Contents, as_of: date, problems: list[str]
) -> Gathered:
    from aspire_cli.storage.looking_back import tracked_actions

    by_then = as_of.isoformat()  # ISO dates compare as days do
    records = [record for record in held.records if record.day <= by_then]
    latest = {record.kind: record for record in records}  # oldest first: the last of each kind
    answered: dict[str, tuple[str, dict[str, Any]] | None] = {}
    for kind in ("talk", "prep"):
        record = latest.get(kind)
        answered[kind] = (record.day, record.answers()[1]) if record and record.answers_text else None
    follow_ups = [note for note in held.follow_ups if note.day <= by_then]
    actions, trouble = tracked_actions(Contents(records, follow_ups, []), employee, as_of)
    problems += trouble
    talk = latest.get("talk")
    form = bool(talk and talk.answers_text and talk.own_words())
    return Gathered(employee, roster[employee].name, due, answered["talk"], answered["prep"], actions, form)


def _colour() -> bool:
    from aspire_cli.views.table import use_colour

    return use_colour()
