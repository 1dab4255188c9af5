"""Their own words are kept: `talk --from FILE` records the employee's own answers (their returned
form) beside what was agreed, and show, history, share, report and export carry them; a form for
someone else, for other questions, or with answers that do not hold up is refused in a line per
problem, nothing written."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS
from support.forms import THEIR_ANSWERS

DAY = "2026-11-20"


@pytest.fixture
def alice(aspire, home: Path) -> Path:
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    return home / "records/alice"


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "agreed.toml").write_text(TALK_ANSWERS)
    (tmp_path / "theirs.toml").write_text(THEIR_ANSWERS)
    return str(tmp_path / "agreed.toml"), str(tmp_path / "theirs.toml")


def held(aspire, files: tuple[str, str]):
    agreed, theirs = files
    return aspire("talk", "alice", "--date", DAY, "--answers", agreed, "--from", theirs)


def test_their_words_are_kept_in_a_table_of_their_own_beside_the_agreed_answers(aspire, alice, files):
    result = held(aspire, files)
    assert result.exit_code == 0, result.stderr
    record = tomllib.loads((alice / f"{DAY}-talk.toml").read_text())
    assert record["schema"] == 2  # an older aspire refuses it rather than misread it
    assert record["answers"]["short_term_aspiration"] == "Lead a small team"
    assert record["own_words"] == {
        "short_term_aspiration": "Lead the payments team",  # the empty long-term answer is no answer
        "aspiration_level": "senior leadership",
        "willing": "partly",
        "core_strength": 'Calm under "pressure"',
        "development_area": "Public speaking",
        "actions": [  # the blank third row is left out; their actions carry no numbers
            {
                "action": "Run the architecture guild",
                "measure": "Two sessions a month",
                "due": date(2027, 6, 30),
            },
            {"action": "Give a talk at the meetup", "measure": "One talk by summer"},
        ],
    }
    markdown = (alice / f"{DAY}-talk.md").read_text()
    assert "*In their words:*\n\nLead the payments team" in markdown
    assert "*In their words: the same.*" in markdown  # aspiration level: as agreed


def test_a_talk_without_a_form_is_written_as_before(aspire, alice, files):
    assert aspire("talk", "alice", "--date", DAY, "--answers", files[0]).exit_code == 0
    record = tomllib.loads((alice / f"{DAY}-talk.toml").read_text())
    assert record["schema"] == 1 and "own_words" not in record


def test_show_puts_their_words_under_each_agreed_answer(aspire, alice, files):
    held(aspire, files)
    shown = aspire("show", "alice").stdout
    assert "    Lead a small team\n    In their words: Lead the payments team\n" in shown
    assert "    senior leadership\n    In their words: the same\n" in shown
    assert "    yes\n    In their words: partly\n" in shown
    assert (
        "In their words: 1. Run the architecture guild  (measure: Two sessions a month; due 2027-06-30)"
        in shown
    )
    # a question they left empty has no line of theirs
    assert "Director of engineering\n\n" in shown


def test_history_marks_their_words_where_they_differ(aspire, alice, files):
    held(aspire, files)
    text = aspire("history", "alice").stdout
    assert "their words: the employee's own, where it differs from what was agreed" in text
    assert "  Short term   Lead a small team\n               their words: Lead the payments team\n" in text
    assert "  Willing      yes\n               their words: partly\n" in text
    assert "Aims for     senior leadership\n  Willing" in text  # the same: no line
    entry = json.loads(aspire("history", "alice", "--json").stdout)[0]
    assert entry["own_words"]["willing"] == "partly"
    assert entry["own_words"]["actions"][1] == {
        "action": "Give a talk at the meetup",
        "measure": "One talk by summer",
    }


def test_share_hands_them_their_own_words(aspire, alice, files, tmp_path):
    held(aspire, files)
    page = aspire("share", "alice", "--format", "md").stdout
    assert "Lead a small team\n\n*In your words:*\n\nLead the payments team\n" in page
    assert "*In your words: the same.*" in page
    html_page = aspire("share", "alice", "--format", "html").stdout
    assert (
        '<p class="theirs"><span class="label">In your words:</span> Lead the payments team</p>' in html_page
    )


def test_report_says_who_returned_a_form_for_their_latest_talk(aspire, alice, files):
    assert aspire("team", "add", "bob").exit_code == 0
    held(aspire, files)
    assert aspire("talk", "bob", "--date", DAY, "--answers", files[0]).exit_code == 0
    rows = {
        row["employee"]: row
        for row in csv.DictReader(io.StringIO(aspire("report", "--format", "csv").stdout))
    }
    assert (rows["alice"]["form_returned"], rows["bob"]["form_returned"]) == ("True", "False")
    members = json.loads(aspire("report", "--format", "json").stdout)["members"]
    assert [(m["employee"], m["form_returned"]) for m in members] == [("alice", True), ("bob", False)]


def test_export_gives_their_words_columns_of_their_own(aspire, alice, files):
    held(aspire, files)
    table = list(csv.reader(io.StringIO(aspire("export", "--format", "csv").stdout)))
    row = dict(zip(table[0], table[1], strict=True))
    assert row["short_term_aspiration"] == "Lead a small team"
    assert row["own_words_short_term_aspiration"] == "Lead the payments team"
    assert row["own_words_willing"] == "partly"
    assert "own_words_knows_path" not in row  # no one answered it in their own words
    assert (
        row["own_words_actions"].splitlines()[1]
        == "2. Give a talk at the meetup  (measure: One talk by summer)"
    )
    exported = json.loads(aspire("export", "--format", "json").stdout)[0]
    assert exported["own_words"]["development_area"] == "Public speaking"


def nothing_written(alice: Path) -> bool:
    return not any(alice.glob("*talk*")) and not any(alice.parent.parent.glob("drafts/*"))


def test_a_form_of_another_employee_is_refused(aspire, alice, files):
    assert aspire("team", "add", "bob").exit_code == 0
    result = aspire("talk", "bob", "--answers", files[0], "--from", files[1])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: their answers {files[1]} is the form of 'alice', not of bob: check you picked the right file"
    )
    assert not any((alice.parent / "bob").glob("*"))


def test_a_form_for_another_version_of_the_questions_is_refused(aspire, alice, files):
    Path(files[1]).write_text(THEIR_ANSWERS.replace("version = 2", "version = 1"))
    result = held(aspire, files)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: their answers {files[1]} answers version 1 of the 'talk' questions; this talk asks "
        "version 2 of 'talk': send a new form with: aspire invite alice"
    )
    assert nothing_written(alice)


def test_every_problem_in_their_answers_is_named_in_a_line_of_its_own(aspire, alice, files):
    broken = (
        THEIR_ANSWERS.replace('willing = "partly"', 'willing = "maybe"')
        .replace('measure = "One talk by summer"', 'measure = "   "')
        .replace("short_term_aspiration", 'colour = "blue"\nshort_term_aspiration', 1)
    )
    Path(files[1]).write_text(broken)
    result = held(aspire, files)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(
        f"error: their answers {files[1]}: unknown question id 'colour' for the talk questions"
    )
    assert lines[1] == f"error: their answers {files[1]}: willing: must be one of: yes, partly, no"
    assert lines[2] == f"error: their answers {files[1]}: actions: [1].measure: must not be empty"
    assert len(lines) == 3
    assert nothing_written(alice)


def test_control_characters_in_their_words_are_shown_never_obeyed(aspire, alice, files):
    Path(files[1]).write_text(THEIR_ANSWERS.replace("Lead the payments team", "Lead\\u001b[2J the team"))
    assert held(aspire, files).exit_code == 0
    shown = aspire("show", "alice").stdout
    assert "\x1b" not in shown
    assert "In their words: Lead\\x1b[2J the team" in shown


def test_from_alone_without_a_terminal_says_how_to_run_it(aspire, alice, files):
    result = aspire("talk", "alice", "--from", files[1])
    assert result.exit_code != 0
    assert "add --answers FILE with what was agreed" in result.stderr
    assert nothing_written(alice)


def test_a_prep_does_not_take_their_answers(aspire, alice, files):
    result = aspire("prep", "alice", "--from", files[1])
    assert result.exit_code == 2
    assert "--from" in result.stderr


# -- held in a terminal: their words shown before each question, and the answer starting from them --
def test_in_the_talk_each_answer_starts_from_their_words_and_their_actions_are_proposed(
    aspire, alice, files, home, keys, in_terminal
):
    import io as text_io

    from rich.console import Console
    from support.keys import DONE, DOWN

    from aspire_cli.interview import session
    from aspire_cli.interview.their_words import their_words
    from aspire_cli.storage.question_sets import load_question_set
    from aspire_cli.storage.store import Store

    clear = "\x15"  # Ctrl-U: the line so far, gone
    keys.send_text(
        "".join(
            [
                DONE,  # short term: theirs, as it is
                f"Director{DONE}",  # long term: they left it empty, so nothing to start from
                "\r",  # aspiration level: their choice is the one picked
                f"Partly{DONE}",
                f"{DOWN}\r",  # willing: theirs was "partly"; the one below it is "no"
                f" and kind{DONE}",  # core strength: theirs, added to
                f"{clear}Delegation{DONE}",  # development area: theirs, replaced
                "\r\r\r",  # their first action, its measure and due date, kept
                f"{clear}\r",  # their second action: emptied, so passed over
                "Delegate releases\r",
                "Bob runs two\r",
                "\r",
                "\r",  # an empty action ends the list
                f"More scope{DONE}",
            ]
        )
    )
    d = session.Discussion(
        Store(home), Console(file=text_io.StringIO(), width=100), "talk", None, date(2026, 11, 26)
    )
    d.their_words = their_words(files[1], "alice", load_question_set("talk"), date(2026, 11, 26))
    path = session.interactive(d, "alice", False)
    screen = "\n".join(line.rstrip() for line in d.console.file.getvalue().splitlines())
    assert "In their words:\n       Lead the payments team\n" in screen
    assert "Their actions come first, to keep as they are, edit, or empty to pass over." in screen
    record = tomllib.loads(path.read_text())
    answers = record["answers"]
    assert answers["short_term_aspiration"] == "Lead the payments team"
    assert answers["long_term_aspiration"] == "Director"
    assert answers["aspiration_level"] == "senior leadership"
    assert answers["willing"] == "no"
    assert answers["core_strength"] == 'Calm under "pressure" and kind'
    assert answers["development_area"] == "Delegation"
    assert [(a["action"], a["measure"], a.get("due")) for a in answers["actions"]] == [
        ("Run the architecture guild", "Two sessions a month", date(2027, 6, 30)),
        ("Delegate releases", "Bob runs two", None),
    ]
    assert record["own_words"]["willing"] == "partly"  # theirs, as they came, beside what was agreed
    assert len(record["own_words"]["actions"]) == 2


def test_a_talk_stopped_half_way_keeps_their_words_in_the_draft_for_the_resume(
    aspire, alice, files, home, keys, in_terminal
):
    import io as text_io

    from rich.console import Console
    from support.keys import CTRL_C, DONE

    from aspire_cli.errors import Aborted
    from aspire_cli.interview import session
    from aspire_cli.interview.their_words import their_words
    from aspire_cli.storage.question_sets import load_question_set
    from aspire_cli.storage.store import Store

    def talk() -> session.Discussion:
        return session.Discussion(
            Store(home), Console(file=text_io.StringIO(), width=100), "talk", None, date(2026, 11, 26)
        )

    keys.send_text(f"{DONE}{CTRL_C}")
    first = talk()
    first.their_words = their_words(files[1], "alice", load_question_set("talk"), date(2026, 11, 26))
    with pytest.raises(Aborted):
        session.interactive(first, "alice", False)
    draft = tomllib.loads((home / "drafts/alice.talk.toml").read_text())
    assert draft["own_words"]["core_strength"] == 'Calm under "pressure"'
    resumed = talk()  # no --from this time: their words come back with the draft
    keys.send_text(
        "\r" + "".join(["Director\r", "\r", "Partly\r", "\r", "\r", "\r", "\r\r\r", "\r\r\r", "\r", "x\r"])
    )
    path = session.interactive(resumed, "alice", False)
    assert "In their words:" in resumed.console.file.getvalue()
    assert tomllib.loads(path.read_text())["own_words"]["willing"] == "partly"
