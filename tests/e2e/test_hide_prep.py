"""`aspire talk --hide-prep` and `prep_notes = "hidden"`: with the employee looking at the screen,
not one word of the leader's prep notes is drawn, before or during the talk (a real terminal)."""

import io
import tomllib

import pytest
from support.answers import PREP_ANSWERS
from support.processes import finish, one_action_and_the_rest, spawn, talk_up_to_the_actions

DOWN = "\x1b[B"
FREE_TEXT = ("potential", "development", "strengths", "short_term_needs", "next_assignment")
PREP_WORDS = [tomllib.loads(PREP_ANSWERS)[key] for key in FREE_TEXT]  # the notes' own words (a
# level or a readiness is one of the talk's own choices too, so it is on screen either way)


@pytest.fixture
def prepared(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    assert (
        aspire("prep", "alice", "--date", "2026-01-05", "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    )
    return home


def hold_whole_talk(home, *args) -> str:
    """Everything the terminal was sent during a whole talk, answered to the end."""
    child = spawn(home, "talk", "alice", "--date", "2026-01-06", *args)
    child.logfile_read = screen = io.StringIO()
    talk_up_to_the_actions(child)
    one_action_and_the_rest(child)
    finish(child)
    return screen.getvalue()


def test_hide_prep_draws_not_one_word_of_the_prep_notes_in_the_whole_talk(prepared):
    assert len(PREP_WORDS) >= 4
    screen = hold_whole_talk(prepared, "--hide-prep")
    assert "Your prep notes are hidden" in screen
    assert [word for word in PREP_WORDS if word in screen] == []
    assert (prepared / "records/alice/2026-01-06-talk.toml").exists()


def test_the_setting_hides_them_in_every_talk_and_the_notes_show_without_it(aspire, prepared):
    shown = hold_whole_talk(prepared)
    assert "Your prep notes for Alice Smith, 2026-01-05" in shown and PREP_WORDS[0] in shown
    assert aspire("config", "set", "prep_notes", "hidden").exit_code == 0
    (prepared / "records/alice/2026-01-06-talk.toml").unlink()
    (prepared / "records/alice/2026-01-06-talk.md").unlink()
    hidden = hold_whole_talk(prepared)
    assert "Your prep notes are hidden" in hidden
    assert [word for word in PREP_WORDS if word in hidden] == []


def test_a_wrong_value_of_the_setting_is_one_line(aspire, prepared):
    done = aspire("config", "set", "prep_notes", "secret")
    assert done.exit_code == 2
    assert 'prep_notes \'secret\' is refused: must be "shown" or "hidden"' in done.stderr
