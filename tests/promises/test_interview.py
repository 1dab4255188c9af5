"""Whole interviews in-process: questionary reads keystrokes from a pipe, as from a keyboard."""

import io
import tomllib
from datetime import date

import pytest
from rich.console import Console
from support.keys import CTRL_C, DONE, PREP_KEYS, TALK_KEYS

from aspire_cli.domain.questions import Action
from aspire_cli.errors import Aborted
from aspire_cli.interview import session as discussion
from aspire_cli.interview.prompts import TerminalPrompter
from aspire_cli.interview.walk import run_interview
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store


def interview(keys, name, answers=None):
    """Run a whole interview on the piped keys; returns (answers, what was kept after each)."""
    kept = []
    console = Console(file=io.StringIO(), width=100)
    result = run_interview(
        load_question_set(name),
        TerminalPrompter(console),
        answers or {},
        lambda answers, _unfinished: kept.append(answers),
    )
    return result, kept, console.file.getvalue()


def test_a_whole_prep_interview_keeps_every_answer(keys):
    keys.send_text("".join(PREP_KEYS))
    answers, kept, screen = interview(keys, "prep")
    assert answers == {
        "potential": "answer 1",
        "potential_level": "two or more levels up",
        "readiness": "ready now",
        "development": "answer 2",
        "strengths": "answer 3",
        "short_term_needs": "answer 4",
        "next_assignment": "answer 5",
    }
    assert [len(k) for k in kept] == [1, 2, 3, 4, 5, 6, 7]  # kept after each answer, before the next question
    assert "2/7  What level do you see them reaching?" in screen
    assert "5/7  What do you think are their main strengths?" in screen
    assert "The highest level you are confident they can reach" in screen


def test_a_whole_talk_with_a_choice_several_actions_and_a_multi_line_answer(keys):
    keys.send_text("".join(TALK_KEYS))
    answers, _, screen = interview(keys, "talk")
    assert answers["short_term_aspiration"] == "Lead a team\nwithin two years"
    assert answers["aspiration_level"] == "senior leadership"
    assert answers["willing"] == "partly"
    assert answers["actions"] == (
        Action(action="Run the guild", measure="2 sessions a month", due=date(2027, 6, 30)),
        Action(action="Delegate releases", measure="Bob runs two"),
    )
    assert answers["next_assignment_wish"] == "More scope"
    assert "3/9  At what level do you see yourself in the long run?" in screen
    assert "9/9  What do you want to do in your next assignment?" in screen


def test_an_empty_required_answer_is_asked_again(keys):
    keys.send_text(f"{DONE}   {DONE}\x7f\x7f\x7f" + "".join(PREP_KEYS))
    answers, kept, _ = interview(keys, "prep")
    assert answers["potential"] == "answer 1"
    assert len(kept) == 7


def test_an_impossible_due_date_is_asked_again(keys):
    keys.send_text("".join(TALK_KEYS[:9]) + "2027-02-30\r" + "\x7f" * 10 + "".join(TALK_KEYS[9:]))
    answers, _, _ = interview(keys, "talk")
    assert answers["actions"][0].due == date(2027, 6, 30)


def test_ctrl_c_stops_the_whole_interview_and_keeps_what_was_answered(keys):
    keys.send_text("".join(TALK_KEYS[:2]) + "half typed" + CTRL_C + "".join(TALK_KEYS[2:]))
    kept = []
    with pytest.raises(Aborted):
        run_interview(
            load_question_set("talk"),
            TerminalPrompter(Console(file=io.StringIO())),
            {},
            lambda answers, _unfinished: kept.append(answers),
        )
    assert kept[-1] == {
        "short_term_aspiration": "Lead a team\nwithin two years",
        "long_term_aspiration": "Director",
    }


def test_a_resumed_interview_starts_at_the_first_unanswered_question(keys):
    keys.send_text("".join(PREP_KEYS[2:]))
    answers, kept, screen = interview(keys, "prep", {"potential": "a", "potential_level": "expert track"})
    assert answers["potential"] == "a" and answers["potential_level"] == "expert track"
    assert answers["readiness"] == "ready now" and answers["strengths"] == "answer 3"
    assert "1/7" not in screen and "2/7" not in screen and "3/7" in screen
    assert len(kept) == 5


def talk_in_terminal(home, employee="alice", fresh=False):
    d = discussion.Discussion(
        Store(home), Console(file=io.StringIO(), width=100), "talk", None, date(2026, 11, 26)
    )
    return discussion.interactive(d, employee, fresh), d.console.file.getvalue()


def test_the_talk_shows_the_latest_prep_notes_then_writes_the_record_and_no_draft(
    aspire, home, keys, in_terminal
):
    from support.answers import PREP_ANSWERS

    aspire("team", "add", "alice", "--name", "Alice Smith")
    aspire("prep", "alice", "--date", "2026-11-20", "--answers", "-", input=PREP_ANSWERS)
    keys.send_text("".join(TALK_KEYS))
    path, screen = talk_in_terminal(home)
    assert "Your prep notes for Alice Smith, 2026-11-20" in screen
    assert "Head of platform engineering within five years" in screen
    assert screen.index("prep notes") < screen.index("1/9")
    assert path == home / "records/alice/2026-11-26-talk.toml"
    assert tomllib.loads(path.read_text())["answers"]["willing"] == "partly"
    assert not (home / "drafts/alice.talk.toml").exists()


def test_a_typo_in_the_name_is_offered_the_close_match(aspire, home, keys, in_terminal):
    aspire("team", "add", "alice")
    keys.send_text("y\r" + "".join(TALK_KEYS))
    path, _ = talk_in_terminal(home, "alcie")
    assert path.parent.name == "alice"


def test_someone_not_on_the_team_can_be_added_on_the_spot(aspire, home, keys, in_terminal):
    keys.send_text("y\r" + "Zoe Park\r" + "".join(TALK_KEYS))
    path, screen = talk_in_terminal(home, "zoe")
    assert path.parent.name == "zoe"
    assert "Added zoe" in screen
    assert tomllib.loads((home / "team.toml").read_text())["members"]["zoe"]["name"] == "Zoe Park"


def test_declining_to_add_a_stranger_writes_nothing(aspire, home, keys, in_terminal):
    keys.send_text("n\r")
    with pytest.raises(Exception, match="aspire team add zoe"):
        talk_in_terminal(home, "zoe")
    assert not (home / "records").exists() and not (home / "team.toml").exists()
