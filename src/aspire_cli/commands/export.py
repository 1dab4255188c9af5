"""`aspire export`: every talk (with --include-prep, every prep too) as one row, for a spreadsheet
or an HR system; CSV or JSON, to stdout or to `--out FILE`.

Whose: everyone on the team and everyone with a records folder, a member removed from the team
included (their records stay, and HR keeps history; their name is blank, the roster no longer has
it). What: the talks' answers and the actions agreed in them with their status today. Prep notes
and the leader's own assessments (potential, readiness) are the leader's private view: they are
read only with --include-prep.

CSV (RFC 4180, by the csv module: comma, double quotes doubled, CRLF between rows, line breaks
kept inside quoted cells), UTF-8. Written to a file it begins with a byte order mark, without which
Excel takes UTF-8 for the local code page; printed, it does not, so that a pipe sees the header
first. A cell that a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a
carriage return, after any spaces) gets a leading apostrophe, the OWASP advice against CSV
injection; control characters are written as escapes (\\x1b). JSON: a list, a row a line, every
value exactly as recorded.

Read through the index like `aspire actions`: a warm export loads no pydantic. A file that cannot be
read is named on stderr in one line, everything else is exported, and the exit status is 2.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, report
from aspire_cli.safe_text import one_line
from aspire_cli.storage.out_file import checked_target, write_out
from aspire_cli.views.csv_text import csv_file
from aspire_cli.views.export_rows import Row, export_rows, header, own_columns, question_columns
from aspire_cli.views.json_text import json_rows

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents, Index
    from aspire_cli.storage.store import Store


def run_export(
    store: Store,
    fmt: str,
    out: str | None,
    include_prep: bool,
    since: date | None,
    today: date | None = None,
) -> int:
    """Write the export; the exit code: 2 when a file could not be read (it is named), else 0."""
    target = checked_target(out, store.home)  # before anything is read: a wrong --out writes nothing
    kinds = frozenset({"talk", "prep"} if include_prep else {"talk"})
    contents, names, problems = _read(store, kinds | {"follow-up"})
    rows, trouble = export_rows(contents, names, kinds, since, today or date.today())
    problems += trouble
    ids = question_columns(_set_ids(store, kinds), rows)
    data = csv_bytes(ids, rows, bom=target is not None) if fmt == "csv" else json_bytes(rows)
    for problem in problems:
        report(BadFile(problem))
    write_out(target, data)
    if target is not None:
        print(one_line(f"Wrote {_counted(rows)} to {out}"))
    return 2 if problems else 0


def _read(store: Store, kinds: frozenset[str]) -> tuple[dict[str, Contents], dict[str, str], list[str]]:
    """Each employee's records and follow-ups, their names, and a line per file that failed."""
    from aspire_cli.storage.index import Index

    if not store.has_home():
        from aspire_cli.views.listings import no_home_yet

        print(one_line(no_home_yet(store, "Nothing to export")), file=sys.stderr)
        return {}, {}, []
    index = Index(store)
    try:
        names, problems = _names(index)
        employees = sorted(set(names) | set(_record_folders(store, names)))
        return index.contents(employees, kinds, answers=True), names, problems
    finally:
        index.save()


def _names(index: Index) -> tuple[dict[str, str], list[str]]:
    """Each team member's name; a broken team.toml is named, and the records exported all the same."""
    try:
        roster, problems = index.roster()
    except AspireError as exc:
        return {}, [exc.message]
    return {employee: member.name for employee, member in roster.items()}, problems


def _record_folders(store: Store, on_team: dict[str, str]) -> list[str]:
    """The employees with a folder in records/, on the team or not; a stray file there is no one's."""
    import os
    import stat

    from aspire_cli.domain.ids import is_employee_id
    from aspire_cli.storage.folders import folder_names

    found = []
    for name in folder_names(store.records.root):
        if name in on_team or not is_employee_id(name):
            continue
        try:
            if stat.S_ISREG(os.lstat(store.records.root / name).st_mode):
                continue
        except OSError:
            continue
        found.append(name)  # a link in its place is named when its contents are asked for
    return found


def _set_ids(store: Store, kinds: frozenset[str]) -> list[list[str]]:
    """The question ids of the sets in force, talk first (read as plain TOML, as `show` does)."""
    from aspire_cli.views.show import question_texts

    return [list(question_texts(store.home, kind)[1]) for kind in ("talk", "prep") if kind in kinds]


def _counted(rows: list[Row]) -> str:
    talks = sum(1 for row in rows if row.kind == "talk")
    preps = len(rows) - talks
    text = f"{talks:,} talk{'s' if talks != 1 else ''}"
    if preps:
        text += f" and {preps:,} prep{'s' if preps != 1 else ''}"
    people = len({row.employee for row in rows})
    return f"{text} with {people:,} {'person' if people == 1 else 'people'}" if rows else text


# -- the formats ---------------------------------------------------------------------------------
def csv_bytes(ids: list[str], rows: list[Row], *, bom: bool) -> bytes:
    """The CSV file: a header, then a row per record (views/csv_text.py writes it)."""
    own = own_columns(ids, rows)
    return csv_file([header(ids, own), *(row.cells(ids, own) for row in rows)], bom=bom)


def json_bytes(rows: list[Row]) -> bytes:
    """A JSON list, a row a line (views/json_text.py writes it)."""
    return (json_rows([row.as_json() for row in rows], indent="") + "\n").encode("utf-8")
