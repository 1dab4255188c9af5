import tomllib
from datetime import date

import pytest
from markdown_it import MarkdownIt
from support.records_factory import talk_record as factory_talk_record

from aspire_cli.domain.models import Record, Team
from aspire_cli.domain.questions import Action
from aspire_cli.errors import BadFile
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.views.record_text import record_markdown

TALK = load_question_set("talk")


def talk_record(**answers) -> Record:
    two_actions = (
        Action(action="Run the guild", measure="2 sessions a month", due=date(2027, 6, 30)),
        Action(action="Delegate releases", measure="Bob runs two"),
    )
    return factory_talk_record(**{"willing": "partly", "actions": two_actions, **answers})


def test_a_record_round_trips_toml_to_model_to_toml(home):
    store = Store(home)
    record = talk_record()
    path = store.records.write(record, "md")
    text = path.read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert data["schema"] == 1 and data["kind"] == "talk" and data["employee"] == "alice"
    assert data["date"] == date(2026, 11, 26)  # a TOML date, not a string
    assert (data["question_set"], data["question_set_version"]) == ("talk", 2)
    assert data["answers"]["actions"][0] == {
        "action": "Run the guild",
        "measure": "2 sessions a month",
        "due": date(2027, 6, 30),
    }
    assert "[[answers.actions]]" in text
    again = store.records.read(path, TALK)
    assert again == record
    assert store.records.write(again, "md").read_text(encoding="utf-8") == text


def test_a_second_talk_on_the_same_day_gets_a_numbered_name_and_the_first_is_untouched(home):
    store = Store(home)
    first = store.records.write(talk_record(), "first")
    second = store.records.write(talk_record(core_strength="Mentoring"), "second")
    assert (first.name, second.name) == ("2026-11-26-talk.toml", "2026-11-26-talk-2.toml")
    assert first.with_suffix(".md").read_text() == "first"
    assert store.records.read(first).answers["core_strength"] == "Architecture"
    assert store.records.latest("alice", "talk").path == second


def test_the_latest_record_is_found_by_name_alone(home):
    store = Store(home)
    for day in (date(2024, 3, 1), date(2025, 11, 2), date(2023, 1, 5)):
        store.records.write(talk_record().model_copy(update={"date": day}), "md")
    (home / "records" / "alice" / "notes.txt").write_text("not a record")
    assert [r.day for r in store.records.listed("alice")] == [
        date(2023, 1, 5),
        date(2024, 3, 1),
        date(2025, 11, 2),
    ]
    assert store.records.latest("alice", "talk").day == date(2025, 11, 2)
    assert store.records.latest("alice", "prep") is None


def structure(markdown: str) -> list[str]:
    """The document's structure: headings, tables, lists, code, links, emphasis; not text or line breaks."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    inline = [child for t in tokens for child in t.children or []]
    plain = ("text", "softbreak", "hardbreak")
    blocks = [t.type for t in tokens if t.type.endswith("_open") and t.type != "paragraph_open"]
    return blocks + [t.type for t in inline if t.type not in plain and t.content != "<br>"]


def test_markdown_has_a_title_each_question_as_a_heading_and_the_actions_as_a_table():
    md = record_markdown(talk_record(), TALK, "Alice Smith")
    assert md.startswith("# Alice Smith: Career aspiration discussion, 2026-11-26\n")
    for n, question in enumerate(TALK.questions, 1):
        assert f"## {n}. {question.text}" in md.replace("\\", "")
    assert "| 1 | Run the guild | 2 sessions a month | 2027-06-30 |" in md
    assert "| 2 | Delegate releases | Bob runs two | - |" in md
    assert structure(md).count("heading_open") == 10  # the title and the nine questions
    assert structure(md).count("table_open") == 1


HOSTILE = [
    "# Not a heading\n## nor this",
    "| a | b |\n| --- | --- |\n| c | d |",
    "* not\n* a list\n- nor\n1. this",
    "```\ncode fence\n```",
    "`tick` and **bold** and _under_ and [link](http://x) and <b>html</b>",
    "> quote\n---\n===\n    indented code",
    "line one\\\nback\\slash\\",
    "Title\n===\nSub\n-\n* * *\n_ _ _\n+ plus\n2) two\n#\n-",
    "~~~\nfenced\n~~~\n\t\ttabbed code\n    > quoted",
    "[ref]: http://x\n[ref]\n<div>\nhtml block\n</div>\n<!-- comment -->",
    "a | b\n--|--\n:-: | -:\n|---|",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_syntax_in_answers_cannot_change_the_document_structure(text):
    plain = record_markdown(talk_record(), TALK, "Alice")
    hostile = talk_record(
        core_strength=text,
        actions=(Action(action=text, measure=text), Action(action=text, measure=text, due=date(2027, 1, 1))),
    )
    md = record_markdown(hostile, TALK, "Alice")
    assert structure(md) == structure(plain)


def test_markdown_keeps_every_word_of_a_hostile_answer_visible():
    md = record_markdown(talk_record(core_strength="# Big | *bold* `x`"), TALK, "Alice")
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "# Big | *bold* `x`" in html


def test_the_team_round_trips(home):
    store = Store(home)
    team = Team.model_validate({"members": {"alice": {"name": "Alice", "cadence_months": 6}}})
    store.team.write(team)
    assert store.team.read() == team
    assert "cadence_months = 6" in store.team.path.read_text()


def test_a_record_from_an_older_version_of_the_set_stays_readable_when_a_question_is_added(home):
    store = Store(home)
    path = store.records.write(talk_record(), "md")
    extra = {"id": "mentor", "text": "Who could mentor you?", "kind": "long_text"}
    grown = TALK.model_validate(
        {
            **TALK.model_dump(),
            "version": TALK.version + 1,
            "questions": [*TALK.model_dump()["questions"], extra],
        }
    )
    assert store.records.read(path, grown).answers["core_strength"] == "Architecture"
    same_version = grown.model_copy(update={"version": TALK.version})
    with pytest.raises(BadFile, match="mentor: an answer is required"):
        store.records.read(path, same_version)
