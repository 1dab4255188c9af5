"""In a real terminal 80 or 60 columns wide (no COLUMNS: aspire asks the terminal), every daily
listing, `show`, `history` and the brief before a talk fit: no line wider than the screen, no word
broken in the middle, with 24-character names and 200-character actions."""

from __future__ import annotations

import io

import pexpect
import pytest
from support.processes import aspire_script, terminal_env
from support.records_factory import LONG_NAMES, sentence, wordy_home, wordy_texts
from support.widths import broken_words, screen_lines, too_wide

LISTINGS = (("due",), ("actions", "--all"), ("report",), ("team", "list"), ("drafts",))


def in_terminal(home, width: int, *args: str, colour: bool = False) -> pexpect.spawn:
    env = {key: value for key, value in terminal_env(home).items() if key not in ("COLUMNS", "LINES")}
    if colour:
        env.pop("NO_COLOR")
    return pexpect.spawn(
        aspire_script(), list(args), env=env, encoding="utf-8", dimensions=(24, width), timeout=20
    )


def screen_of(home, width: int, *args: str, colour: bool = False) -> str:
    """What the terminal shows of `aspire ARGS`, to its end."""
    child = in_terminal(home, width, *args, colour=colour)
    shown = child.read()
    child.close()
    assert child.exitstatus == 0, shown
    return shown


@pytest.fixture
def wordy(home):
    return wordy_home(home)


@pytest.mark.parametrize("width", (80, 60))
@pytest.mark.parametrize("args", LISTINGS, ids=" ".join)
def test_a_listing_fits_the_terminal(home, wordy, width, args):
    shown = screen_of(home, width, *args, colour=True)
    assert not too_wide(shown, width), "\n".join(too_wide(shown, width))
    assert not broken_words(shown, wordy_texts(wordy)), broken_words(shown, wordy_texts(wordy))
    assert "alice" in shown or args == ("drafts",)


@pytest.mark.parametrize("width", (80, 60))
def test_actions_in_the_terminal_shorten_the_action_and_keep_its_dates(home, wordy, width):
    lines = screen_lines(screen_of(home, width, "actions"))
    assert any("the architecture" in line and "…" in line for line in lines)
    assert sum("2026-06-30" in line for line in lines) == 2  # guinevere's and chen's first, still open
    assert not any(name in line for line in lines for name in LONG_NAMES.values())  # gave way first


@pytest.mark.parametrize("width", (80, 60))
@pytest.mark.parametrize("colour", (False, True), ids=("plain", "rich"))
def test_show_and_history_fit_and_show_has_every_word(home, wordy, width, colour):
    for args in (("show", "alice"), ("history", "alice")):
        shown = screen_of(home, width, *args, colour=colour)
        assert not too_wide(shown, width), "\n".join(too_wide(shown, width))
        assert not broken_words(shown, wordy_texts(wordy)), broken_words(shown, wordy_texts(wordy))
        joined = " ".join(" ".join(line.split()) for line in screen_lines(shown))
        assert sentence(200, 3) in joined  # alice's first action, whole


@pytest.mark.parametrize("width", (80, 60))
def test_the_brief_before_a_talk_fits(home, wordy, width):
    child = in_terminal(home, width, "talk", "alice", colour=True)
    child.logfile_read = io.StringIO()
    child.expect("1/9")
    child.expect("Answer:")  # the first question: everything before it is on the screen
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    shown = child.logfile_read.getvalue()
    brief = shown[: shown.index("1/9")]  # the title, the brief, the prep notes
    assert not too_wide(brief, width), "\n".join(too_wide(brief, width))
    assert not broken_words(brief, wordy_texts(wordy)), broken_words(brief, wordy_texts(wordy))
    assert "aspire show alice --date 2025-11-20" in brief
