"""What the records say over time, through the index: an employee's records and follow-ups, the
actions agreed with their status, and the numbers new actions get. No terminal, no Typer here."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.domain.tracking import Agreed, TrackedAction, next_number, track
from aspire_cli.errors import BadInput
from aspire_cli.storage.index import ALL_KINDS, Contents, Index, IndexedRecord

if TYPE_CHECKING:
    from aspire_cli.domain.ids import RecordDay
    from aspire_cli.domain.models import Record
    from aspire_cli.storage.store import RecordFile, Store

TALKS_AND_FOLLOW_UPS = frozenset({"talk", "follow-up"})


def folder_contents(
    store: Store, employees: list[str], kinds: frozenset[str] = ALL_KINDS, *, answers: bool = True
) -> dict[str, Contents]:
    """Each employee's records and follow-ups (see Index.contents), the index saved after."""
    index = Index(store)
    try:
        return index.contents(employees, kinds, answers=answers)
    finally:
        index.save()


def agreed_actions(records: list[IndexedRecord]) -> list[Agreed]:
    """The actions of these records' talks, in the order agreed (records come oldest first)."""
    agreed: list[Agreed] = []
    for record in records:
        if record.kind != "talk":
            continue
        for items in record.actions.values():
            for item in items:
                agreed.append(
                    Agreed(
                        item.get("number"),
                        item["action"],
                        item["measure"],
                        item.get("due"),
                        record.day,
                        record.name,
                    )
                )
    return agreed


def tracked_actions(contents: Contents, employee: str, today: date) -> tuple[list[TrackedAction], list[str]]:
    """One employee's actions with their status; the lines for files that could not be used."""
    actions, problems = track(employee, agreed_actions(contents.records), contents.follow_ups, today)
    return actions, contents.problems + problems


def team_actions(store: Store, employees: list[str], today: date) -> tuple[list[TrackedAction], list[str]]:
    """Every action agreed with these employees, and the lines for files that could not be used."""
    every: list[TrackedAction] = []
    problems: list[str] = []
    for employee, contents in folder_contents(store, employees, TALKS_AND_FOLLOW_UPS, answers=False).items():
        actions, trouble = tracked_actions(contents, employee, today)
        every += actions
        problems += trouble
    return every, problems


def with_action_numbers(store: Store, record: Record) -> Record:
    """A talk about to be written, its actions numbered after every action agreed with the employee
    before (see tracking.py) and every number ever given them (numbers_given.py); a record without
    actions as it is."""
    if not any(isinstance(answer, tuple) and answer for answer in record.answers.values()):
        return record
    contents = folder_contents(store, [record.employee], frozenset({"talk"}), answers=False)
    first = next_number(agreed_actions(contents[record.employee].records))
    return numbered_from(record, max(first, store.numbers.remembered(record.employee) + 1))


def numbered_from(record: Record, first: int) -> Record:
    """The record with each action that has no number given the next one from `first` on; the
    numbered ones as they are (a new talk's, or an edited talk's that were kept)."""
    answers: dict[str, object] = {}
    number = first
    for key, answer in record.answers.items():
        if isinstance(answer, tuple):
            numbered = []
            for item in answer:
                if item.number is None:
                    item = item.model_copy(update={"number": number})
                    number += 1
                numbered.append(item)
            answers[key] = tuple(numbered)
        else:
            answers[key] = answer
    return record.with_answers(answers)  # type: ignore[arg-type]


def find_record(store: Store, employee: str, day: RecordDay | None, kind: str | None) -> RecordFile:
    """The record `show` and `edit` are asked for: the latest of `kind` (default talk), or that of
    `day` (--date YYYY-MM-DD, or YYYY-MM-DD-N for the Nth of one day, read by the command line).
    A BadInput says what there is instead."""
    from aspire_cli.domain.ids import check_employee_id

    check_employee_id(employee)
    records = store.records.listed(employee)
    if not records:
        raise BadInput(no_records_message(store, employee))
    wanted_kinds = [kind] if kind else ["talk", "prep"]
    if day is None:
        of_kind = [r for r in records if r.kind == (kind or "talk")]
        if not of_kind:
            held = ", ".join(sorted({r.kind for r in records}))
            raise BadInput(
                f"{employee} has no {kind or 'talk'} yet (only: {held}); "
                f"see one with: aspire show {employee} --kind {records[-1].kind}"
            )
        return of_kind[-1]
    for wanted in wanted_kinds:  # the second of a day is named -2, as day.seq counts
        chosen = [r for r in records if r.day == day.day and r.kind == wanted and r.seq == day.seq]
        if chosen:
            return chosen[0]
    shown = [r for r in records if r.kind in wanted_kinds[:1] or not kind]
    days = ", ".join(record_label(r.day, r.seq, r.kind) for r in shown)
    what = kind or "record"
    raise BadInput(f"{employee} has no {what} on {day.text}; there are: {days}")


def record_label(day: date | str, seq: int, kind: str) -> str:
    """A record as `--date` names it, with its kind: 2026-11-26-2 (talk)."""
    return f"{day if isinstance(day, str) else day.isoformat()}{f'-{seq}' if seq > 1 else ''} ({kind})"


def no_records_message(store: Store, employee: str) -> str:
    import difflib

    roster, _ = store.team.roster_report() if store.has_home() else ({}, [])
    if employee in roster:
        return f"no records with {employee} yet; prepare with: aspire prep {employee}"
    close = difflib.get_close_matches(employee, list(roster), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else "; see who is: aspire team list"
    return f"'{employee}' has no records and is not on your team{hint}"
