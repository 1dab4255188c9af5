"""`aspire forget EMPLOYEE [--before D] [--yes]` and `aspire forget --expired [--yes]`: what is held
about a person erased, for an erasure request or at the end of the retention the leader set.

`forget EMPLOYEE` erases all of them: their records folder, drafts and team entry (an erasure
request leaves nothing that names them). `--before D` erases their records dated before D and what
stands for them, and keeps the team entry; `--expired` does that for everyone, D being the day
retention_years ago (storage/retention.py). What goes: storage/forgetting.py.

It asks first, in a terminal (what goes: how many records, from when to when; that it cannot be
undone); without one it needs --yes. Ctrl-C or a no leaves everything as it was. In a git home the
history is rewritten so that no commit holds the text (storage/history_rewrite.py), and the remote's
replaced (forget_git.py).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake
from aspire_cli.commands.delete import say
from aspire_cli.commands.forget_git import NOTHING, prepare, replace_remote
from aspire_cli.errors import Aborted, BadInput, NotATerminal
from aspire_cli.storage.forgetting import Forgetting

if TYPE_CHECKING:
    from collections.abc import Callable

    from aspire_cli.storage.settings import Settings
    from aspire_cli.storage.store import Store


def run_forget(
    store: Store,
    employee: str | None,
    before: date | None,
    expired: bool,
    yes: bool,
    settings: Callable[[], Settings],
    today: date,
) -> int:
    """0 forgotten (or nothing to forget), 1 not (the leader said no)."""
    cutoff = _checked(employee, before, expired, lambda: settings().retention_years.value, today)
    if not yes and not sys.stdin.isatty():
        raise NotATerminal(
            "aspire forget asks before it erases, and stdin is not a terminal: to erase without "
            "asking, add --yes"
        )
    repository, remote = prepare(store, lambda: settings().identity.value)
    plans = _plans(store, employee, cutoff, repository)
    member = employee is not None and cutoff is None and store.has_home() and store.team.member(employee)
    if employee is not None and not plans[0].files and not plans[0].history and not member:
        if cutoff is None:
            raise BadInput(f"nothing is held about '{employee}': not on your team, no records, no drafts")
        say(f"Nothing to forget: {employee} has no records dated before {cutoff.isoformat()}.")
        return 0
    plans = [plan for plan in plans if plan.files or plan.history or plan.whole]
    if not plans:
        say(f"Nothing to forget: no record is dated before {cutoff}.")
        return 0
    lines = _what_goes(plans, bool(member), cutoff, repository, remote is not None)
    if not yes and not _confirmed(lines):
        say("Nothing forgotten: everything is as it was.")
        return 1
    rewritten = _forget(store, plans, employee if member else None, repository)
    if plans[0].whole:
        _unlocked(store, plans[0].employee)
    for line in _done(plans, bool(member), repository, rewritten):
        say(line)
    if remote is not None:
        say(replace_remote(store, remote))
    return 0


def _checked(
    employee: str | None, before: date | None, expired: bool, retention: Callable[[], int | None], today: date
) -> date | None:
    """The day before which records go (None: all of the employee's)."""
    from aspire_cli.storage.retention import retention_cutoff

    if expired:
        if employee is not None or before is not None:
            raise usage_mistake(
                "--expired goes alone: it erases what is past retention_years, for everyone", "forget"
            )
        years = retention()
        if years is None:
            raise BadInput(
                "retention_years is not set, so nothing expires; set it first, e.g. "
                "aspire config set retention_years 7"
            )
        return retention_cutoff(today, years)
    if employee is None:
        raise usage_mistake("say whose records: aspire forget EMPLOYEE, or aspire forget --expired", "forget")
    return before


def _plans(store: Store, employee: str | None, cutoff: date | None, repository: bool) -> list[Forgetting]:
    from aspire_cli.storage.forgetting import plan_whole, with_kept_before
    from aspire_cli.storage.history_rewrite import paths_ever
    from aspire_cli.storage.retention import expired_records

    if employee is not None and cutoff is None:
        in_history = paths_ever(store.home, store.records.folder(employee)) if repository else []
        return [plan_whole(store, employee, in_history)]
    assert cutoff is not None
    if employee is not None:
        employees = [employee]
    else:
        employees = sorted({*expired_records(store, cutoff), *with_kept_before(store, cutoff)})
    return [_plan_part(store, someone, cutoff, repository) for someone in employees]


def _plan_part(store: Store, employee: str, cutoff: date, repository: bool) -> Forgetting:
    """Their records before `cutoff`, with the follow-ups of those talks' actions."""
    from aspire_cli.commands.delete import employee_talks, refuse_renumbering
    from aspire_cli.domain.tracking import numbered
    from aspire_cli.storage.files import RECORD_LIMIT, read_regular
    from aspire_cli.storage.forgetting import kept_before, plan_before
    from aspire_cli.storage.history_rewrite import paths_ever
    from aspire_cli.storage.looking_back import agreed_actions
    from aspire_cli.storage.numbers_given import numbers_written

    records, talks = employee_talks(store, employee)
    going = {r.name for r in records if r.day < cutoff.isoformat()}
    refuse_renumbering(talks, [t for t in talks if t.key not in going], NOTHING)
    numbers = {n for n, item in numbered(agreed_actions(records)) if item.record in going}
    folder = store.records.folder(employee)
    for path in [folder / name for name in going] + kept_before(store, employee, cutoff, ("talk",)):
        numbers |= numbers_written(read_regular(path, RECORD_LIMIT))
    in_history = paths_ever(store.home, folder) if repository else []
    return plan_before(store, employee, cutoff, numbers, in_history)


def _what_goes(
    plans: list[Forgetting], member: bool, cutoff: date | None, repository: bool, remote: bool
) -> list[str]:
    """What the leader is asked about: what goes, and what cannot be had back."""
    people = plans[0].employee if len(plans) == 1 else f"{len(plans)} people"
    lines = [f"This erases, of {people}: {_held(plans, member)}."]
    if cutoff is not None:
        lines[0] = (
            f"This erases what is dated before {cutoff.isoformat()}, of {people}: {_held(plans, member)}."
        )
    lines.append("It cannot be undone: nothing is kept (aspire delete keeps; forget does not).")
    if repository:
        lines.append("This home's git history is rewritten so that no commit holds it.")
    if remote:
        lines.append("The remote's history is replaced by the rewritten one (a forced push).")
    return lines


def _held(plans: list[Forgetting], member: bool) -> str:
    from aspire_cli.storage.layout import DRAFTS_FOLDER, VERSIONS_FOLDER, parse_follow_up_name
    from aspire_cli.storage.merge_driver import original

    records = sorted(record for plan in plans for record in plan.records)
    follow_ups = kept = drafts = 0
    for path in (path for plan in plans for path in plan.files):
        if path.parent.name == VERSIONS_FOLDER:
            kept += not path.name.endswith(".md")
        elif path.parent.name == DRAFTS_FOLDER:
            drafts += 1
        else:
            follow_ups += parse_follow_up_name(original(path.name)) is not None
    held = [_count(len(records), "record")]
    if records:
        first, last = records[0].day.isoformat(), records[-1].day.isoformat()
        held[0] += f" ({first})" if first == last else f" ({first} to {last})"
    held += [_count(follow_ups, "follow-up"), _count(kept, "kept version"), _count(drafts, "draft")]
    shown = [part for part in held if not part.startswith("0 ")]
    shown += ["the team entry"] if member else []
    return ", ".join(shown or held[:1])


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def _confirmed(lines: list[str]) -> bool:
    from aspire_cli.interview import prompts

    for line in lines:
        say(line)
    try:
        return prompts.confirm("Erase it all for good?", default=False)
    except Aborted as stop:
        raise Aborted(f"{stop.message}; {NOTHING}", stop.exit_code) from None


def _forget(store: Store, plans: list[Forgetting], member: str | None, repository: bool) -> int:
    """Everything in `plans` erased, the team entry of `member` too; the commits rewritten."""
    import contextlib

    from aspire_cli.commands.edit import record_lock
    from aspire_cli.storage.forgetting import erase, erased_days
    from aspire_cli.storage.history_rewrite import rewrite_without
    from aspire_cli.storage.roster_changes import remove_member

    with contextlib.ExitStack() as held:
        if len(plans) == 1:  # one person: no talk or prep with them may run meanwhile
            for kind in ("prep", "talk"):
                held.enter_context(record_lock(store, plans[0].employee, kind))
        if member is not None:
            remove_member(store, member)
        with store.locked():
            changed = []
            for plan in plans:
                if plan.numbers:
                    changed += store.numbers.remember(plan.employee, plan.numbers)
                erase(store, plan)
                changed += [path for path in plan.files if path.is_relative_to(store.records.root)]
            if not repository:
                return 0
            if changed:
                store.committed("forget: records erased", *changed)
            paths = [path for plan in plans for path in plan.history]
            whole = plans[0].employee if plans and plans[0].whole else None
            erased = {plan.employee: erased_days(plan) for plan in plans if not plan.whole}
            return rewrite_without(store.home, paths, whole, erased) if paths or whole else 0


def _unlocked(store: Store, employee: str) -> None:
    """The interview locks that bear their id, gone once released (a talk begun meanwhile makes its own)."""
    import contextlib

    from aspire_cli.storage.layout import interview_lock_path

    for kind in ("prep", "talk"):
        with contextlib.suppress(OSError):
            interview_lock_path(store.home, employee, kind).unlink()


def _done(plans: list[Forgetting], member: bool, repository: bool, rewritten: int) -> list[str]:
    people = plans[0].employee if len(plans) == 1 else f"{len(plans)} people" if plans else "no one"
    lines = [f"Forgot, of {people}: {_held(plans, member)}."]
    if repository:
        lines.append(f"Rewrote this home's git history ({_count(rewritten, 'commit')}): no commit holds it.")
    return lines
