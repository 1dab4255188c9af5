from pathlib import Path

import pytest

from aspire_cli.domain.questions import Kind
from aspire_cli.errors import BadFile, BadInput
from aspire_cli.storage.question_sets import load_question_set

PREP_IDS = [
    "potential",
    "potential_level",
    "readiness",
    "development",
    "strengths",
    "short_term_needs",
    "next_assignment",
]
TALK_IDS = [
    "short_term_aspiration",
    "long_term_aspiration",
    "aspiration_level",
    "knows_path",
    "willing",
    "core_strength",
    "development_area",
    "actions",
    "next_assignment_wish",
]


LEVELS = ("current role", "one level up", "two or more levels up", "senior leadership", "expert track")


def test_the_shipped_prep_set_has_the_seven_questions_in_order_with_guidance():
    qset = load_question_set("prep")
    assert qset.version == 2
    assert [q.id for q in qset.questions] == PREP_IDS
    assert all(q.required and q.guidance for q in qset.questions)
    choices = {q.id for q in qset.questions if q.kind is Kind.choice}
    assert choices == {"potential_level", "readiness"}
    assert all(q.kind is Kind.long_text for q in qset.questions if q.id not in choices)
    assert qset.question("potential").text == "What does this individual's ultimate potential look like?"
    assert qset.question("potential_level").choices == LEVELS
    assert qset.question("readiness").choices == ("ready now", "1-2 years", "3-5 years")


def test_the_shipped_talk_set_has_the_nine_questions_with_choices_and_actions():
    qset = load_question_set("talk")
    assert qset.version == 2
    assert [q.id for q in qset.questions] == TALK_IDS
    assert all(q.required and q.guidance for q in qset.questions)
    assert qset.question("aspiration_level").choices == LEVELS  # the prep's scale: aim and view compare
    assert qset.question("willing").choices == ("yes", "partly", "no")
    assert qset.question("actions").kind is Kind.actions


def write_set(folder: Path, body: str) -> Path:
    path = folder / "custom.toml"
    path.write_text('id = "custom"\nversion = 1\ntitle = "Custom"\n' + body, encoding="utf-8")
    return path


def test_a_reworded_or_added_question_needs_no_code(tmp_path):
    write_set(tmp_path, '[[questions]]\nid = "mood"\ntext = "How are you?"\nkind = "long_text"\n')
    qset = load_question_set("custom", tmp_path)
    assert qset.question("mood").text == "How are you?"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('[[questions]]\nid = "mood"\ntext = "How?"\nkind = "poem"\n', "questions[0] (mood).kind"),
        ('[[questions]]\nid = "pick"\ntext = "Which?"\nkind = "choice"\n', "questions[0] (pick): "),
        ('[[questions]]\nid = "Bad Id"\ntext = "x"\nkind = "long_text"\n', "questions[0] (Bad Id).id"),
        ('[[questions]]\nid = "a"\nkind = "long_text"\n', "questions[0] (a).text: required, but missing"),
        (
            '[[questions]]\nid = "a"\ntext = "x"\nkind = "long_text"\n'
            '[[questions]]\nid = "a"\ntext = "y"\nkind = "long_text"\n',
            "appears twice",
        ),
    ],
)
def test_a_broken_set_names_the_file_the_question_and_the_field(tmp_path, body, expected):
    path = write_set(tmp_path, body)
    with pytest.raises(BadFile) as caught:
        load_question_set("custom", tmp_path)
    assert str(path) in caught.value.message
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_a_set_that_is_not_toml_names_the_file_and_line(tmp_path):
    path = write_set(tmp_path, "[[questions]\n")
    with pytest.raises(BadFile, match=r"custom\.toml: not valid TOML: .*line 4"):
        load_question_set("custom", tmp_path)
    assert path.exists()


def test_answers_are_checked_by_their_questions():
    qset = load_question_set("talk")
    with pytest.raises(BadInput, match="willing: must be one of: yes, partly, no"):
        qset.validate_answers({"willing": "maybe"}, complete=False)
    with pytest.raises(BadInput, match="actions: needs at least one action"):
        qset.validate_answers({"actions": []}, complete=False)
    with pytest.raises(BadInput, match="core_strength: is required"):
        qset.validate_answers({"core_strength": "   \n"}, complete=False)
    with pytest.raises(BadInput, match="unknown question id 'mood'"):
        qset.validate_answers({"mood": "fine"}, complete=False)
    with pytest.raises(BadInput, match="short_term_aspiration: an answer is required"):
        qset.validate_answers({})
