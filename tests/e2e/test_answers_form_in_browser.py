"""The employee's answers form as a person uses it, in the system's Chromium (support/browser.py):
opened from a file, every field filled with the keyboard alone (Tab through the page, arrows for a
choice, Enter on "Add another action" and on "Save my answers"), and the file the browser saves is
exactly what was typed, in the answers-file format `talk --answers` reads. At 200% zoom nothing is cut
off and nothing scrolls sideways; leaving with unsaved answers asks first; a hostile question set's
text is shown, never run."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from support.browser import Browser, Tab
from support.forms import plain

from aspire_cli.domain.questions import QuestionSet
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.views.answers_form import form_page

SENT = date(2026, 12, 3)
FORM_TABLE = {"employee": "alice", "question_set": "talk", "version": 2, "sent": SENT}
TYPED = {  # long answers with new lines, quotes, a backslash, a tab, and text from beyond ASCII
    "short_term_aspiration": 'Lead a small team\nwithin two years, "properly"',
    "long_term_aspiration": "Directrice de l'ingénierie 🚀 \\ platform\n\n  indented line",
    "knows_path": "Partly: a sponsor, stretch work",
    "core_strength": "Architecture — systems thinking (設計)",
    "development_area": "Delegation",
    "next_assignment_wish": 'Own the pipeline; "end to end"\nand the on-call rota',
}
CHOSEN = {"aspiration_level": "senior leadership", "willing": "yes"}
ACTIONS: list[dict[str, str | date]] = [  # the fourth row is added with "Add another action"
    {"action": 'Run the "architecture" guild', "measure": "Two sessions a month", "due": date(2027, 3, 1)},
    {"action": "Hand releases to Bob", "measure": "Bob runs two alone"},
    {"action": "Mentor two juniors", "measure": "Weekly, then a review", "due": date(2027, 12, 31)},
    {"action": "Write the platform's ADRs ✍", "measure": "Ten published"},
]
ROW_FIELDS = ["q-actions-{}-action", "q-actions-{}-measure", "q-actions-{}-due"]
TAB_ORDER = [  # every control of the page, top to bottom; a choice is one stop (its checked radio)
    "q-short_term_aspiration",
    "q-long_term_aspiration",
    "q-aspiration_level-0",
    "q-knows_path",
    "q-willing-0",
    "q-core_strength",
    "q-development_area",
    *(field.format(row) for row in (1, 2, 3) for field in ROW_FIELDS),
    "q-actions-add",
    *(field.format(4) for field in ROW_FIELDS),
    "q-actions-add",
    "q-next_assignment_wish",
    "save",
]


@pytest.fixture(scope="module")
def browser():
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def talk() -> QuestionSet:
    return load_question_set("talk")


@pytest.fixture
def page(tmp_path: Path, talk: QuestionSet) -> Path:
    path = tmp_path / "alice-form.html"
    path.write_text(form_page(plain(talk), "alice", "Alice Smith", SENT), encoding="utf-8")
    return path


@pytest.fixture
def downloads(browser: Browser, tmp_path: Path) -> Path:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    browser.save_downloads_in(folder)
    return folder


def fill_with_the_keyboard(tab: Tab, talk: QuestionSet) -> tuple[list[str], list[str]]:
    """Tab from the top of the page to Save, doing at each control what a person would, then press
    Enter on Save. Returns the ids the focus went through, in order, and those of them drawn without
    a visible focus ring."""
    visited: list[str] = []
    unmarked: list[str] = []
    for _ in range(100):  # a bound, so that a focus trap fails the test instead of hanging it
        tab.press("Tab")
        here = tab.focused()
        if visited and visited[-1] == here:
            continue  # a date field's parts (month, day, year) are tab stops within one field
        visited.append(here)
        if not tab.evaluate(FOCUS_RING):
            unmarked.append(here)
        if here == "save":
            tab.press("Enter")
            return visited, unmarked
        if here == "q-actions-add" and "q-actions-4-action" not in visited:
            tab.press("Enter")  # a fourth row, whose first field takes the focus
            here = tab.focused()
            visited.append(here)
        _answer(tab, talk, here)
    raise AssertionError(f"never reached Save: {visited}")


# The focused element is drawn with an outline at least 2px wide, in a colour that is not transparent.
FOCUS_RING = """(() => { const s = getComputedStyle(document.activeElement);
  return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && s.outlineColor !== 'rgba(0, 0, 0, 0)';
})()"""


def _answer(tab: Tab, talk: QuestionSet, field: str) -> None:
    if field.startswith("q-actions-") and field != "q-actions-add":
        _, _, row, part = field.split("-")
        value = ACTIONS[int(row) - 1].get(part)
        if isinstance(value, date):
            for digit in value.strftime("%m%d%Y"):  # an English date field: month, day, year
                tab.press(digit)
        elif value:
            tab.type(value)
    elif field.endswith("-0") and field[2:-2] in CHOSEN:  # a choice's first radio: "No answer yet"
        question = talk.question(field[2:-2])
        tab.press("ArrowDown", times=question.choices.index(CHOSEN[question.id]) + 1)
    elif field[2:] in TYPED:
        tab.type(TYPED[field[2:]])


def test_every_field_filled_with_the_keyboard_is_saved_exactly_as_typed(browser, page, downloads, talk):
    tab = browser.open(page, 1024)
    visited, unmarked = fill_with_the_keyboard(tab, talk)
    assert browser.downloaded() == "alice-2026-12-03-answers.toml"
    assert visited == TAB_ORDER
    assert unmarked == []
    assert tab.errors() == []
    saved = (downloads / "alice-2026-12-03-answers.toml").read_text(encoding="utf-8")
    data = tomllib.loads(saved)
    assert data == {**TYPED, **CHOSEN, "actions": ACTIONS, "form": FORM_TABLE}
    question_order = [q.id for q in talk.questions if q.id != "actions"]
    assert list(data) == [*question_order, "actions", "form"]  # [form] last, as the reader wants it
    answers = talk.validate_answers({key: value for key, value in data.items() if key != "form"})
    assert answers["short_term_aspiration"] == TYPED["short_term_aspiration"]
    assert [action.action for action in answers["actions"]] == [a["action"] for a in ACTIONS]
    shown = tab.evaluate(
        "[document.getElementById('copy').value, document.getElementById('status').textContent]"
    )
    assert shown[0] == saved  # the same text to copy, where a browser saves no file
    assert "Saved as alice-2026-12-03-answers.toml" in shown[1]
    tab.close()


def type_then_save(tab: Tab, field: str, text: str) -> None:
    """`text` typed into the field `field`, then Enter on "Save my answers"."""
    tab.evaluate(f"document.getElementById({json.dumps(field)}).focus()")
    tab.type(text)
    tab.evaluate("document.getElementById('save').focus()")
    tab.press("Enter")


def test_answers_left_empty_are_left_out(browser, page, downloads):
    tab = browser.open(page, 1024)
    type_then_save(tab, "q-short_term_aspiration", "Only this one")
    name = browser.downloaded()
    assert tomllib.loads((downloads / name).read_text(encoding="utf-8")) == {
        "short_term_aspiration": "Only this one",
        "form": FORM_TABLE,
    }
    tab.close()


def test_an_action_without_a_measure_is_flagged_and_not_saved_until_it_has_one(browser, page, downloads):
    tab = browser.open(page, 1024)
    type_then_save(tab, "q-actions-2-action", "Hand releases to Bob")
    found = tab.evaluate("""({problems: document.getElementById('problems').innerText,
      invalid: [...document.querySelectorAll('[aria-invalid=true]')].map((e) => e.id),
      beside: [...document.querySelectorAll('[aria-invalid=true]')].map((e) => [e.nextElementSibling,
        document.getElementById(e.getAttribute('aria-describedby'))]).map(([under, read]) =>
        under === read && under.textContent),
      focused: document.activeElement.id, saved: document.getElementById('saved').hidden})""")
    assert found == {
        "problems": "Not saved yet:\n\nQuestion 8, action 2: say how you will tell it worked (each action"
        " needs a measure).",
        "invalid": ["q-actions-2-measure"],
        "beside": [  # said under the field too, and read out with it
            "Question 8, action 2: say how you will tell it worked (each action needs a measure)."
        ],
        "focused": "q-actions-2-measure",  # where the answer is missing, to type it at once
        "saved": True,
    }
    type_then_save(tab, "q-actions-2-measure", "Bob runs two alone")
    name = browser.downloaded()
    assert sorted(path.name for path in downloads.iterdir()) == [name]  # the first Save saved nothing
    saved = (downloads / name).read_text(encoding="utf-8")
    assert saved.startswith("[[actions]]\n")  # no blank line before the first table
    assert tomllib.loads(saved)["actions"] == [ACTIONS[1]]
    assert (
        tab.evaluate(
            "document.getElementById('problems').innerText + document.querySelectorAll("
            "'.problem, [aria-invalid], [id^=q-actions][aria-describedby]').length"
        )
        == "0"
    )
    tab.close()


def test_leaving_with_answers_not_saved_asks_first(browser, page, downloads):
    tab = browser.open(page, 1024)
    tab.press("Tab")
    tab.type("A thought worth keeping")
    browser.call("Page.close", tab.session)  # as closing the tab: the page's beforeunload runs
    asked = browser.wait_for("Page.javascriptDialogOpening", tab.session)
    assert asked["type"] == "beforeunload"
    browser.call("Page.handleJavaScriptDialog", tab.session, accept=False)  # stay
    assert (
        tab.evaluate("document.getElementById('q-short_term_aspiration').value") == "A thought worth keeping"
    )
    tab.evaluate("document.getElementById('save').click()")
    browser.downloaded()
    browser.call("Page.close", tab.session)  # saved: it closes without asking
    browser.wait_for("Target.detachedFromTarget", None, targetId=tab.target)
    assert browser.next_event("Page.javascriptDialogOpening", tab.session) is None


# Every label, legend, text and control that the browser drew past the window's right edge or left
# of its left edge, or whose text runs out of its own box; how many were measured; and how much
# wider than the window the page is (0 or less: no sideways scrolling).
CUT_OFF = """(() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  let measured = 0;
  for (const el of document.querySelectorAll('h1, p, label, legend, li, input, textarea, button, code')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0) continue;  // not shown (the copy before a save)
    measured += 1;
    const text = !['INPUT', 'TEXTAREA'].includes(el.tagName) && el.scrollWidth > el.clientWidth + 1;
    if (box.left < 0 || box.right > width || text) cut.push(el.id || el.textContent.slice(0, 40));
  }
  return {cut, measured, wider: document.documentElement.scrollWidth - window.innerWidth};
})()"""


@pytest.mark.parametrize("window", [640, 1280])
def test_at_200_percent_zoom_nothing_is_cut_off_and_nothing_scrolls_sideways(
    browser, page, downloads, window
):
    tab = browser.open(page, window // 2, scale=2)  # a window `window` pixels wide, zoomed to 200%
    tab.evaluate("document.getElementById('q-actions-add').click()")
    tab.evaluate("document.getElementById('q-actions-1-action').value = 'Guild'")
    tab.evaluate("document.getElementById('save').click()")  # the problems shown, then fixed and saved
    tab.evaluate("document.getElementById('q-actions-1-measure').value = 'Twice a month'")
    tab.evaluate("document.getElementById('save').click()")
    browser.downloaded()
    found = tab.evaluate(CUT_OFF)
    assert found["cut"] == [], f"cut off in a {window}px window at 200%"
    assert found["wider"] <= 0, f"{found['wider']}px wider than a {window}px window at 200%"
    assert found["measured"] > 60  # the measure saw the page: 9 questions, 4 action rows, the copy
    tab.close()


def test_every_control_is_labelled_and_every_question_described_by_its_guidance(browser, page, talk):
    found = browser.evaluate(
        page,
        1024,
        """(() => ({
      unlabelled: [...document.querySelectorAll('input, textarea')]
        .filter((el) => [...el.labels].every((label) => label.textContent.trim() === '')).map((el) => el.id),
      buttons: [...document.querySelectorAll('button')].map((el) => el.textContent),
      described: [...document.querySelectorAll('[aria-describedby]')].map((el) =>
        document.getElementById(el.getAttribute('aria-describedby')).textContent),
      legends: [...document.querySelectorAll('fieldset')].filter((el) => !el.querySelector('legend')).length,
    }))()""",
    )
    assert found["unlabelled"] == []
    assert found["buttons"] == ["Add another action", "Save my answers"]
    assert found["described"] == [q.employee_guidance or q.guidance for q in talk.questions]
    assert found["legends"] == 0


HOSTILE = "</script><script>window.pwned = 1</script><img src=x onerror='window.pwned = 2'>\x1b[2J"


def test_a_hostile_question_set_is_shown_never_run(browser, tmp_path, downloads):
    hostile = QuestionSet.model_validate(
        {
            "id": "talk",
            "version": 3,
            "title": HOSTILE,
            "questions": [
                {"id": "wish", "text": HOSTILE, "guidance": HOSTILE + "\u2028", "kind": "long_text"},
                {"id": "pick", "text": "Pick", "kind": "choice", "choices": [HOSTILE, 'a "b" \\ c']},
            ],
        }
    )
    page = tmp_path / "hostile.html"
    page.write_text(form_page(plain(hostile), "alice", HOSTILE, SENT), encoding="utf-8")
    tab = browser.open(page, 1024)
    shown = tab.evaluate(
        "[window.pwned, document.querySelector('label[for=q-wish]').textContent, document.title,"
        " document.querySelectorAll('script, img').length]"
    )
    visible = HOSTILE.replace("\x1b", "\\x1b")  # the escape character shown, never obeyed
    assert shown == [None, f"1. {visible}", f"Your answers before your career discussion: {visible}", 1]
    tab.evaluate("document.getElementById('q-pick-1').click(); document.getElementById('save').click()")
    name = browser.downloaded()
    assert tab.errors() == []
    saved = tomllib.loads((downloads / name).read_text(encoding="utf-8"))
    assert saved["pick"] == HOSTILE  # the choice exactly as the set has it, for the reader to accept
    assert json.dumps(saved["form"], default=str) == json.dumps(
        {"employee": "alice", "question_set": "talk", "version": 3, "sent": "2026-12-03"}
    )
    tab.close()


# The lowest contrast (WCAG 2) between any text's colour and the background it is drawn on, and where.
LOWEST_CONTRAST = """(() => {
  const rgb = (css) => css.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map((c) => c / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const behind = (el) => {
    for (let at = el; at; at = at.parentElement) {
      const colour = rgb(getComputedStyle(at).backgroundColor);
      if (colour.length < 4 || colour[3] > 0) return colour;
    }
    return [255, 255, 255];
  };
  let lowest = {ratio: 21, where: ''};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || el.closest('script, [hidden]')) continue;
    const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(behind(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < lowest.ratio) lowest = {ratio, where: node.data.trim().slice(0, 40)};
  }
  return lowest;
})()"""


def test_every_text_has_good_contrast(browser, page):
    tab = browser.open(page, 1024)
    tab.evaluate("document.getElementById('q-actions-1-action').value = 'Guild'")
    tab.evaluate("document.getElementById('save').click()")  # not saved: its problems shown in their colour
    assert tab.evaluate("document.querySelectorAll('.problem').length") == 1
    lowest = tab.evaluate(LOWEST_CONTRAST)
    assert lowest["ratio"] >= 4.5, lowest  # WCAG AA for text
    tab.close()


def test_the_whole_way_round_invite_the_form_in_a_browser_and_talk_from_what_it_saved(
    aspire, home, browser, downloads, talk, tmp_path
):
    """What a leader and an employee do: `aspire invite` writes the form, the employee fills every
    field in a browser and saves, and `talk --from` keeps exactly what they typed as their words."""
    from support.answers import TALK_ANSWERS

    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    out = tmp_path / "invitations"
    out.mkdir()
    invited = aspire("invite", "alice", "--out", str(out))
    assert invited.exit_code == 0, invited.stderr
    today = date.today().isoformat()
    tab = browser.open(out / f"alice-{today}-form.html", 1024)
    fill_with_the_keyboard(tab, talk)
    saved = downloads / browser.downloaded()
    assert saved.name == f"alice-{today}-answers.toml"
    tab.close()
    agreed = tmp_path / "agreed.toml"
    agreed.write_text(TALK_ANSWERS)
    held = aspire("talk", "alice", "--date", SENT.isoformat(), "--answers", str(agreed), "--from", str(saved))
    assert held.exit_code == 0, held.stderr
    record = tomllib.loads((home / f"records/alice/{SENT.isoformat()}-talk.toml").read_text())
    assert record["own_words"] == {**TYPED, **CHOSEN, "actions": ACTIONS}  # every word, as they typed it
    assert record["answers"]["short_term_aspiration"] == "Lead a small team"  # what was agreed, apart
    assert "In their words: Architecture — systems thinking (設計)" in aspire("show", "alice").stdout
