"""`aspire share EMPLOYEE`: the employee's own summary of their latest talk, to hand to them, as
Markdown (the default) or HTML, to stdout or to `--out FILE` (written private and all at once,
never through a link; see out_file.py).

What is in it: their answers, under the questions of the set the talk names (the leader's own in
<home>/questions/ or the shipped one), their own view of the level they aim for included; and the
actions agreed in that talk with their number, measure, due date and status today. What is never
in it: anything from a prep (the leader's notes, their view of the employee's potential level and
readiness): preps are not even read, and an answer under one of those ids in a talk (a set of the
leader's own could put one there) is left out too; nor the leader's notes on follow-ups.

Read through the index like `show`. A file the summary depends on that cannot be read (the latest
talk, an older one, a follow-up) stops it, named, with nothing written: a summary handed to someone
must not be quietly wrong.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, BadInput, warn
from aspire_cli.safe_text import one_line
from aspire_cli.storage.out_file import checked_target, write_out

if TYPE_CHECKING:
    from aspire_cli.domain.ids import EmployeeId
    from aspire_cli.storage.index import Contents
    from aspire_cli.storage.store import Roster, Store
    from aspire_cli.views.share_document import Summary

# The leader's assessments: never handed to the employee, whatever set a talk was written with.
PRIVATE_IDS = frozenset({"potential", "potential_level", "readiness"})


def run_share(
    store: Store,
    leader: str | None,
    employee: EmployeeId,
    out: str | None,
    fmt: str,
    today: date | None = None,
) -> int:
    """Write the summary of `employee`'s latest talk in `fmt` (md or html), titled with the `leader`'s
    name (the setting, None when not set); the exit code."""
    from aspire_cli.views.share_document import html_document, markdown

    target = checked_target(out, store.home)  # before anything is read: a wrong --out writes nothing
    summary = talk_summary(store, employee, today or date.today(), leader)
    text = html_document(summary) if fmt == "html" else markdown(summary)
    write_out(target, text.encode("utf-8"))
    if target is not None:
        print(one_line(f"Wrote {summary.person}'s summary of the talk of {summary.day} to {out}"))
        print("It holds their answers and the actions agreed; none of your prep notes or assessments.")
    return 0


def talk_summary(store: Store, employee: str, today: date, leader: str | None) -> Summary:
    """What the employee is handed; an AspireError (nothing to write) when there is no talk to sum up."""
    from aspire_cli.storage.looking_back import no_records_message, tracked_actions
    from aspire_cli.views.share_document import Item, Summary
    from aspire_cli.views.show import actions_by_question, question_texts, shown_answers

    if not store.has_home():
        raise BadInput(no_records_message(store, employee))
    roster, held = _talks(store, employee)
    if held.problems:
        raise BadFile(f"{held.problems[0]} (fix it first: {employee}'s summary depends on it)")
    talks = [record for record in held.records if record.kind == "talk"]
    if not talks:
        if employee not in roster and not store.records.listed(employee):
            raise BadInput(no_records_message(store, employee))
        raise AspireError(
            f"no talk with {employee} yet, so nothing to share; hold one with: aspire talk {employee}"
        )
    latest = talks[-1]
    actions, problems = tracked_actions(held, employee, today)
    for problem in problems:  # a follow-up of no action: it changes no status shown
        warn(problem)
    statuses = actions_by_question(held.records, actions).get(latest.name, {})
    version, answers = latest.answers()
    current, texts = question_texts(store.home, latest.question_set())
    texts = {key: text for key, text in texts.items() if key not in PRIVATE_IDS}
    answers = {key: answer for key, answer in answers.items() if key not in PRIVATE_IDS}
    own = {key: said for key, said in latest.own_words().items() if key not in PRIVATE_IDS}
    shown = shown_answers((current, texts), version, answers, statuses, own)
    items = [Item(item.question, item.answer, item.their) for item in shown]
    member = roster.get(employee)
    person = member.name if member and member.name else employee
    earlier = [action for action in actions if action.is_open and action.record != latest.name]
    return Summary(_named(leader, store), person, date.fromisoformat(latest.day), items, earlier)


def _talks(store: Store, employee: str) -> tuple[Roster, Contents]:
    """The team, and the employee's talks and follow-ups (their preps are not read)."""
    from aspire_cli.storage.index import Index

    index = Index(store)
    try:
        try:
            roster, _ = index.roster()
        except AspireError:  # a broken team.toml: the summary is still theirs, under their id
            roster = {}
        return roster, index.contents([employee], frozenset({"talk", "follow-up"}), answers=True)[employee]
    finally:
        index.save()


def _named(leader: str | None, store: Store) -> str | None:
    """The leader's name, as `aspire config` shows it; a note on stderr when there is none."""
    if leader is None:
        warn(
            "no leader name set, so the title names no one; set it with ASPIRE_LEADER or "
            f'leader = "Your Name" in {store.home / "config.toml"}'
        )
    return leader
