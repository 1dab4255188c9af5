"""The employee's answers form as text (views/answers_form.py): a page that loads nothing from
anywhere and runs only its own script and style (its Content-Security-Policy names their hashes), in
which a hostile question set's text is escaped, never markup or script; and the TOML template, which
parses, and once filled in is answers the talk's questions accept. (How the page behaves in a browser:
tests/e2e/test_answers_form_in_browser.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tomllib
from datetime import date
from html.parser import HTMLParser

import pytest
from support.forms import plain

from aspire_cli.domain.questions import QuestionSet
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.views.answers_form import answers_template, file_name, form_page

SENT = date(2026, 12, 3)
FORM_TABLE = {"employee": "alice", "question_set": "talk", "version": 2, "sent": SENT}
HOSTILE = "</script><script>alert(1)</script>\x1b]0;owned\x07\u202e<b>bold</b>\r\nforged"


class Parsed(HTMLParser):
    """Every tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.inside: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag if tag in self.inside else None

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.inside[self._open].append(data)


@pytest.fixture(scope="module")
def talk() -> QuestionSet:
    return load_question_set("talk")


def hostile_set() -> QuestionSet:
    return QuestionSet.model_validate(
        {
            "id": "talk",
            "version": 2,
            "title": HOSTILE,
            "intro": HOSTILE,
            "questions": [
                {"id": "wish", "text": HOSTILE, "guidance": HOSTILE, "kind": "long_text"},
                {
                    "id": "pick",
                    "text": HOSTILE,
                    "guidance": HOSTILE,
                    "kind": "choice",
                    "choices": [HOSTILE, "b"],
                },
                {"id": "actions", "text": HOSTILE, "guidance": HOSTILE, "kind": "actions"},
            ],
        }
    )


def test_the_page_loads_nothing_from_anywhere(talk):
    page = form_page(plain(talk), "alice", "Alice Smith", SENT)
    parsed = Parsed(page)
    tags = {tag for tag, _ in parsed.tags}
    assert not tags & {"link", "img", "iframe", "object", "embed", "base", "form", "audio", "video", "source"}
    fetching = [
        (tag, attr) for tag, attrs in parsed.tags for attr in attrs if attr in {"src", "href", "action"}
    ]
    assert fetching == []
    assert "://" not in page and "url(" not in page and "@import" not in page
    assert parsed.tags[0] == ("html", {"lang": "en"})


def test_the_policy_allows_only_the_page_s_own_script_and_style_by_their_hash(talk):
    page = form_page(plain(talk), "alice", "Alice Smith", SENT)
    parsed = Parsed(page)
    [policy] = [
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    [script], [style] = parsed.inside["script"], parsed.inside["style"]
    directives = dict(d.strip().split(" ", 1) for d in (policy or "").split(";"))

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives == {
        "default-src": "'none'",
        "script-src": digest(script),
        "style-src": digest(style),
        "form-action": "'none'",
        "base-uri": "'none'",
    }
    assert [t for t, _ in parsed.tags].index("meta") < [t for t, _ in parsed.tags].index("style")
    assert not [
        attrs for _, attrs in parsed.tags if "style" in attrs or any(a.startswith("on") for a in attrs)
    ]


def test_a_hostile_question_set_and_name_come_out_escaped_never_as_markup_or_control_characters():
    page = form_page(plain(hostile_set()), "alice", HOSTILE, SENT)
    parsed = Parsed(page)
    assert page.count("<script") == 1 and page.count("</script>") == 1  # the page's own, alone
    assert [t for t, _ in parsed.tags].count("b") == 0
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202e]", page)  # newlines alone
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\x1b]0;owned\\x07\\u202e" in page
    [script] = parsed.inside["script"]
    data = json.loads(re.search(r"const FORM = (.*);\n", script)[1])
    assert data["questions"][1]["choices"] == [HOSTILE, "b"]  # written back exactly as the set has it
    assert tomllib.loads(data["form"]) == {"form": FORM_TABLE}
    assert data["file"] == "alice-2026-12-03-answers.toml" == file_name("alice", SENT)


def filled(template: str) -> str:
    """The template as an employee fills it in: every answer given, the action example taken in."""
    text = re.sub(r'^(\w+) = ""$', r'\1 = "an answer"', template, flags=re.M)
    text = text.replace('aspiration_level = "an answer"', 'aspiration_level = "expert track"')
    text = text.replace('willing = "an answer"', 'willing = "partly"')
    return re.sub(r"^# (\[\[actions\]\]|action = |measure = |due = )", r"\1", text, flags=re.M)


def test_the_template_parses_and_once_filled_in_the_talk_s_questions_accept_it(talk):
    template = answers_template(plain(talk), "alice", "Alice Smith", SENT)
    empty = tomllib.loads(template)
    assert empty.pop("form") == FORM_TABLE
    assert list(empty) == [q.id for q in talk.questions if q.kind != "actions"]
    assert set(empty.values()) == {""}
    data = tomllib.loads(filled(template))
    assert data.pop("form") == FORM_TABLE
    answers = talk.validate_answers(data, complete=False)
    assert answers["aspiration_level"] == "expert track"
    [action] = answers["actions"]
    assert (action.action, action.measure, action.due) == (
        "What you will do",
        "How you will tell it worked",
        date(2027, 12, 1),
    )
    comments = " ".join(line.lstrip("#").strip() for line in template.splitlines() if line.startswith("#"))
    for number, question in enumerate(talk.questions, 1):  # each question and its guidance, in comments
        assert (
            f"{number}. {question.text}" in comments
            and (question.employee_guidance or question.guidance) in comments
        )
    assert 'Choose one: "yes", "partly", "no"' in comments
    assert max(len(line) for line in template.splitlines()) <= 80  # an editor in a terminal of 80


def test_a_hostile_question_set_and_name_stay_inside_the_template_s_comments():
    template = answers_template(plain(hostile_set()), "alice", HOSTILE, SENT)
    data = tomllib.loads(template)  # no new line in a text ended a comment early
    assert data == {"wish": "", "pick": "", "form": {**FORM_TABLE}}
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", template)
    assert all(
        line == "" or line.startswith("#") or " = " in line or line == "[form]"
        for line in template.splitlines()
    )
