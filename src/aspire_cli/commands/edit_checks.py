"""What `aspire edit` checks beyond a record read: what an edit may not change, and action numbers.

An action's number is how `aspire actions` and every follow-up file name it, so an edit keeps it:
an action may move, change its words or go, but its number stays with it; a number made up, taken
from another action of the employee, or given twice is refused; an action without one (new, or its
number taken out) gets the next free number, as a talk's actions do when it is written. A talk
written before numbers were stored has its actions' numbers (see tracking.numbered) shown in the
edit, so that they stay as they are known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from aspire_cli.domain.models import Record
    from aspire_cli.storage.store import RecordFile, Store


class Numbers(NamedTuple):
    """The action numbers around an edited talk."""

    own: frozenset[int]  # its actions' numbers (those given before numbers were stored included)
    in_order: tuple[int, ...]  # the same, in the order its actions come
    others: dict[int, str]  # every other action's number -> the file of the talk holding it
    given: int = 0  # the highest ever given, as the folder remembers it (storage/numbers_given.py)


NO_NUMBERS = Numbers(frozenset(), (), {})


def fixed_fields_problem(found: RecordFile, original: Record | None, data: dict[str, object]) -> str | None:
    """What an edit cannot change: whose record it is, its day, its kind, its question set."""
    fixed = {
        "employee": f'"{found.path.parent.name}"',
        "date": found.day.isoformat(),
        "kind": f'"{found.kind}"',
    }
    if original is not None:
        fixed["question_set"] = f'"{original.question_set}"'
        fixed["question_set_version"] = str(original.question_set_version)
    for key, literal in fixed.items():
        now = data.get(key)
        if now is None:
            return f"{key} is missing; put back: {key} = {literal}"
        if str(now) != literal.strip('"'):
            return f"{key} cannot be changed by an edit (your edit says {now}); put back: {key} = {literal}"
    return None


def numbers_around(store: Store, found: RecordFile, text: str) -> Numbers:
    """The numbers of this talk's actions and of every other action of the employee; `text` is the
    talk's own, whose numbers count even if it does not validate (the edit may be what fixes it)."""
    from aspire_cli.domain.tracking import numbered
    from aspire_cli.storage.looking_back import agreed_actions, folder_contents
    from aspire_cli.storage.numbers_given import numbers_written

    employee = found.path.parent.name
    contents = folder_contents(store, [employee], frozenset({"talk"}), answers=False)[employee]
    in_order: list[int] = []
    others: dict[int, str] = {}
    for number, item in numbered(agreed_actions(contents.records)):
        if item.record == found.path.name:
            in_order.append(number)
        else:
            others[number] = item.record
    own = frozenset(in_order) | numbers_written(text)
    return Numbers(own, tuple(in_order), others, store.numbers.remembered(employee))


def numbers_problem(numbers: Numbers, record: Record) -> str | None:
    """An action number the edit made up, took from another action, or gave twice, as
    '<question id>[n]: why' (n counts from 1, as actions_due_problem's)."""
    seen: set[int] = set()
    own = ", ".join(map(str, sorted(numbers.own))) or "none"
    for key, answer in record.answers.items():
        if not isinstance(answer, tuple):
            continue
        for place, item in enumerate(answer, 1):
            n = item.number
            if n is None:
                continue
            where = f"{key}[{place}]: number {n}"
            if n in seen:
                return f"{where} is given twice; remove it from the new action, which then gets a new one"
            seen.add(n)
            if n in numbers.others:
                return f"{where} is that of an action in {numbers.others[n]}; remove it to get a new one"
            if n not in numbers.own:
                return (
                    f"{where} was not this talk's (its actions are {own}); put the number back, or remove it"
                )
    return None


def new_actions_numbered(numbers: Numbers, record: Record) -> Record:
    """Actions without a number numbered after every number the employee has (this talk's own
    included: they are taken already) and every number ever given them."""
    from aspire_cli.storage.looking_back import numbered_from

    return numbered_from(record, max({*numbers.own, *numbers.others, numbers.given}) + 1)


def with_numbers_shown(record: Record, numbers: Numbers) -> Record | None:
    """A talk written before actions were numbered, with the numbers its actions are known by made
    explicit, so that an edit keeps them; None if there is nothing to show."""
    items = [item for answer in record.answers.values() if isinstance(answer, tuple) for item in answer]
    if all(item.number for item in items) or len(items) != len(numbers.in_order):
        return None
    given = iter(numbers.in_order)
    answers: dict[str, object] = {}
    for key, answer in record.answers.items():
        if isinstance(answer, tuple):
            answers[key] = tuple(
                item.model_copy(update={"number": item.number or number})
                for item, number in zip(answer, given, strict=False)
            )
        else:
            answers[key] = answer
    return record.with_answers(answers)  # type: ignore[arg-type]
