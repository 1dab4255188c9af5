"""The employee's own words: the answers they gave in the form `aspire invite` wrote, before the
talk, kept in the record beside what was agreed (`own_words`), never mixed into it.

A returned form is an answers file with a `[form]` table saying whose it is and which questions it
answers; an answer left empty is no answer (an employee may skip any question).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aspire_cli.errors import BadInput
from aspire_cli.safe_text import one_line

if TYPE_CHECKING:  # not loaded at run time: show and history read own words without pydantic
    from aspire_cli.domain.questions import Action, Answer, QuestionSet

FORM = "form"  # the table of a returned form (and of any answers file) that says whose it is
FORM_KEYS = ("employee", "question_set", "version", "sent")
THEIR_WORDS = "In their words"
THE_SAME = "the same"  # their own answer, where the agreed one says no other


def check_form(table: object, employee: str, qset: QuestionSet, source: str) -> None:
    """Refuse a form written for someone else, or for other questions than this talk asks; a file
    without a [form] table (an answers file written by hand) is not checked."""
    if table is None:
        return
    if not isinstance(table, dict):
        raise BadInput(f"{source}: form: must be a table ([form] with employee, question_set, version)")
    unknown = [str(key) for key in table if key not in FORM_KEYS]
    if unknown:
        raise BadInput(
            f"{source}: form: unknown key '{one_line(unknown[0])[:40]}'; known: {', '.join(FORM_KEYS)}"
        )
    whose = table.get("employee")
    if whose != employee:
        raise BadInput(
            f"{source} is the form of '{one_line(str(whose))[:64]}', not of {employee}: "
            "check you picked the right file"
        )
    set_id, version = table.get("question_set"), table.get("version")
    if set_id != qset.id or version != qset.version:
        raise BadInput(
            f"{source} answers version {one_line(str(version))[:10]} of the '{one_line(str(set_id))[:40]}' "
            f"questions; this talk asks version {qset.version} of '{qset.id}': "
            f"send a new form with: aspire invite {employee}"
        )


def without_blanks(qset: QuestionSet, raw: dict[str, object]) -> dict[str, object]:
    """The form's answers less those left empty: blank text, no choice, an action row left blank."""
    from aspire_cli.domain.questions import Kind

    kept: dict[str, object] = {}
    for key, value in raw.items():
        question = next((q for q in qset.questions if q.id == key), None)
        if question is not None and question.kind is Kind.actions and isinstance(value, list):
            value = [row for row in value if not _blank_row(row)]
            if not value:
                continue
        elif isinstance(value, str) and not value.strip():
            continue
        kept[key] = value
    return kept


def _blank_row(row: object) -> bool:
    if not isinstance(row, dict):
        return False
    return all(isinstance(v, str) and not v.strip() for v in row.values())


def answer_text(answer: Any) -> str:
    """An answer as one text: a list of actions one per line, numbered, with its measure and due
    date. Takes a stored answer (Action models) or the index's JSON (dicts) alike."""
    if isinstance(answer, str):
        return answer
    lines = []
    for place, fields in enumerate(_fields(answer), 1):
        due = f"; due {fields['due']}" if fields.get("due") else ""
        lines.append(
            f"{fields.get('number') or place}. {fields['action']}  (measure: {fields['measure']}{due})"
        )
    return "\n".join(lines)


def their_words(theirs: Any, agreed: Any) -> str:
    """Their own answer as shown beside the agreed one: its text, or that it was the same."""
    return answer_text(theirs) if differs(theirs, agreed) else THE_SAME


def differs(theirs: Any, agreed: Any) -> bool:
    """Whether their own answer says something other than the agreed one (spaces and action
    numbers aside)."""
    if isinstance(theirs, str) or isinstance(agreed, str) or agreed is None:
        return _words(theirs) != _words(agreed or "")
    said = [(_words(f["action"]), _words(f["measure"]), f.get("due")) for f in _fields(theirs)]
    return said != [(_words(f["action"]), _words(f["measure"]), f.get("due")) for f in _fields(agreed)]


def _fields(actions: Any) -> list[dict[str, Any]]:
    return [item if isinstance(item, dict) else item.model_dump(mode="json") for item in actions]


def _words(text: Any) -> str:
    return " ".join(answer_text(text).split())


def proposals(answer: Answer | None) -> list[Action]:
    """Their actions, the proposals for the talk's actions question."""
    return list(answer) if isinstance(answer, tuple) else []
