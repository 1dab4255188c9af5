"""The prep notes panel shown before a talk: what a record holds is shown, never obeyed by the terminal."""

import io
from datetime import date

from rich.console import Console
from rich.markup import escape
from rich.text import Text
from support.records_factory import PREP, talk_record

from aspire_cli.domain.models import Record
from aspire_cli.domain.questions import Action
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.views.record_text import record_panel

TALK = load_question_set("talk")
TITLE_ESCAPE = "\x1b]0;pwned\x07"  # sets the terminal's window title
CLEAR = "\x1b[2J"  # clears the screen


def shown(panel: object) -> str:
    console = Console(file=io.StringIO(), force_terminal=False, width=200)
    console.print(panel)
    return console.file.getvalue()


def prep_record(**answers: str) -> Record:
    raw = {q.id: q.choices[0] if q.choices else f"Notes on {q.id}" for q in PREP.questions} | answers
    return Record(
        kind="prep",
        employee="alice",
        date=date(2026, 11, 20),
        question_set="prep",
        question_set_version=PREP.version,
    ).with_answers(PREP.validate_answers(raw))


def test_escape_sequences_in_prep_answers_are_shown_not_obeyed():
    first, second = [q.id for q in PREP.questions if q.kind == "long_text"][:2]
    record = prep_record(**{first: f"Ready {TITLE_ESCAPE} soon", second: f"{CLEAR}Wants\r\x08 scope"})
    output = shown(record_panel(record, PREP, "Your prep notes for Alice, 2026-11-20"))
    assert not {"\x1b", "\x07", "\r", "\x08"} & set(output)
    assert "Ready \\x1b]0;pwned\\x07 soon" in output
    assert "\\x1b[2JWants\\r\\x08 scope" in output


def test_escape_sequences_in_agreed_actions_are_shown_not_obeyed():
    action = Action(action=f"Lead{CLEAR} the guild", measure=f"two{TITLE_ESCAPE} a month")
    output = shown(record_panel(talk_record(actions=(action,)), TALK, "Talk"))
    assert "1. Lead\\x1b[2J the guild  (measure: two\\x1b]0;pwned\\x07 a month)" in output
    assert "\x1b" not in output and "\x07" not in output


def test_a_name_in_the_title_shows_its_markup_and_control_characters_as_typed():
    name = f"Eve{CLEAR} [bold red]x[/] :smile:"
    from_markup = shown(record_panel(prep_record(), PREP, f"Your prep notes for {escape(name)}, 2026-11-20"))
    from_text = shown(record_panel(prep_record(), PREP, Text(f"Notes for {name}")))
    for output in (from_markup, from_text):
        assert "Eve\\x1b[2J [bold red]x[/] :smile:" in output
        assert "\x1b" not in output
