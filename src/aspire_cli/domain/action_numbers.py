"""Whether talks can join (an archive's, a deleted one brought back) or leave (a delete) the talks of a
home without an action changing number.

Follow-ups name actions by number (tracking.py), so after an import every action must keep the
number it had on its own side, and no two actions may share one. Talks the home already holds
(identical, brought by an earlier hand-over) count once. Numbers stored in the talks rarely clash
unless both leaders held talks with the employee; actions written before numbers existed are
numbered by their order, which talks from elsewhere could shift: both show up here.

Pure: plain data in, the numbers that would change meaning out.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from aspire_cli.domain.tracking import Agreed, numbered


class Talk(NamedTuple):
    key: str  # unique across both sides
    place: tuple[date, int]  # the talk's day and its number that day: the order actions are numbered in
    numbers: list[int | None]  # each action's stored number (None: written before numbers existed)


Position = tuple[str, int]  # a talk's key and an action's place in it


def _numbers(talks: list[Talk]) -> dict[Position, int]:
    ordered = sorted(talks, key=lambda talk: talk.place)
    places = [(talk.key, i) for talk in ordered for i in range(len(talk.numbers))]
    agreed = [Agreed(n, "", "", None, "", talk.key) for talk in ordered for n in talk.numbers]
    return {position: number for position, (number, _) in zip(places, numbered(agreed), strict=True)}


def clashing_numbers(
    here: list[Talk],
    archive: list[Talk],
    placed: dict[str, tuple[date, int]],
    same: dict[str, str],
    notes_here: set[int],
    notes_arriving: set[int],
) -> list[int]:
    """The action numbers an import would mix up, sorted ([] when it can go ahead). `archive` is
    placed as in the archive; `placed` says where each arriving talk lands here, `same` which archive
    talk is already here (archive key -> key here). `notes_*`: the numbers follow-ups name."""
    here_numbers = _numbers(here)
    archive_numbers = _numbers(archive)
    arriving = [talk._replace(place=placed[talk.key]) for talk in archive if talk.key not in same]
    merged = _numbers(here + arriving)
    bad: set[int] = set()
    for position, number in here_numbers.items():
        if merged[position] != number:
            bad |= {number, merged[position]}
    for (key, i), number in archive_numbers.items():
        now = merged[(same.get(key, key), i)]
        if now != number:
            bad |= {number, now}
    bad |= {number for number, count in Counter(merged.values()).items() if count > 1}
    kept = set(same.values())
    only_here = {n for (key, _), n in merged.items() if key not in kept and key in {t.key for t in here}}
    new = {n for (key, _), n in merged.items() if key in {t.key for t in arriving}}
    bad |= notes_arriving & only_here  # a follow-up from the archive would close an action of yours
    bad |= notes_here & new  # one of yours, naming no action here, would close an arriving one
    return sorted(bad)


def numbers_changed(before: list[Talk], after: list[Talk]) -> list[int]:
    """The action numbers that would change meaning if the talks `before` became `after` (one taken
    away, or one brought back), sorted: an action in both numbered otherwise (talks written before
    numbers were stored are numbered by their order), or a number two actions would share."""
    was, now = _numbers(before), _numbers(after)
    bad: set[int] = set()
    for position, number in now.items():
        if position in was and was[position] != number:
            bad |= {number, was[position]}
    bad |= {number for number, count in Counter(now.values()).items() if count > 1}
    return sorted(bad)
