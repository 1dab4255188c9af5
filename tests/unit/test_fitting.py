"""Fitting text to a width (views/table.py, views/width.py), for any rows and any width from 40 up:
no line wider than the width, no word broken unless it is wider than its column, ids and dates
whole, and nothing fitted when there is no width (piped)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aspire_cli.views.table import REPEAT, SHORTEN, WHOLE, WRAP, Column, format_table, table_text
from aspire_cli.views.width import ELLIPSIS, cells, fitted, shorten, wrap

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-é山田太郎新しい🚀"
SHORT = 9  # a word this wide or narrower fits every column a table squeezes (10 cells at least)

short_words = st.text(LETTERS, min_size=1, max_size=SHORT).filter(lambda w: cells(w) <= SHORT)
long_words = st.text(LETTERS, min_size=25, max_size=40)
texts = st.lists(st.one_of(short_words, short_words, short_words, long_words), max_size=40).map(" ".join)
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,14}", fullmatch=True)
dates = st.dates().map(lambda d: d.isoformat())
titles = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=15).map(
    lambda t: t.strip() or "T"
)
widths = st.integers(min_value=40, max_value=240)


@st.composite
def tables(draw: st.DrawFn) -> list[Column]:
    """An id column, then any mix of dates, free text (wrapped or shortened) and a repeating name."""
    rows = draw(st.integers(min_value=0, max_value=6))
    kinds = draw(st.lists(st.sampled_from([WHOLE, WRAP, SHORTEN, REPEAT]), min_size=0, max_size=6))
    columns = [Column(draw(titles), draw(st.lists(ids, min_size=rows, max_size=rows)))]
    for kind in kinds:
        values = dates if kind == WHOLE else texts
        columns.append(Column(draw(titles), draw(st.lists(values, min_size=rows, max_size=rows)), kind))
    return columns


def words_are_whole(lines: list[str], sources: list[str]) -> list[str]:
    """The words of `lines` that are neither a word of `sources`, nor one followed by an ellipsis,
    nor the start of a word wider than SHORT cut with an ellipsis: broken ones."""
    known = {word for text in sources for word in text.split()}
    broken = []
    for word in (word for line in lines for word in line.split()):
        kept = word.removesuffix(ELLIPSIS)
        if kept in known or not kept:
            continue
        if not (word.endswith(ELLIPSIS) and any(w.startswith(kept) and cells(w) > SHORT for w in known)):
            broken.append(word)
    return broken


@settings(max_examples=300, deadline=None)
@given(tables(), widths)
def test_any_table_fits_any_width_with_words_ids_and_dates_whole(columns, width):
    lines = table_text(columns, width).split("\n")
    assert all(cells(line) <= width for line in lines), (width, lines)
    sources = [text for column in columns for text in (column.title, *column.cells)]
    assert not words_are_whole(lines, sources), words_are_whole(lines, sources)
    shown = {word for line in lines for word in line.split()}
    for column in columns:
        if column.fit == WHOLE:  # the ids (first) and the dates: never cut, never left out
            assert all(cell in shown for cell in column.cells)


@settings(max_examples=200, deadline=None)
@given(tables())
def test_without_a_width_each_row_is_one_line_every_cell_whole(columns):
    lines = table_text(columns, None).split("\n")
    assert len(lines) == 1 + len(columns[0].cells)
    for row, line in enumerate(lines[1:]):
        assert all(column.cells[row] in line for column in columns)


def test_the_name_beside_the_id_gives_way_before_the_text():
    action = "Run the architecture guild every other Tuesday and write up what was decided"
    rows = [("alice", "Alexandra Montgomery-Lee", action, "2026-06-30")]
    fits = (WHOLE, REPEAT, SHORTEN, WHOLE)
    header = ("Employee", "Name", "Action", "Due")
    wide = format_table(header, rows, fits=fits, width=200).split("\n")
    assert wide[1] == f"alice     Alexandra Montgomery-Lee  {action}  2026-06-30"  # room for all
    narrow = format_table(header, rows, fits=fits, width=100).split("\n")
    assert narrow[0].split() == ["Employee", "Action", "Due"]  # the name went first
    assert narrow[1] == f"alice     {action}  2026-06-30"  # and the action stayed whole
    squeezed = format_table(header, rows, fits=fits, width=50).split("\n")
    assert squeezed[1] == "alice     Run the architecture guild…  2026-06-30"  # 28 cells left for it


def test_a_table_too_wide_for_its_columns_becomes_a_block_a_row():
    rows = [("alice", "2026-06-30", "2025-11-20", "done on 2026-01-05", "Run the architecture guild")]
    header = ("Employee", "Due", "Agreed", "Status", "Action")
    fits = (WHOLE, WHOLE, WHOLE, WHOLE, SHORTEN)
    assert format_table(header, rows, fits=fits, width=60).split("\n") == [
        "Employee  Due         Agreed      Status",
        "alice     2026-06-30  2025-11-20  done on 2026-01-05",
        "  Action  Run the architecture guild",
    ]


def test_a_wrapped_column_keeps_its_lines_inside_it():
    rows = [("alice", "overdue by three hundred and twelve days", "2026-06-30")]
    lines = format_table(("Employee", "Status", "Due"), rows, fits=(WHOLE, WRAP, WHOLE), width=42)
    assert lines.split("\n") == [
        "Employee  Status              Due",
        "alice     overdue by three    2026-06-30",
        "          hundred and twelve",
        "          days",
    ]


def test_colour_goes_on_after_the_padding():
    rows = [("alice", "overdue"), ("bob", "open")]
    lines = format_table(("Employee", "Status"), rows, last_colours=["31", "0"]).split("\n")
    assert lines == [
        "\x1b[1mEmployee  Status\x1b[0m",
        "alice     \x1b[31moverdue\x1b[0m",
        "bob       \x1b[0mopen\x1b[0m",
    ]


def test_a_cell_from_a_file_cannot_drive_the_terminal_and_text_stays_on_its_line():
    rows = [("eve\nforged", "Lead\x1b[2J a team\n  in   two years")]
    for width in (None, 60):
        lines = format_table(("Employee", "Aim"), rows, fits=(WHOLE, SHORTEN), width=width)
        assert lines == "Employee     Aim\neve\\nforged  Lead\\x1b[2J a team in two years"


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=1, max_value=120))
def test_shorten_cuts_between_words(text, width):
    short = shorten(text, width)
    assert cells(short) <= width
    assert short == " ".join(text.split()) or short.endswith(ELLIPSIS)
    assert not words_are_whole([short], [text]) or (len(short.split()) == 1 and width <= SHORT + 1)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(min_value=20, max_value=120))
def test_wrap_breaks_only_between_words_and_loses_nothing(text, width):
    lines = wrap(text, width, "  ", "    ")
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost
    kept = {word for line in lines for word in line.split()}
    assert all(word in kept for word in text.split() if cells(word) <= width - 4)  # none broken
    cut = wrap(text, width, cut=True)  # a table's cell: a word wider than the line is cut
    assert all(cells(line) <= width for line in cut)
    assert not words_are_whole(cut, [text])


@settings(max_examples=200, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4).map("\n".join), widths)
def test_fitted_prose_wraps_each_line_and_is_left_alone_without_a_width(text, width):
    lines = fitted(text, width).split("\n")
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert fitted(text, None) == text
