"""The form an employee answers the talk's questions in before the talk: one self-contained HTML page
(`form_page`), opened from a file, offline, and the same as a plain TOML template for an editor
(`answers_template`). Both give back exactly the answers file `aspire talk --answers` reads, with a
[form] table last that says whose answers they are and to which question set.

Every text in them comes from a question set or a name, which may arrive from a synced remote: shown
with its control characters made visible (safe_text) and HTML-escaped in the page, written as a TOML
comment on one line in the template; what the page's script needs (ids, kinds, the choices as they
must be written back) is embedded as JSON with `<`, `>` and `&` escaped, so it cannot close the script.
The page loads nothing from anywhere: its style and script are its own, allowed by their sha256 hash
(answers_form.css and answers_form.js beside this module), and its policy allows nothing else.
"""

from __future__ import annotations

import base64
import json
import textwrap
from datetime import date
from pathlib import Path

try:  # Python's own SHA-256: hashlib loads OpenSSL first, some 10 ms of every invite
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # a Python that does not build it in (3.12 names it _sha2)
    from hashlib import sha256

from aspire_cli.safe_text import one_line
from aspire_cli.storage.plain_questions import PlainQuestion, PlainSet
from aspire_cli.storage.toml_write import toml_text
from aspire_cli.views.html_page import page_head
from aspire_cli.views.share_document import escape, long_date

FIRST_ROWS = 3  # action rows on the page before "Add another action"
_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def file_name(employee: str, sent: date) -> str:
    """The name the page saves the answers as: alice-2026-12-03-answers.toml."""
    return f"{employee}-{sent.isoformat()}-answers.toml"


def form_table(qset: PlainSet, employee: str, sent: date) -> str:
    """The [form] table that ends the answers: whose they are, to which set and version, sent when."""
    form = {"employee": employee, "question_set": qset.id, "version": qset.version, "sent": sent}
    return toml_text({"form": form})


def form_page(qset: PlainSet, employee: str, name: str, sent: date) -> str:
    """The page: an intro, one field per question in order, and Save my answers."""
    style = _asset("answers_form.css")
    script = _asset("answers_form.js").replace("__FORM__", _script_data(qset, employee, sent), 1)
    title = f"Your answers before your career discussion: {escape(one_line(name))}"
    parts = [
        *page_head(title, style, _policy(script, style)),
        "<main>",
        f"<h1>Before your career discussion, {escape(one_line(name))}</h1>",
        *_intro(file_name(employee, sent), sent),
        *(line for number, q in enumerate(qset.questions, 1) for line in _question(q, number)),
        *_save_section(),
        "</main>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _asset(name: str) -> str:
    """The page's style or script, beside this module (importlib.resources would cost invite more
    than all it reads)."""
    return Path(__file__).with_name(name).read_text(encoding="utf-8")


def _script_data(qset: PlainSet, employee: str, sent: date) -> str:
    """What the script needs, as JSON that cannot end the script it sits in (nor a line of it)."""
    data = {
        "file": file_name(employee, sent),
        "sent": sent.isoformat(),
        "form": form_table(qset, employee, sent),
        "questions": [
            {"id": q.id, "number": n, "kind": q.kind, "choices": list(q.choices)}
            for n, q in enumerate(qset.questions, 1)
        ],
    }
    return json.dumps(data, ensure_ascii=True).translate(_JSON_IN_SCRIPT)  # U+2028/9 as \u escapes too


def _policy(script: str, style: str) -> str:
    """Nothing loaded, nothing sent: only this page's own script and style, by their hash."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(sha256(text.encode()).digest()).decode() + "'"

    return (
        f"default-src 'none'; script-src {digest(script)}; style-src {digest(style)}; "
        "form-action 'none'; base-uri 'none'"
    )


def _intro(saved_as: str, sent: date) -> list[str]:
    return [
        f'<p class="sent">Prepared for you on {long_date(sent)}.</p>',
        "<p>Your leader will ask you these questions in your career aspiration discussion. Answering"
        " them here first gives you time to think; what you write is where the conversation starts,"
        " and you can change your mind in it.</p>",
        "<p>Your answers are private to you and your leader. This page sends nothing anywhere: it"
        " works without a network, and what you type stays on your computer until you send it.</p>",
        "<p>Answer as many questions as you like: any you leave empty are left for the conversation."
        " When you are done, press <strong>Save my answers</strong> at the end of the page. Your"
        f" browser saves a file named <code>{saved_as}</code> (usually in your Downloads folder):"
        " send that file to your leader.</p>",
        "<noscript><p><strong>This browser runs no scripts on this page, so it cannot save your"
        " answers.</strong> Use the plain-text version of this form that came with it instead (a"
        " .toml file to fill in with any text editor).</p></noscript>",
    ]


def _question(q: PlainQuestion, number: int) -> list[str]:
    text = f"{number}. {escape(one_line(q.text))}"
    said = q.for_employee  # the guidance written for them, else the leader's
    guidance = f'<p class="guidance" id="q-{q.id}-guidance">{escape(said)}</p>' if said else ""
    described = f' aria-describedby="q-{q.id}-guidance"' if said else ""
    if q.kind == "long_text":
        return [
            '<div class="question">',
            f'<label for="q-{q.id}">{text}</label>',
            guidance,
            f'<textarea id="q-{q.id}" rows="5"{described}></textarea>',
            "</div>",
        ]
    lines = [f'<fieldset class="question"{described}>', f"<legend>{text}</legend>", guidance]
    if q.kind == "choice":
        lines += _choices(q)
    else:
        lines += [
            '<p class="hint">Each action needs a way to tell it worked (a measure); a due date is'
            " optional.</p>",
            f'<div class="rows" id="q-{q.id}-rows">',
            *(line for row in range(1, FIRST_ROWS + 1) for line in _action_row(q.id, row)),
            "</div>",
            f'<button type="button" class="add" id="q-{q.id}-add" aria-controls="q-{q.id}-rows">'
            "Add another action</button>",
        ]
    return [*lines, "</fieldset>"]


def _choices(q: PlainQuestion) -> list[str]:
    """A radio button per choice, after one to leave the question unanswered (checked at first: a
    choice made can be taken back). The value is the choice's place; the script writes the choice."""
    options = [("", "No answer yet"), *((str(i), escape(one_line(c))) for i, c in enumerate(q.choices))]
    return [
        f'<div class="choice"><input type="radio" name="q-{q.id}" id="q-{q.id}-{n}" value="{value}"'
        f'{" checked" if n == 0 else ""}><label for="q-{q.id}-{n}">{label}</label></div>'
        for n, (value, label) in enumerate(options)
    ]


def _action_row(question_id: str, row: int) -> list[str]:
    """One action's three fields; "Add another action" copies the last row and numbers it on."""
    field = f"q-{question_id}-{row}"
    return [
        '<fieldset class="row">',
        f"<legend>Action {row}</legend>",
        f'<label for="{field}-action">What will you do?</label>',
        f'<input type="text" id="{field}-action" data-part="action">',
        f'<label for="{field}-measure">How will you tell it worked?</label>',
        f'<input type="text" id="{field}-measure" data-part="measure">',
        f'<label for="{field}-due">Due date (optional)</label>',
        f'<input type="date" id="{field}-due" data-part="due">',
        "</fieldset>",
    ]


def _save_section() -> list[str]:
    return [
        '<div class="save">',
        '<div id="problems" role="alert"></div>',
        '<button type="button" id="save">Save my answers</button>',
        '<p id="status" role="status"></p>',
        '<div id="saved" hidden>',
        '<label for="copy">If your browser saved no file, copy this text into a new file and send'
        " that to your leader:</label>",
        '<textarea id="copy" rows="12" readonly></textarea>',
        "</div>",
        "</div>",
    ]


def answers_template(qset: PlainSet, employee: str, name: str, sent: date) -> str:
    """The same answers as a TOML file to fill in with a text editor: each question as comments above
    its `id = ""`, the actions as a commented example at the end (a [[table]] ends the plain keys, so
    it cannot sit between them), then the [form] table. No line is wider than 80 columns."""
    lines = [
        *_wrapped(f"Your answers before your career aspiration discussion, {one_line(name)}.", "# "),
        f"# Prepared for you on {long_date(sent)}. Private to you and your leader.",
        "#",
        *_wrapped(
            'Write each answer between the quotes after its question; leave any you want to skip as "". '
            'Inside the quotes write \\" for a quote and \\\\ for a backslash. For an answer of several '
            'lines, put three quotes on each side of it instead of one: """like this""". Then save the '
            "file and send it to your leader.",
            "# ",
        ),
    ]
    for number, q in enumerate(qset.questions, 1):
        if q.kind == "actions":
            lines += ["", *_wrapped(f"{number}. {one_line(q.text)}", "# ", "#    ")]
            lines.append("#    (answered at the end of this file)")
        else:
            lines += ["", *_comment(q, number), f'{q.id} = ""']
    for number, q in enumerate(qset.questions, 1):
        if q.kind == "actions":
            lines += ["", *_comment(q, number), *_action_example(q.id, sent)]
    return "\n".join(lines) + "\n\n" + form_table(qset, employee, sent)


def _wrapped(text: str, first: str, rest: str | None = None) -> list[str]:
    """`text` as comment lines of at most 80 columns, the first starting with `first`."""
    rest = first if rest is None else rest
    return [
        (rest if n else first) + line
        for n, line in enumerate(textwrap.wrap(text, 80 - len(rest), break_on_hyphens=False))
    ]


def _comment(q: PlainQuestion, number: int) -> list[str]:
    """The question, its guidance and its choices as comment lines (control characters shown)."""
    lines = _wrapped(f"{number}. {one_line(q.text)}", "# ", "#    ")
    if q.for_employee:
        lines += _wrapped(one_line(q.for_employee), "#    ")
    if q.choices:
        lines += _wrapped("Choose one: " + ", ".join(f'"{one_line(c)}"' for c in q.choices), "#    ")
    return lines


def _action_example(question_id: str, sent: date) -> list[str]:
    return [
        *_wrapped(
            "For each action, copy the four lines below, remove the # at their start and fill them "
            "in. Each action needs a measure; the due date is optional (YYYY-MM-DD, no quotes).",
            "#    ",
        ),
        "#",
        f"# [[{question_id}]]",
        '# action = "What you will do"',
        '# measure = "How you will tell it worked"',
        f"# due = {date(sent.year + 1, sent.month, 1).isoformat()}",
    ]
