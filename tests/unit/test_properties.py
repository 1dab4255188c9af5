"""Property-based: whatever an answer or an id contains, it round-trips or is refused safely.

A text answer loses only the blank lines and spaces at its end; everything else is kept exactly.
"""

import os
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from support.records_factory import talk_record

from aspire_cli.domain.ids import check_employee_id, is_employee_id
from aspire_cli.domain.models import Record
from aspire_cli.errors import BadInput
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.storage.toml_write import toml_text
from aspire_cli.views.record_text import record_markdown

TALK = load_question_set("talk")
# Every Unicode category except lone surrogates, which no UTF-8 file can hold (the tool refuses them).
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
ANSWER = ANY_TEXT.filter(lambda s: s.strip())


def talk(text: str, action: str, measure: str) -> Record:
    texts = {q.id: text for q in TALK.questions if q.kind.value == "long_text"}
    return talk_record(**texts, actions=[{"action": action, "measure": measure, "due": date(2027, 2, 28)}])


@settings(max_examples=300, deadline=None)
@given(text=ANSWER, action=ANSWER, measure=ANSWER)
@example(text='"""\\\r\n# [x] | `y` \t  ', action="🎉 emoji \U0010fffd", measure="trailing   \n\n")
@example(text="a = 1\n[answers]\n[[answers.actions]]\n", action="\x00\x1b[31m", measure="\u2028\ufeff")
def test_any_answer_round_trips_through_toml_and_the_models_losing_only_trailing_blanks(
    text, action, measure
):
    record = talk(text, action, measure)
    again = Record.model_validate(tomllib.loads(toml_text(record.to_toml_data())))
    assert again == record
    assert again.answers["core_strength"] == text.rstrip()  # a text answer: leading and inner blanks kept
    assert again.answers["actions"][0].measure == measure  # an action is kept exactly as typed


def test_a_100_kb_answer_round_trips_through_the_store(home):
    text = ("Grow the platform team. " * 4200 + "\nend with spaces   ")[:100_000]
    store = Store(home)
    path = store.records.write(talk(text, "a", "b"), "md")
    assert store.records.read(path, TALK).answers["development_area"] == text


def structure(markdown: str) -> list[str]:
    """Blocks (headings, lists, code, tables...) and inline formatting (links, emphasis, HTML); no text."""
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    blocks = [t.type for t in tokens if t.type.endswith("_open") and t.type != "paragraph_open"]
    inline = [child for t in tokens for child in t.children or []]
    plain = ("text", "softbreak", "hardbreak")
    return blocks + [t.type for t in inline if t.type not in plain and t.content != "<br>"]


BASELINE = structure(record_markdown(talk("plain", "plain", "plain"), TALK, "Alice"))
# Text made mostly of what Markdown reads as syntax, so that syntax meets syntax in every order.
PIECES = [*"#>-+*_~`[]()<>!&;|\\:=. \n\t19ax", "&amp;", "<b>", "```", "    ", "**", "~~", "<br>"]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=40).map("".join).filter(lambda s: s.strip())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=ANSWER | MARKDOWNISH,
    action=ANSWER | MARKDOWNISH,
    measure=ANSWER | MARKDOWNISH,
    name=ANY_TEXT | MARKDOWNISH,
)
@example(text="#\n---\n1) x\n+ y\n    code\n<div>", action="a|b\\|c", measure="```", name="[x]: /y")
@example(text="[a]\n\n[a]: /u", action="*a*", measure="~~b~~", name="<http://x>")
@example(text="Plan\n===", action="a", measure="b", name="c")  # a paragraph's last line has no hard break
@example(text="Plan\n\n| a | b |\n| - | - |", action="a", measure="b", name="c")
def test_no_answer_can_change_the_markdown_structure(text, action, measure, name):
    markdown = record_markdown(talk(text, action, measure), TALK, name)
    assert structure(markdown) == BASELINE


@settings(max_examples=500)
@given(candidate=st.one_of(ANY_TEXT, st.from_regex(r"[a-z0-9./\\-]{1,12}", fullmatch=True)))
@example(candidate="..")
@example(candidate="../etc")
@example(candidate="a/../../b")
@example(candidate="alice\n")
@example(candidate="/abs")
def test_an_accepted_employee_id_cannot_escape_the_home_folder(candidate):
    home = Path("/srv/aspire-home")
    store = Store(home)
    if not is_employee_id(candidate):
        with pytest.raises(BadInput):
            check_employee_id(candidate)
        return
    for path, parent in [
        (store.records.folder(candidate), home / "records"),
        (store.drafts.path(candidate, "talk"), home / "drafts"),
    ]:
        assert Path(os.path.normpath(path)).parent == parent  # what the OS would open
        assert path.name.startswith(candidate)
    assert candidate.isascii() and candidate.isprintable() and "/" not in candidate and ".." not in candidate
