"""`aspire invite EMPLOYEE [--out DIR]`, or `aspire invite --due [--within DAYS]` for everyone due:
what the employee is sent before their talk, written into DIR (default: here), each file named
after them and the day, private (0600) and all at once (out_file.py):

    <id>-<day>-pre-read.md, .html   when it is due, what they aimed for last time, their actions and
                                    where each stands, the questions with guidance written for them
    <id>-<day>-form.html            a page to answer them offline, saving <id>-<day>-answers.toml
    <id>-<day>-form.toml            the same as a TOML template, for an editor

The answers come back with `aspire talk EMPLOYEE --from FILE`. Nothing here is read from a prep,
and a follow-up's note (the leader's) is left out: an invitation holds nothing the employee may not
read. Read through the index like `share`, loading no pydantic: the question set is read as plain
data (plain_questions.py); `talk --from` checks what comes back against the set itself.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, BadInput, report
from aspire_cli.safe_text import one_line

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents
    from aspire_cli.storage.plain_questions import PlainSet
    from aspire_cli.storage.roster import Roster, RosterEntry
    from aspire_cli.storage.store import Store

TALK_SET = "talk"  # the set a talk asks (session.question_set: the kind is its id)
USES = ("to read", "to read, in a browser", "to answer, in a browser", "to answer, in an editor")


def run_invite(
    store: Store,
    leader: str | None,
    employee: str | None,
    out: str | None,
    due: bool,
    within: int,
    today: date,
) -> int:
    """Write the invitation of `employee`, or (`due`) of everyone due within `within` days; 2 when
    someone's could not be written (named on stderr, the others written)."""
    from aspire_cli.storage.plain_questions import plain_set_for
    from aspire_cli.views.width import fit_width, fitted

    folder = _out_folder(out, store.home)
    width = fit_width()
    if due == (employee is not None):
        raise BadInput("name the employee, or --due for everyone due; see: aspire invite --help")
    wanted = _due(store, today, within) if employee is None else [employee]
    if not wanted:
        print(f"No one is due within {within} days; nothing written.")
        return 0
    qset = plain_set_for(store.home, TALK_SET)
    contents, roster = _held(store, wanted)  # and whether they are on the team
    failed = 0
    for who in wanted:
        try:
            written = _write(folder, store, who, roster[who], contents[who], qset, leader, today)
        except AspireError as exc:
            if not due:
                raise
            report(exc)
            failed += 1
            continue
        print(
            fitted(one_line(f"Wrote {roster[who].name or who}'s invitation in {folder.absolute()}:"), width)
        )
        longest = max(len(file) for file in written)
        print("\n".join(f"  {file.ljust(longest)}  {use}" for file, use in zip(written, USES, strict=True)))
    if not due:
        print(
            fitted(f"Send both; what they save comes back with: aspire talk {wanted[0]} --from FILE", width)
        )
    return 2 if failed else 0


def _out_folder(out: str | None, home: Path) -> Path:
    folder = Path(out or ".")
    if out is not None and not out.strip():
        raise BadInput("--out is empty: give a folder, or leave it out to write here")
    if not folder.is_dir():
        raise BadInput(f"--out {out}: there is no folder {folder}; create it first")
    return folder


def _due(store: Store, today: date, within: int) -> list[str]:
    """Everyone overdue, never held or due within `within` days, most urgent first."""
    from aspire_cli.domain.schedule import OK
    from aspire_cli.views.due import due_report

    found = due_report(store, today, within)
    for problem in found.problems:
        report(BadFile(problem))
    return [row.employee for row in found.rows if row.status != OK]


def _held(store: Store, employees: list[str]) -> tuple[dict[str, Contents], Roster]:
    """Their talks and follow-ups (never a prep), and the team, from the index."""
    from aspire_cli.storage.index import Index

    index = Index(store)
    try:
        roster, problems = index.roster()
        stranger = next((employee for employee in employees if employee not in roster), None)
        if stranger is not None:
            if problems:  # they may be the member whose entry does not hold up
                raise BadFile(problems[0])
            raise BadInput(f"'{stranger}' is not on your team; add them first: aspire team add {stranger}")
        contents = index.contents(employees, frozenset({"talk", "follow-up"}), answers=True)
    finally:
        index.save()
    return contents, roster


def _write(
    folder: Path,
    store: Store,
    employee: str,
    member: RosterEntry,
    held: Contents,
    qset: PlainSet,
    leader: str | None,
    today: date,
) -> list[str]:
    """The invitation's files, each checked before any is written; their names."""
    from aspire_cli.storage.out_file import checked_target, write_out

    documents = invitation(employee, member, held, qset, leader, today)
    targets = {file: checked_target(str(folder / file), store.home) for file in documents}
    for file, text in documents.items():
        write_out(targets[file], text.encode("utf-8"))
    return list(documents)


def invitation(
    employee: str, member: RosterEntry, held: Contents, qset: PlainSet, leader: str | None, today: date
) -> dict[str, str]:
    """Each file of the invitation by name: the pre-read (Markdown, HTML), the form, its template."""
    from aspire_cli.domain.schedule import add_months
    from aspire_cli.storage.looking_back import tracked_actions
    from aspire_cli.views import pre_read
    from aspire_cli.views.answers_form import answers_template, form_page

    if held.problems:
        raise BadFile(f"{held.problems[0]} (fix it first: {employee}'s invitation depends on it)")
    actions, problems = tracked_actions(held, employee, today)
    if problems:
        raise BadFile(f"{problems[0]} (fix it first: {employee}'s invitation depends on it)")
    talks = [record for record in held.records if record.kind == "talk"]
    last = talks[-1] if talks else None
    answers = last.answers()[1] if last else {}
    aims = [(label, answers[key]) for key, label in pre_read.AIMS if isinstance(answers.get(key), str)]
    last_day = date.fromisoformat(last.day) if last else None
    stem = f"{employee}-{today.isoformat()}"
    person = member.name or employee
    pre = pre_read.PreRead(
        person,
        leader,
        today,
        add_months(last_day, member.cadence_months) if last_day else None,
        last_day,
        aims,
        actions,
        qset,
        f"{stem}-form.html",
    )
    return {
        f"{stem}-pre-read.md": pre_read.markdown(pre),
        f"{stem}-pre-read.html": pre_read.html_document(pre),
        f"{stem}-form.html": form_page(qset, employee, person, today),
        f"{stem}-form.toml": answers_template(qset, employee, person, today),
    }
