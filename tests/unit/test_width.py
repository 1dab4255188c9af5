"""Terminal cells (views/width.py): wide characters take two, and every table lines up whatever a name
or an action holds, as a leader sees it in `aspire due`, `team list`, `actions` and `report`."""

from __future__ import annotations

import json
import os

import pytest

from aspire_cli.views.width import cells, column_width, fit_width, pad, shorten, wrap

YAMADA = "山田太郎"  # four wide characters: eight cells
ROCKET = "Zoë 🚀"  # a precomposed ë and an emoji: six cells
LONG_ACTION = "新しいチームのオンボーディング資料を作成して全員に共有する" * 2  # 58 characters, 116 cells


# -- the measures ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("Alice Smith", 11),
        (YAMADA, 8),
        (ROCKET, 6),
        ("Zoe\u0308", 3),  # e and a combining diaeresis: one cell
        ("👩\u200d💻", 4),  # two emoji joined by a zero-width joiner: the joiner takes none
        ("…", 1),
        ("", 0),
    ],
)
def test_cells_counts_what_a_terminal_shows(text, width):
    assert cells(text) == width


def test_pad_fills_to_the_cells_not_the_characters():
    assert pad(YAMADA, 10) == YAMADA + "  "
    assert pad("Bob", 10) == "Bob" + " " * 7
    assert pad(YAMADA, 4) == YAMADA  # already wider: as it is
    assert column_width(["Bob", YAMADA, ROCKET]) == 8
    assert column_width([]) == 0


@pytest.mark.parametrize("width", range(0, 20))
def test_shorten_never_takes_more_cells_than_asked_and_ends_in_an_ellipsis_when_cut(width):
    for text in (YAMADA * 3, "Run the architecture guild", f"{ROCKET} {YAMADA} mixed text"):
        short = shorten(text, width)
        assert cells(short) <= max(width, 1)
        assert short == text or short.endswith("…")
        assert text.startswith(short.removesuffix("…"))


def test_shorten_keeps_as_much_as_fits():
    assert shorten("Run the architecture guild", 10) == "Run the…"  # between words
    assert shorten("Run the architecture guild", 21) == "Run the architecture…"
    assert shorten("Architecture", 6) == "Archi…"  # one word wider than the room: cut inside
    assert shorten(YAMADA * 2, 7) == "山田太…"  # three wide characters and the ellipsis: seven cells
    assert shorten(YAMADA * 2, 8) == "山田太…"  # a fourth would make nine
    assert shorten(YAMADA, 8) == YAMADA


def test_shorten_makes_one_harmless_line():
    assert shorten("  two\n\nlines\tand   spaces ", 40) == "two lines and spaces"
    assert shorten("a\x1b[2Jb", 40) == "a\\x1b[2Jb"  # shown, never obeyed
    assert shorten("a\u202eb", 40) == "a\\u202eb"


def test_wrap_breaks_wide_text_at_its_cells():
    lines = wrap(f"{LONG_ACTION} {YAMADA} 🚀🚀🚀 ok", 30, "    ", "      ")
    assert all(cells(line) <= 30 for line in lines)
    assert lines[0].startswith("    新しい") and all(line.startswith("      ") for line in lines[1:])
    assert "".join(lines).replace(" ", "") == f"{LONG_ACTION}{YAMADA}🚀🚀🚀ok"  # nothing lost
    assert wrap(YAMADA, 8) == [YAMADA]
    assert wrap(YAMADA, 7) == ["山田太", "郎"]
    assert wrap("🚀", 1) == ["🚀"]  # a character wider than the line still gets one
    ascii_text = "Lead the platform team through the migration and then some more " * 3
    assert wrap(ascii_text, 40, "  ", "    ") == __import__("textwrap").wrap(
        ascii_text, 40, initial_indent="  ", subsequent_indent="    "
    )


def test_fit_width_is_columns_else_the_terminal_else_none_when_piped(monkeypatch):
    monkeypatch.setenv("COLUMNS", "132")
    assert fit_width() == 132

    def no_terminal(fd: int) -> os.terminal_size:
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_terminal)
    for unusable in ("", "wide", "0", "-5"):
        monkeypatch.setenv("COLUMNS", unusable)
        assert fit_width() is None  # piped: nothing is fitted, a record a line
    monkeypatch.delenv("COLUMNS")
    assert fit_width() is None
    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((97, 30)))
    assert fit_width() == 97


# -- what a leader sees ------------------------------------------------------------------------------
def column_starts(lines: list[str], texts: list[str]) -> set[int]:
    """The terminal cell at which each line's text of one column begins (one text per line)."""
    return {cells(line[: line.index(text)]) for line, text in zip(lines, texts, strict=True)}


@pytest.fixture
def wide_team(aspire, home):
    for employee, name in (("yamada", YAMADA), ("zoe", ROCKET), ("bob", "Bob")):
        assert aspire("team", "add", employee, "--name", name).exit_code == 0
    return home


def test_team_list_lines_up_wide_names(aspire, wide_team):
    lines = aspire("team", "list").stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["Employee", "bob", "yamada", "zoe"]
    assert column_starts(lines, ["Every", "12 months", "12 months", "12 months"]) == {20}
    assert lines[2].startswith(f"yamada    {YAMADA}  12 months")


def test_due_lines_up_wide_names(aspire, wide_team):
    lines = aspire("due").stdout.splitlines()
    assert len(lines) == 4
    assert len(column_starts(lines, ["Every", "12 mo", "12 mo", "12 mo"])) == 1
    assert len(column_starts(lines, ["Status", "never held", "never held", "never held"])) == 1
    assert json.loads(aspire("due", "--json").stdout)[0]["name"] in {YAMADA, ROCKET, "Bob"}


def talk(plan: list[str]) -> str:
    text = (
        'short_term_aspiration = "Lead"\nlong_term_aspiration = "Direct"\n'
        'aspiration_level = "one level up"\nknows_path = "Partly"\n'
        'willing = "yes"\ncore_strength = "Design"\ndevelopment_area = "Delegation"\n'
        'next_assignment_wish = "More scope"\n'
    )
    for action in plan:
        text += f"\n[[actions]]\naction = {json.dumps(action, ensure_ascii=False)}\n"
        text += 'measure = "Measured"\ndue = 2030-06-30\n'
    return text


def test_actions_lines_up_wide_names_and_shortens_a_wide_action_to_fit(aspire, wide_team, monkeypatch):
    for employee, plan in (("yamada", [LONG_ACTION, "資料を共有する 🚀"]), ("bob", ["Pair with SRE"])):
        done = aspire("talk", employee, "--date", "2026-01-15", "--answers", "-", input=talk(plan))
        assert done.exit_code == 0, done.stderr
    monkeypatch.setenv("COLUMNS", "200")  # room for every action whole, and the names beside them
    lines = aspire("actions").stdout.splitlines()[:-1]  # the summary line last
    assert [line.split()[0] for line in lines] == ["Employee", "bob", "yamada", "yamada"]
    assert len(column_starts(lines, ["Name", "Bob", YAMADA, YAMADA])) == 1
    assert len(column_starts(lines, ["Due", "2030-06-30", "2030-06-30", "2030-06-30"])) == 1
    assert len(column_starts(lines, ["Status", "open", "open", "open"])) == 1
    monkeypatch.setenv("COLUMNS", "100")  # the names give way, then the action is shortened
    lines = aspire("actions").stdout.splitlines()[:-1]
    assert lines[0].split() == ["Employee", "#", "Action", "Due", "Agreed", "Status"]
    assert len(column_starts(lines, ["Due", "2030-06-30", "2030-06-30", "2030-06-30"])) == 1
    assert all(cells(line) <= 100 for line in lines)
    shortened = next(line for line in lines if "新しい" in line)
    assert "…" in shortened and LONG_ACTION not in shortened
    one = aspire("actions", "yamada").stdout.splitlines()[:-1]
    assert len(column_starts(one, ["Agreed", "2026-01-15", "2026-01-15"])) == 1
    shown = aspire("show", "yamada").stdout.splitlines()  # wrapped to COLUMNS
    assert all(cells(line) <= 100 for line in shown)
    assert "".join(line.strip() for line in shown if line.startswith("    ")).count(LONG_ACTION) == 1


def test_report_table_lines_up_wide_names_and_initials(aspire, wide_team, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # room for every column
    lines = aspire("report").stdout.split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in lines] == ["Employee", "bob", "yamada", "zoe"]
    assert f"{YAMADA}  山   never held" in lines[2]  # Yamada's initial takes two of the column's three cells
    assert len(column_starts(lines, ["Due", "never held", "never held", "never held"])) == 1
