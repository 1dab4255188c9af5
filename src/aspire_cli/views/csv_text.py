"""The one CSV writer: RFC 4180 (comma, double quotes doubled, CRLF between rows, line breaks kept
inside quoted cells), UTF-8, a byte order mark when written to a file (Excel takes UTF-8 for the
local code page without one). A cell that a spreadsheet would take for a formula (starting with =,
+, -, @, a tab or a carriage return, after any spaces) gets a leading apostrophe, the OWASP advice
against CSV injection; control characters are written as escapes (\\x1b). `aspire export` and
`aspire report --format csv` write with it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from aspire_cli.safe_text import visible

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


def csv_file(lines: Iterable[list[str]], *, bom: bool) -> bytes:
    """The CSV file of `lines` (the header first), each line ended by CRLF (RFC 4180).

    The fields are quoted as the csv module quotes them (QUOTE_MINIMAL: a field holding a comma, a
    double quote or a line break is put in double quotes, and each double quote in it doubled);
    tests/promises/test_export.py checks that the bytes are the csv module's for any text. Written here
    because the csv module's writer takes about 0.25 s for a team of 1,000 with ten years of
    talks, which is half of what the whole export may take."""
    text = (BOM if bom else "") + "".join(_line(cells) for cells in lines)
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
