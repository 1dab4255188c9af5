"""Where what a hand-over archive brings goes in this home: planned whole, under the home's lock, from
what the home holds now, before anything is written (handover_import.py writes the plan through the store).

- The member: added with the archive's name and cadence if not on the team; one already on it
  keeps what it has here (a different name is said, not taken).
- A record already here (the same content: it came with an earlier hand-over, or went the other
  way and back) is skipped, but for its Markdown copy if that is missing (an import cut short
  between the two files): that is written; any other record takes the first free name of its day
  and kind, as a record written here would (a second talk that day: -2). Its TOML is written as it
  is in the archive, its Markdown copy rendered here.
- A follow-up keeps its name; the same file already here is skipped; another file of that name
  (its random tag met by chance) gets a new tag.
- Every action keeps its number (domain/action_numbers.py), or nothing is imported.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.domain.action_numbers import Talk, clashing_numbers
from aspire_cli.domain.schedule import every
from aspire_cli.errors import BadFile
from aspire_cli.storage.files import RECORD_LIMIT, read_regular
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.layout import (
    follow_up_name,
    markdown_name,
    parse_follow_up_name,
    parse_record_name,
    record_name,
)
from aspire_cli.storage.records import action_numbers

if TYPE_CHECKING:
    from aspire_cli.commands.handover_check import ArrivingFollowUp, ArrivingRecord, Checked
    from aspire_cli.domain.models import Record, Team
    from aspire_cli.storage.archive import Manifest
    from aspire_cli.storage.store import RecordFile, Store


class Plan(NamedTuple):
    team: Team | None  # the team with the member added; None: unchanged
    records: list[tuple[str, str, str]]  # the file name here, the TOML (as in the archive), the Markdown
    follow_ups: list[tuple[str, str]]  # the file name here, the TOML
    copies: list[tuple[str, str]]  # the missing Markdown copy of a record already here: its name, text
    lines: list[str]  # what to tell the leader


class _Placed(NamedTuple):
    records: list[tuple[str, str, str]]
    copies: list[tuple[str, str]]
    places: dict[str, tuple[date, int]]  # archive name -> (day, number of the day) here
    same: dict[str, str]  # archive name -> the name of the same record here
    notes: list[str]


def plan_import(store: Store, manifest: Manifest, checked: Checked, today: date) -> Plan:
    employee = manifest.employee
    team, display, notes = _member(store, manifest, today)
    names = set(folder_names(store.records.folder(employee)))
    notes_here = {m.action for n in names if (m := parse_follow_up_name(n))}
    here = _records_here(store, employee)
    placed = _place_records(checked.records, here, names, display)
    follow_ups, follow_ups_here = _place_follow_ups(store, employee, checked.follow_ups, names)
    _refuse_clashing_numbers(employee, here, checked.records, placed, follow_ups, notes_here)
    lines = _report(manifest, display, checked, placed, len(follow_ups), follow_ups_here, team is not None)
    return Plan(team, placed.records, follow_ups, placed.copies, [*lines[:1], *notes, *lines[1:]])


def _report(
    manifest: Manifest,
    display: str,
    checked: Checked,
    placed: _Placed,
    new_follow_ups: int,
    follow_ups_here: int,
    joins: bool,
) -> list[str]:
    """What the import did, in a line, then the records that took another name, and where to look."""
    employee = manifest.employee
    counts = Counter(r.record.kind for r in checked.records if r.name not in placed.same)
    kept = Counter(r.record.kind for r in checked.records if r.name in placed.same)
    with_preps = any(r.record.kind == "prep" for r in checked.records)
    added = [count(counts["talk"], "talk"), *([count(counts["prep"], "prep")] if with_preps else [])]
    added.append(count(new_follow_ups, "follow-up"))
    already = [count(kept[k], k) for k in ("talk", "prep") if kept[k]]
    already += [count(follow_ups_here, "follow-up")] if follow_ups_here else []
    who = f"{employee}{named(display)}"
    anything = bool(placed.records or new_follow_ups)
    head = f"Imported {who}: {_and(added)}" if anything else f"Nothing new for {who}"
    if already:
        head += f"{'; ' if anything else ': '}{_and(already)} {_were(already)} already here"
    if joins:
        head += f"; added to your team (discussions {every(manifest.cadence_months)})"
    lines = [f"{head}.", *placed.notes]
    if anything:
        lines.append(f"See them with: aspire history {employee}")
    return lines


def _member(store: Store, manifest: Manifest, today: date) -> tuple[Team | None, str, list[str]]:
    """The team to write (None: unchanged), the name shown here, and a line if the names differ."""
    from aspire_cli.domain.models import Member

    try:
        team = store.team.read()
    except BadFile as exc:
        raise BadFile(f"{exc.message}; mend it first (aspire team edit); nothing imported.") from None
    employee = manifest.employee
    member = team.members.get(employee)
    if member is None:
        new = Member(name=manifest.name, cadence_months=manifest.cadence_months, added=today)
        return team.model_copy(update={"members": {**team.members, employee: new}}), manifest.name, []
    notes = []
    if manifest.name and member.name != manifest.name:
        notes.append(
            f"{employee} is on your team as '{member.name or employee}', kept as it is "
            f"(the archive calls them '{manifest.name}')."
        )
    return None, member.name, notes


def _records_here(store: Store, employee: str) -> list[tuple[RecordFile, Record]]:
    here = []
    for found in store.records.listed(employee):
        try:
            here.append((found, store.records.read(found.path)))
        except BadFile as exc:  # its actions' numbers, or the very record arriving, cannot be known
            raise BadFile(
                f"{exc.message}; mend it before importing {employee}'s records; nothing imported."
            ) from None
    return here


def _place_records(
    arriving: list[ArrivingRecord], here: list[tuple[RecordFile, Record]], names: set[str], display: str
) -> _Placed:
    placed = _Placed([], [], {}, {}, [])
    taken_before = set(names)
    for record in arriving:
        twin = next((found for found, held in here if held == record.record), None)
        if twin is not None:
            placed.same[record.name] = twin.path.name
            copy = markdown_name(twin.path.name)
            if copy not in names:  # an import cut short between the record and its copy, or lost since
                names.add(copy)
                placed.copies.append((copy, _markdown(record, display)))
                placed.notes.append(
                    f"{twin.path.name}: was already here without its readable copy; wrote {copy}."
                )
            continue
        day, kind, seq = record.record.date, record.record.kind, 1
        while record_name(day, kind, seq) in names or markdown_name(record_name(day, kind, seq)) in names:
            seq += 1
        name = record_name(day, kind, seq)
        names |= {name, markdown_name(name)}
        placed.places[record.name] = (record.record.date, seq)
        placed.records.append((name, record.data.decode("utf-8"), _markdown(record, display)))
        if record.name in taken_before:
            placed.notes.append(
                f"{record.name}: you have another {record.record.kind} with {record.record.employee} "
                f"that day; added as {name}."
            )
    return placed


def _markdown(record: ArrivingRecord, display: str) -> str:
    from aspire_cli.views.record_text import record_markdown

    assert record.qset is not None  # import refuses a record of a set this home lacks
    return record_markdown(record.checked, record.qset, display or record.record.employee)


def _place_follow_ups(
    store: Store, employee: str, arriving: list[ArrivingFollowUp], names: set[str]
) -> tuple[list[tuple[str, str]], int]:
    """The follow-ups to write, and how many are already here."""
    import secrets

    folder = store.records.folder(employee)
    new: list[tuple[str, str]] = []
    already = 0
    for follow_up in arriving:
        name = follow_up.name
        if name in names:
            try:
                there: bytes | None = read_regular(folder / name, RECORD_LIMIT)
            except BadFile:
                there = None
            if there == follow_up.data:
                already += 1
                continue
            named = parse_follow_up_name(name)
            assert named is not None  # handover_archive let in no other name
            while name in names:
                name = follow_up_name(named.day, named.action, secrets.token_hex(3))
        names.add(name)
        new.append((name, follow_up.data.decode("utf-8")))
    return new, already


def _refuse_clashing_numbers(
    employee: str,
    here: list[tuple[RecordFile, Record]],
    arriving: list[ArrivingRecord],
    placed: _Placed,
    follow_ups: list[tuple[str, str]],
    notes_here: set[int],
) -> None:
    """Refuse, with the numbers, an import that would change what an action's number means."""
    here_talks = [
        Talk(f"here:{found.path.name}", (found.day, found.seq), action_numbers(held))
        for found, held in here
        if held.kind == "talk"
    ]
    archive_talks = [
        Talk(f"archive:{record.name}", (record.record.date, _seq(record.name)), action_numbers(record.record))
        for record in arriving
        if record.record.kind == "talk"
    ]
    places = {f"archive:{name}": place for name, place in placed.places.items()}
    same = {f"archive:{name}": f"here:{there}" for name, there in placed.same.items()}
    notes_arriving = {m.action for n, _ in follow_ups if (m := parse_follow_up_name(n))}
    clash = clashing_numbers(here_talks, archive_talks, places, same, notes_here, notes_arriving)
    if clash:
        numbers = f"number{'s' if len(clash) > 1 else ''} {', '.join(map(str, clash))}"
        raise BadFile(
            f"{employee}'s actions here and in the archive would both use action {numbers}, and "
            "follow-ups name actions by number, so the two cannot be merged; nothing imported."
        )


def _seq(name: str) -> int:
    found = parse_record_name(Path(name))
    return found.seq if found else 1


def _were(parts: list[str]) -> str:
    return "was" if len(parts) == 1 and parts[0].startswith("1 ") else "were"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def named(name: str) -> str:
    return f" ({name})" if name else ""
