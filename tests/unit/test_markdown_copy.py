"""The Markdown copy of a record reads as the answers were typed, yet no answer can change its structure."""

import unicodedata
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from support.records_factory import talk_record

from aspire_cli.domain.questions import Action
from aspire_cli.safe_text import one_line, visible
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.views.record_text import record_markdown

TALK = load_question_set("talk")
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
LONG_TEXT = [q.id for q in TALK.questions if q.kind.value == "long_text"]
ACTIONS_SECTION = str(1 + [q.id for q in TALK.questions].index("actions"))

PROSE = [
    "Lead a small team - soon, e.g. 2-3 people; R&D | ops",
    "Grow into a staff role: 1-2 years, maybe 3 (50% chance!) + a mentor",
    "Use snake_case names; 5 * 3 = 15; a < b > c; C:\\Users\\me; 8-10 hrs/week",
    "Own the CI/CD pipeline & on-call rota #2 -- see the wiki: ops ~ fine? {maybe}",
    'She said "ship it" and it shipped... 100% = done = good; Q3/Q4 = next',
]


def answer_markdown(text: str, name: str = "Alice") -> str:
    return record_markdown(talk_record(core_strength=text), TALK, name)


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_is_written_as_typed(text, home):
    store = Store(home)
    record = talk_record(core_strength=text)
    path = store.records.write(record, record_markdown(record, TALK, "Alice"))
    assert f"\n{text}\n" in path.with_suffix(".md").read_text(encoding="utf-8")


def test_markup_is_escaped_only_where_it_could_make_something():
    md = answer_markdown("# Plan\n- one\n1. two\nmid-line # - 1. > stay; a_b_c\n*bold* `x` [a](b) <b> &amp;")
    assert "\\# Plan \\\n\\- one \\\n1\\. two \\\nmid-line # - 1. > stay; a_b_c \\\n" in md
    assert "\\*bold\\* \\`x\\` \\[a](b) \\<b> \\&amp;\n" in md


def test_lines_and_paragraphs_are_kept_and_only_their_edge_spaces_dropped():
    md = answer_markdown("First line   \n    indented\n\n\n\tSecond paragraph  \n")
    html = GFM.render(md)
    assert "<p>First line \\\nindented</p>\n<p>Second paragraph</p>" in GFM.render(md).replace("<br />", "\\")
    assert "<pre>" not in html


def test_a_pipe_or_a_newline_in_an_action_stays_inside_its_table_cell():
    action = Action(action="Pair | review\nthen ship", measure="- fewer bugs\n\n  | x |")
    md = record_markdown(talk_record(actions=(action,)), TALK, "Alice")
    assert "| 1 | Pair \\| review<br>then ship | - fewer bugs<br>\\| x \\| | - |" in md


def test_a_trailing_hash_in_a_question_is_not_taken_for_the_heading_end():
    grown = TALK.model_copy(update={"questions": (TALK.questions[0].model_copy(update={"text": "Rank ##"}),)})
    md = record_markdown(talk_record(), grown, "Alice")
    assert "<h2>1. Rank ##</h2>" in GFM.render(md)


def test_control_characters_in_answers_and_names_are_written_as_visible_escapes():
    md = answer_markdown("\x1b]0;pwned\x07 then\r\x1b[2J", name="Al\x1b[31mice\n")
    assert "\\x1b]0;pwned\\x07 then\\r\\x1b\\[2J" in md
    assert md.startswith("# Al\\x1b\\[31mice\\n: Career")
    assert not {"\x1b", "\x07", "\r"} & set(md)


def sections(markdown: str) -> dict[str, list[Token]]:
    """The inline content under the title ("0") and each `## n.` heading ("n"): paragraphs and cells."""
    tokens = GFM.parse(markdown)
    found: dict[str, list[Token]] = {}
    for before, token in pairwise(tokens):
        if before.type == "heading_open":
            found[token.content.split(".")[0] if before.tag == "h2" else "0"] = [token]
        elif token.type == "inline":
            found[list(found)[-1]].append(token)
    return found


def shown(inline: Token) -> str:
    """What a reader sees of inline content; any formatting shows up as its token type, so it cannot pass."""
    parts = []
    for child in inline.children or []:
        if child.type == "text":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and child.content == "<br>"
        ):
            parts.append("\n")
        else:
            parts.append(f"<{child.type}>")
    return "".join(parts)


def words(text: str) -> str:
    return " ".join(text.split())


# Any text, and text made mostly of what Markdown reads as syntax.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
PIECES = [*"#>-+*_~`[]()<>!&;|\\:=. \n\t19ax\x1b", "&amp;", "&#35;", "<b>", "```", "    ", "**", "~~"]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
ANSWER = st.one_of(ANY_TEXT, MARKDOWNISH).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANSWER, action=ANSWER, measure=ANSWER, name=ANY_TEXT)
@example(text="a*\nb*c _d_ ~~e~~ ~f~ **g\n**", action="\\|x|\\", measure="*<br>*", name="*Al* [x]")
@example(text="x\\\n\\", action="&#1; &x; &", measure="<http://a> <!-- c -->", name="1. #")
def test_every_answer_reads_in_the_rendered_markdown_exactly_as_shown_and_unformatted(
    text, action, measure, name
):
    record = talk_record(**dict.fromkeys(LONG_TEXT, text), actions=(Action(action=action, measure=measure),))
    found = sections(record_markdown(record, TALK, name))
    title = f"{one_line(name).strip(' ')}: Career aspiration discussion, 2026-11-26"
    assert words(shown(found["0"][0])) == words(title)
    for number, question in enumerate(TALK.questions, 1):
        if question.id in LONG_TEXT:
            answer = "\n".join(shown(paragraph) for paragraph in found[str(number)][1:])
            assert words(answer) == words(visible(record.answers[question.id])), question.id
    cells = [shown(cell) for cell in found[ACTIONS_SECTION][1:]]
    row = ["1", words(visible(action)), words(visible(measure)), "-"]
    assert [words(cell) for cell in cells] == ["#", "Action", "Measure", "Due", *row]


def is_control(char: str) -> bool:
    return (
        unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")
        or "\u202a" <= char <= "\u202e"
        or ("\u2066" <= char <= "\u2069")
    )


CONTROLS = st.text(st.characters(categories=["Cc", "Zl", "Zp"]) | st.sampled_from("\u202e\u2067a \n"))


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(ANSWER, CONTROLS.filter(str.strip)), action=ANSWER, name=st.one_of(ANY_TEXT, CONTROLS))
def test_no_answer_or_name_leaves_a_control_character_other_than_newline_in_the_markdown(text, action, name):
    record = talk_record(core_strength=text, actions=(Action(action=action, measure=action),))
    md = record_markdown(record, TALK, name)
    assert not [char for char in md if char != "\n" and is_control(char)]
