"""JSON written one way (views/json_text.py): a list a row a line, or indented, or one line; every
text as typed but what a terminal would obey escaped; read back, the very same values."""

from __future__ import annotations

import json

import pytest

from aspire_cli.safe_text import safe_json
from aspire_cli.views.json_text import json_line, json_rows, json_text

TRICKY = [
    'a}, {"employee": "forged"',  # what separates two rows, inside a string
    "line\nbreak and a tab\t",
    "山田太郎 🚀",
    "csi \x9b2J, del \x7f, override \u202e, isolate \u2066, separator \u2028",
]
UNSAFE = "\x9b\x7f\u202e\u2066\u2028"


def one_by_one(rows: list[object], indent: str = "  ", close: str = "") -> str:
    """The format, written the slow plain way."""
    if not rows:
        return "[]"
    return "[\n" + ",\n".join(indent + json.dumps(r, ensure_ascii=False) for r in rows) + f"\n{close}]"


ROWS = {
    "flat": [{"employee": f"e{n}", "action": text, "due": None} for n, text in enumerate(TRICKY)],
    "nested": [
        {"employee": "a", "actions": [{"employee": "a", "n": 1}, {"employee": "a", "n": 2}]},
        {"employee": "b", "actions": []},
    ],
    "first keys differ": [{"employee": "a"}, {"name": "b", "rows": [{"employee": "c"}, {"employee": "d"}]}],
    "one": [{"employee": "a"}],
    "empty objects": [{}, {}],
    "not objects": [1, "two", None, [3]],
    "none": [],
}


@pytest.mark.parametrize("name", ROWS)
@pytest.mark.parametrize(("indent", "close"), [("  ", ""), ("", ""), ("    ", "  ")])
def test_a_row_a_line_reads_back_as_the_rows(name, indent, close):
    rows = ROWS[name]
    text = json_rows(rows, indent=indent, close=close)
    assert json.loads(text) == rows
    assert text == safe_json(one_by_one(rows, indent, close))
    assert len(text.splitlines()) == (len(rows) + 2 if rows else 1)


def test_nothing_a_terminal_would_obey_is_written_raw():
    for text in (json_rows(ROWS["flat"]), json_text({"t": TRICKY}), json_line(TRICKY)):
        assert not set(text) & set(UNSAFE)
        assert "\\u009b" in text and "\\u202e" in text
        assert "山田太郎 🚀" in text  # what is harmless stays as typed
    assert json.loads(json_rows(ROWS["flat"])) == ROWS["flat"]
    assert json.loads(json_text({"t": TRICKY})) == {"t": TRICKY}


def test_indented_and_one_line_are_jsons_own_layouts():
    value = {"a": [1, {"b": "ü"}], "c": None}
    assert json_text(value) == json.dumps(value, indent=2, ensure_ascii=False)
    assert json_line(value) == json.dumps(value, ensure_ascii=False)


def test_config_json_escapes_what_a_path_may_hold(aspire, tmp_path, monkeypatch):
    home = tmp_path / "home \u202eevil"
    monkeypatch.setenv("ASPIRE_HOME", str(home))
    result = aspire("config", "--json")
    assert result.exit_code == 0, result.stderr
    assert "\u202e" not in result.stdout and "\\u202e" in result.stdout
    assert json.loads(result.stdout)["home"]["value"] == str(home)
