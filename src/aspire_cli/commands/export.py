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

import json
import re
import sys
from datetime import date
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError, BadFile, report
from aspire_cli.safe_text import one_line, safe_json, visible
from aspire_cli.storage.out_file import checked_target, write_out
from aspire_cli.views.export_rows import Row, export_rows, header, question_columns

if TYPE_CHECKING:
    from aspire_cli.storage.index import Contents, Index
    from aspire_cli.storage.store import Store

BOM = "\ufeff"
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")  # and their full-width forms
# and what str.lstrip() strips (every character whose isspace() is true)
_ODD_START = _FORMULA_START | frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# safe_text's unsafe characters but the carriage return, which ends every line of a CSV file (one
# inside a field is made an escape by spreadsheet_cell)
_PLAIN_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_UNSAFE_BUT_CR = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


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
    from aspire_cli.storage.files import folder_names

    found = []
    for name in folder_names(store.records_root):
        if name in on_team or not is_employee_id(name):
            continue
        try:
            if stat.S_ISREG(os.lstat(store.records_root / name).st_mode):
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
    """The CSV file: a header, then a row per record, each line ended by CRLF (RFC 4180).

    The fields are quoted as the csv module quotes them (QUOTE_MINIMAL: a field holding a comma, a
    double quote or a line break is put in double quotes, and each double quote in it doubled);
    tests/test_export.py checks that the bytes are the csv module's for any text. Written here
    because the csv module's writer takes about 0.25 s for a team of 1,000 with ten years of
    talks, which is half of what the whole export may take."""
    lines = [BOM if bom else ""]
    lines += [_line(header(ids)), *(_line(row.cells(ids)) for row in rows)]
    text = "".join(lines)
    data = text.encode("utf-8", "backslashreplace")
    # Control characters shown, never obeyed (a hand-edited record can hold them). Looked for in
    # what is left once printable ASCII is taken out (about 10 x quicker than a regex over the
    # whole text); the UTF-8 of every other character stays whole in it.
    rest = data.translate(None, _PLAIN_ASCII)
    if rest and _UNSAFE_BUT_CR.search(rest.decode("utf-8", "replace")):
        data = _UNSAFE_BUT_CR.sub(lambda match: visible(match[0]), text).encode("utf-8", "backslashreplace")
    return data


def _line(cells: list[str]) -> str:
    """One row of fields and its CRLF; a field is looked at closely only when its first character
    or a character in it asks for it (a team's export has a hundred thousand fields)."""
    return (
        ",".join(
            [
                _field(cell)
                if cell
                and (cell[0] in _ODD_START or "," in cell or '"' in cell or "\n" in cell or "\r" in cell)
                else cell
                for cell in cells
            ]
        )
        + "\r\n"
    )


def _field(text: str) -> str:
    """A field as a spreadsheet shows it as it is (never a formula, see spreadsheet_cell), quoted
    when it must be."""
    text = spreadsheet_cell(text)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def spreadsheet_cell(text: str) -> str:
    """Text a spreadsheet cannot take for a formula: one that begins (after any spaces) with =, +,
    -, @, a tab or a carriage return gets an apostrophe before it. A carriage return is written as
    an escape (a line break is a line feed), so that it cannot overwrite a line on a terminal."""
    if "\r" in text:
        text = visible(text)
    if text[:1] in _FORMULA_START or text.lstrip()[:1] in _FORMULA_START:
        return "'" + text
    return text


def json_bytes(rows: list[Row]) -> bytes:
    """A JSON list, a row a line (json's C encoder: `indent` would take its Python one)."""
    if not rows:
        return b"[]\n"
    text = "[\n" + ",\n".join(json.dumps(row.as_json(), ensure_ascii=False) for row in rows) + "\n]\n"
    return safe_json(text).encode("utf-8")
