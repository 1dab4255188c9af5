"""Every daily listing fits a terminal 80 or 60 columns wide, whatever the names and the actions hold:
no line wider than the terminal, no word broken in the middle, ids and dates whole, the name beside
the id giving way first, long text shortened with "…" or wrapped between words, and `show` with the
whole text. Piped without COLUMNS, a record a line, whole, for grep."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from datetime import date

import pytest
from rich.console import Console
from support.processes import aspire_script
from support.records_factory import LONG_NAMES, sentence, wordy_home, wordy_texts
from support.widths import broken_words, screen_lines, too_wide

from aspire_cli.interview import screen
from aspire_cli.interview import session as discussion
from aspire_cli.storage.store import Store

WIDTHS = (80, 60)
TALK_DAY, DUE_DAY = "2025-11-20", "2026-11-20"


@pytest.fixture
def wordy(home):
    return wordy_home(home)


def fits(text: str, width: int, store: Store) -> None:
    assert not too_wide(text, width), "\n".join(too_wide(text, width))
    assert not broken_words(text, wordy_texts(store)), broken_words(text, wordy_texts(store))


@pytest.mark.parametrize("width", WIDTHS)
def test_due_fits_and_keeps_ids_and_dates_whole(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("due").stdout
    fits(shown, width, wordy)
    rows = [line.split() for line in screen_lines(shown)[1:] if line]
    assert sorted(row[0] for row in rows) == sorted(LONG_NAMES)  # every member, by id
    assert all(TALK_DAY in row and DUE_DAY in row for row in rows)
    if width == 60:  # no room for the name beside the id: it gave way first
        assert not any(name in shown for name in LONG_NAMES.values())
        assert "Name" not in screen_lines(shown)[0]


@pytest.mark.parametrize("width", WIDTHS)
def test_actions_fit_the_action_shortened_between_words(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("actions", "--all").stdout
    fits(shown, width, wordy)
    assert "Name" not in shown and "Alexandra" not in shown  # the name beside the id gave way
    assert sentence(200, 3) not in shown and "the architecture" in shown  # shortened: `show` has it
    assert "…" in shown
    for employee in LONG_NAMES:
        assert f"{employee} " in shown
    assert shown.count("2026-06-30") == 3 and shown.count(TALK_DAY) == 6  # dates whole


@pytest.mark.parametrize("width", WIDTHS)
def test_one_employees_actions_and_their_summary_fit(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("actions", "alice", "--all").stdout
    fits(shown, width, wordy)
    assert "done on 2026-01-05" in shown
    summary = " ".join(line.strip() for line in screen_lines(shown) if "open" in line or "dropped" in line)
    assert "alice (Alexandra Montgomery-Lee): 1 open, 0 overdue; 1 done, 0 dropped" in summary


@pytest.mark.parametrize("width", WIDTHS)
def test_report_table_fits_each_member_a_block_when_the_columns_cannot(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("report").stdout
    fits(shown, width, wordy)
    lines = screen_lines(shown)
    for employee in LONG_NAMES:  # each member's first line: id, initials, due date whole
        assert any(line.startswith(f"{employee} ") and f"{DUE_DAY} overdue" in line for line in lines)
    assert any(line.startswith("  Short term ") and line.endswith("…") for line in lines)
    assert "Levels: current = current role" in shown  # the legend, wrapped between words


@pytest.mark.parametrize("width", WIDTHS)
def test_team_list_and_drafts_fit(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    team = aspire("team", "list").stdout
    fits(team, width, wordy)
    assert all(name in team for name in LONG_NAMES.values())  # here the name is the point: whole
    drafts = aspire("drafts").stdout
    fits(drafts, width, wordy)
    assert "aspire prep guinevere" in drafts  # the command to resume, whole


@pytest.mark.parametrize("width", WIDTHS)
def test_history_fits_with_every_answer_whole(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("history", "alice").stdout
    fits(shown, width, wordy)
    joined = " ".join(line.strip() for line in screen_lines(shown))
    for whole in (sentence(200, 0), sentence(200, 1), sentence(200, 5), sentence(200, 3)):
        assert whole in joined


@pytest.mark.parametrize("width", WIDTHS)
def test_show_fits_and_gives_the_whole_text(aspire, wordy, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", str(width))
    shown = aspire("show", "alice").stdout
    fits(shown, width, wordy)
    joined = " ".join(line.strip() for line in screen_lines(shown))
    for whole in (sentence(200, 3), sentence(200, 11), sentence(150, 2), sentence(200, 9)):
        assert whole in joined
    assert "File: records/alice/2025-11-20-talk.toml" in shown  # the home's path is on a line of its own


@pytest.mark.parametrize("width", WIDTHS)
def test_the_brief_before_a_talk_fits(wordy, width):
    console = Console(file=io.StringIO(), width=width, force_terminal=False)
    d = discussion.Discussion(wordy, console, "talk", None, date(2026, 12, 1))
    screen.show_brief(d, "alice", date(2026, 12, 1))
    screen.show_prep_notes(d, "alice", LONG_NAMES["alice"], date(2026, 12, 1))
    shown = console.file.getvalue()
    fits(shown, width, wordy)
    assert "Last talk: 2025-11-20" in shown
    assert "aspire show alice --date 2025-11-20" in shown  # a command, whole
    assert ", 2025-11-19 ─" in shown  # the prep notes' title: its name gave way, never its date


def piped(home, command: str) -> list[str]:
    """`aspire COMMAND` in a shell pipeline, without COLUMNS, as a leader greps it."""
    env = {key: value for key, value in os.environ.items() if key != "COLUMNS"}
    env |= {"ASPIRE_HOME": str(home), "NO_COLOR": "1"}
    done = subprocess.run(
        f"{shlex.quote(aspire_script())} {command}",
        shell=True,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.stdout.splitlines()


def test_piped_actions_keep_each_record_whole_on_one_line_for_grep(wordy, home):
    lines = piped(home, "actions --all | grep alice")
    assert len(lines) == 2  # alice's two actions, one line each
    assert sentence(200, 3) in lines[1] or sentence(200, 3) in lines[0]
    assert all(LONG_NAMES["alice"] in line for line in lines)  # the name stays beside the id


def test_piped_report_and_history_are_never_wrapped(wordy, home):
    report = piped(home, "report | grep '^alice '")
    assert len(report) == 1 and sentence(200, 0) in report[0] and sentence(200, 1) in report[0]
    history = piped(home, "history alice | grep 'Short term'")
    assert len(history) == 1 and history[0].endswith(sentence(200, 0))
