"""The team report's content: one row per member, the potential-by-readiness grid, who is not assessed.

Pure: plain data in (what the index and `due` found, gathered by report_command.py), plain data
out, the day passed in. The renderers (plain text, Markdown, HTML, CSV, JSON) are report_views.py.

The levels. The employee names the level they aspire to (talk: `aspiration_level`); the leader names
the level they see the employee reaching (prep: `potential_level`). Both take one of the management
levels, ranked, or the expert track, which is not ranked against them:

    current role < one level up < two or more levels up < senior leadership;   expert track

Put side by side they are `aligned` (the same level, or both the expert track), the employee `aims
higher` than the leader sees, `you see more` (the leader) than the employee aims for, or they are on a
`different track` (one the expert track, the other a management level: neither is higher). With
either level missing (a record from before the levels were asked) there is no mark.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, NamedTuple

from aspire_cli.domain.schedule import DueRow
from aspire_cli.domain.tracking import OVERDUE, TrackedAction

MANAGEMENT_LEVELS = ("current role", "one level up", "two or more levels up", "senior leadership")
EXPERT_TRACK = "expert track"
LEVELS = (*MANAGEMENT_LEVELS, EXPERT_TRACK)
READINESS = ("ready now", "1-2 years", "3-5 years")
GRID_ROWS = (*reversed(MANAGEMENT_LEVELS), EXPERT_TRACK)  # highest first, the other track last
ALIGNED, AIMS_HIGHER, SEES_MORE, DIFFERENT_TRACK = "aligned", "aims higher", "you see more", "different track"
ALIGNMENTS = (ALIGNED, AIMS_HIGHER, SEES_MORE, DIFFERENT_TRACK)
_RANK = {level: rank for rank, level in enumerate(MANAGEMENT_LEVELS)}


class Gathered(NamedTuple):
    """What was found for one member: their due row, their latest talk and prep on or before the
    report's day (ISO date and answers, None when there is none), and their actions."""

    employee: str
    name: str
    due: DueRow
    talk: tuple[str, dict[str, Any]] | None
    prep: tuple[str, dict[str, Any]] | None
    actions: list[TrackedAction]
    form_returned: bool = False  # their latest talk keeps their own words (they returned a form)


class MemberRow(NamedTuple):
    employee: str
    name: str
    initials: str
    due_status: str  # overdue, never held, due soon, ok
    next_due: date | None
    last_talk: str | None  # ISO dates
    last_prep: str | None
    short_term_aspiration: str | None
    long_term_aspiration: str | None
    aspiration_level: str | None
    potential_level: str | None
    alignment: str | None
    willing: str | None
    readiness: str | None
    next_assignment: str | None
    open_actions: int  # overdue ones included
    overdue_actions: int
    form_returned: bool  # the employee returned a form for their latest talk (talk --from)

    def as_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["next_due"] = self.next_due.isoformat() if self.next_due else None
        return data


class NotAssessed(NamedTuple):
    employee: str
    name: str
    initials: str
    reason: str


class TeamReport(NamedTuple):
    as_of: date
    leader: str | None
    members: list[MemberRow]
    grid: dict[str, dict[str, list[MemberRow]]]  # potential level -> readiness -> members
    not_assessed: list[NotAssessed]
    left_out: list[str]  # members whose files could not be read (named on stderr)


def alignment(aspiration: str | None, potential: str | None) -> str | None:
    """How the level the employee aims for stands to the one the leader sees (see the docstring)."""
    if aspiration not in LEVELS or potential not in LEVELS:
        return None
    if aspiration == potential:
        return ALIGNED
    if EXPERT_TRACK in (aspiration, potential):
        return DIFFERENT_TRACK
    return AIMS_HIGHER if _RANK[aspiration] > _RANK[potential] else SEES_MORE


def build_report(
    gathered: list[Gathered], as_of: date, leader: str | None, left_out: list[str] | None = None
) -> TeamReport:
    """The report of these members (in the order given) as of `as_of`."""
    marks = initials({g.employee: g.name for g in gathered})
    members = [_row(g, marks[g.employee]) for g in gathered]
    grid: dict[str, dict[str, list[MemberRow]]] = {level: {r: [] for r in READINESS} for level in GRID_ROWS}
    not_assessed: list[NotAssessed] = []
    for g, row in zip(gathered, members, strict=True):
        reason = _unassessed(g.prep, row)
        if reason is None:
            grid[row.potential_level or ""][row.readiness or ""].append(row)
        else:
            not_assessed.append(NotAssessed(row.employee, row.name, row.initials, reason))
    return TeamReport(as_of, leader, members, grid, not_assessed, sorted(left_out or []))


def _row(g: Gathered, mark: str) -> MemberRow:
    talk = g.talk[1] if g.talk else {}
    prep = g.prep[1] if g.prep else {}
    aims, sees = _text(talk, "aspiration_level"), _text(prep, "potential_level")
    open_actions = [a for a in g.actions if a.is_open]
    return MemberRow(
        g.employee,
        g.name,
        mark,
        g.due.status,
        g.due.next_due,
        g.talk[0] if g.talk else None,
        g.prep[0] if g.prep else None,
        _text(talk, "short_term_aspiration"),
        _text(talk, "long_term_aspiration"),
        aims,
        sees,
        alignment(aims, sees),
        _text(talk, "willing"),
        _text(prep, "readiness"),
        _text(prep, "next_assignment"),
        len(open_actions),
        sum(1 for a in open_actions if a.status == OVERDUE),
        g.form_returned,
    )


def _text(answers: dict[str, Any], key: str) -> str | None:
    value = answers.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _unassessed(prep: tuple[str, dict[str, Any]] | None, row: MemberRow) -> str | None:
    """Why a member has no place in the grid, or None when they have one."""
    if prep is None:
        return "no prep yet"
    for key, value, scale in (
        ("potential level", row.potential_level, LEVELS),
        ("readiness", row.readiness, READINESS),
    ):
        if value is None:
            return f"no {key} in the latest prep ({prep[0]}); the next prep asks for it"
        if value not in scale:
            return f"{key} '{value}' in the latest prep ({prep[0]}) is not on the scale"
    return None


# -- initials ---------------------------------------------------------------------------------------
_WORDS = re.compile(r"[^\W_]+")


def initials(names: dict[str, str]) -> dict[str, str]:
    """Each member's initials, from the name (the id when there is none), different for everyone:
    "Alice Smith" is AS. Where two would share them, a few more letters tell them apart, of the
    last name first (Alice Smith ASm, Alice Stone ASt), else of the first (Alice Smith AlS, Anna
    Smith AnS); a number only when the names themselves are the same (AS1, AS2)."""
    words = {
        employee: _name_words(name) or _words(employee) or [employee] for employee, name in names.items()
    }
    result = {employee: _mark(words[employee], 0, 0) for employee in names}
    for _ in range(3):  # a group told apart may meet another told apart in the same round
        groups = _clashes(result)
        if not groups:
            return result
        for group in groups:
            _tell_apart(group, words, result)
    for group in _clashes(result):  # the same name: numbered, in the order of their ids
        taken = set(result.values())
        for employee in sorted(group):
            n = 1
            while f"{result[employee]}{n}" in taken:
                n += 1
            result[employee] = f"{result[employee]}{n}"
            taken.add(result[employee])
    return result


def _name_words(name: str) -> list[str]:
    """A name's words, their letters only ("Smith-Jones" is one word, SmithJones)."""
    return [joined for word in name.split() if (joined := "".join(_WORDS.findall(word)))]


def _words(employee: str) -> list[str]:
    """An id's words: bob-lee is Bob Lee."""
    return _WORDS.findall(employee)


def _clashes(marks: dict[str, str]) -> list[list[str]]:
    by_mark: dict[str, list[str]] = {}
    for employee, mark in marks.items():
        by_mark.setdefault(mark, []).append(employee)
    return [group for group in by_mark.values() if len(group) > 1]


def _tell_apart(group: list[str], words: dict[str, list[str]], result: dict[str, str]) -> None:
    """Give the members of `group` (who share initials) the fewest extra letters that make theirs
    different from each other's and from everyone else's; leave them as they are if none do."""
    others = {mark for employee, mark in result.items() if employee not in group}
    most = max(len(words[e][0]) + len(words[e][-1]) for e in group)
    for extra in range(1, most):
        for from_last in range(extra, -1, -1):
            marks = {e: _mark(words[e], extra - from_last, from_last) for e in group}
            shown = set(marks.values())
            if len(shown) == len(group) and not shown & others:
                result.update(marks)
                return


def _mark(words: list[str], from_first: int, from_last: int) -> str:
    """The initials, with `from_first` more letters of the first word, `from_last` of the last."""
    first, last = words[0], words[-1]
    if len(words) == 1:
        return first[0].upper() + first[1 : 1 + from_first + from_last].lower()
    return (
        first[0].upper()
        + first[1 : 1 + from_first].lower()
        + last[0].upper()
        + last[1 : 1 + from_last].lower()
    )
