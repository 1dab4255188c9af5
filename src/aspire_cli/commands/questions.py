"""`aspire questions list | show SET | validate FILE`: the question sets in force, and a check of a
leader's own before it is put to use."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from aspire_cli.errors import BadFile, BadInput
from aspire_cli.safe_text import one_line, visible
from aspire_cli.storage.question_sets import SHIPPED, available, load, own_folder, read_set
from aspire_cli.storage.store import Store
from aspire_cli.views.table import format_table


def run_list(store: Store) -> int:
    rows = []
    problems = []
    for found in available(store.home).values():
        try:
            qset = load(found.path)
        except BadFile as exc:
            problems.append(exc.message)
            continue
        source = "shipped" if found.source == SHIPPED else f"yours: {found.path}"
        rows.append(
            (qset.id, str(qset.version), str(len(qset.questions)), one_line(qset.title), one_line(source))
        )
    print(format_table(("Set", "Version", "Questions", "Title", "From"), rows, last_colours=None))
    for problem in problems:
        print(f"error: {one_line(problem)}", file=sys.stderr)
    print(
        f"Your own sets go in {one_line(str(own_folder(store.home)))}/<set>.toml; check one first with: "
        "aspire questions validate FILE"
    )
    return 2 if problems else 0


def run_show(store: Store, set_id: str) -> int:
    sets = available(store.home)
    if set_id not in sets:
        known = ", ".join(sets) or "none"
        raise BadInput(f"no question set '{one_line(set_id)}'; the sets are: {known}")
    qset = load(sets[set_id].path)
    print(f"{qset.id} v{qset.version}: {one_line(qset.title)}  ({one_line(str(sets[set_id].path))})")
    if qset.intro:
        print(visible(qset.intro))
    for number, question in enumerate(qset.questions, 1):
        flags = [question.kind.value] + ([] if question.required else ["optional"])
        print(f"\n{number}. {one_line(question.text)}")
        print(f"   id: {question.id} ({', '.join(flags)})")
        if question.choices:
            print(f"   choices: {', '.join(one_line(c) for c in question.choices)}")
        if question.guidance:
            print(f"   guidance: {one_line(question.guidance)}")
    return 0


def run_validate(store: Store, file: str) -> int:
    """One line per problem, naming the question; exit 2 if any, else what the set would do."""
    from pydantic import ValidationError

    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.domain.validation import each_error

    path = Path(file).expanduser()
    if not os.path.lexists(path):
        raise BadInput(f"{one_line(str(path))}: no such file")
    data = read_set(path)
    try:
        qset = QuestionSet.model_validate(data)
    except ValidationError as exc:
        for line in each_error(exc, data):
            print(f"{one_line(str(path))}: {one_line(line)}", file=sys.stderr)
        return 2
    problems = _against_the_set_it_replaces(store, qset)
    for line in problems:
        print(f"{one_line(str(path))}: {line}", file=sys.stderr)
    if problems:
        return 2
    own = own_folder(store.home) / f"{qset.id}.toml"
    use = (
        f"save it as {own} to use it in place of the shipped {qset.id} set"
        if qset.id in ("prep", "talk")
        else f"use it with --questions {path}, or save it as {own}"
    )
    print(
        one_line(
            f"{path}: a valid question set, '{qset.id}' version {qset.version}, "
            f"{len(qset.questions)} questions; {use}."
        )
    )
    return 0


def _against_the_set_it_replaces(store: Store, qset: object) -> list[str]:
    """A set replacing another of its id must not keep that one's version while asking other things:
    the records written with it would then be checked against questions they were never asked."""
    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.storage.paths import questions_dir
    from aspire_cli.storage.question_sets import load as load_set

    assert isinstance(qset, QuestionSet)
    shipped = questions_dir() / f"{qset.id}.toml"
    if not shipped.is_file():
        return []
    original = load_set(shipped)
    same = [q.id for q in original.questions] == [q.id for q in qset.questions]
    if original.version == qset.version and not same:
        return [
            f"version {qset.version} is the shipped {qset.id} set's, but the questions differ: "
            f"set version = {original.version + 1} so that records of the shipped set stay valid"
        ]
    return []
