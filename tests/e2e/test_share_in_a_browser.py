"""The share page as a browser lays it out (the system's Chromium, see support/browser.py): at every
width from a phone's to a wide desktop window, no word and no date is broken across lines, the
number, due date and status of an action stay whole, and nothing runs off the side of the page."""

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from support.browser import BROKEN_ACROSS_LINES, Browser

WIDTHS = [1400, 1024, 800, 640, 480, 400, 320]
WHOLE = "h1 .date, th, td.number, td.due, td.status"  # what must sit on one line, whatever the width

# Answers and actions as a leader types them in a meeting: a short word beside a long sentence (what
# an even share of the table's width squeezes), dates, statuses of every length, a long word.
LINK = "https://wiki.example.com/engineering/architectureguild/decisions/2027/index.html"  # no word
HELD = date(2026, 11, 20)
LATER = max(date.today(), HELD) + timedelta(days=400)  # open, whenever the test runs
ACTIONS = [
    ("Architecture", "Runs the architecture guild twice a month; " * 6, LATER.isoformat()),
    ("Internationalisation of the onboarding documentation for the new offices", "Reviewed", None),
    ("Mentoring", f"Two juniors, weekly, until {LATER.isoformat()}", "2026-11-21"),  # overdue
    ("Delegation", "Bob runs two releases alone, then the quarterly planning", "2026-11-30"),
    ("Publish the guild's decisions", f"Each one at {LINK}", None),
]


def talk_answers() -> str:
    answers = {
        "short_term_aspiration": "Lead a small team of platform engineers within two years " * 3,
        "long_term_aspiration": "Director of engineering, responsible for the whole platform organisation",
        "aspiration_level": "senior leadership",
        "knows_path": "Partly: needs people-management experience, a sponsor and a stretch assignment",
        "willing": "yes",
        "core_strength": "Architecture",
        "development_area": "Delegation",
        "next_assignment_wish": f"More ownership of the deployment pipeline by {LATER.isoformat()}",
    }
    text = "".join(f"{key} = {json.dumps(value)}\n" for key, value in answers.items())
    for action, measure, due in ACTIONS:
        text += f"\n[[actions]]\naction = {json.dumps(action)}\nmeasure = {json.dumps(measure)}\n"
        text += f"due = {due}\n" if due else ""
    return text


@pytest.fixture(scope="module")
def browser():
    opened = Browser()
    yield opened
    opened.close()


@pytest.fixture
def page(aspire, home, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ASPIRE_LEADER", "Dana Lee-Wolverhampton")
    aspire("team", "add", "alice", "--name", "Alice Smith")
    done = aspire("talk", "alice", "--date", HELD.isoformat(), "--answers", "-", input=talk_answers())
    assert done.exit_code == 0, done.stderr
    for args in (
        ["done", "alice", "2", "--date", "2026-11-25"],
        ["drop", "alice", "4", "--date", "2026-11-26"],
    ):
        assert aspire("actions", *args).exit_code == 0
    out = tmp_path / "alice.html"
    assert aspire("share", "alice", "--format", "html", "--out", str(out)).exit_code == 0
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_no_word_or_date_is_broken_across_lines_at_any_width(browser, page, width):
    found = browser.evaluate(page, width, f"{BROKEN_ACROSS_LINES}({json.dumps(WHOLE)})")
    broken = [word for word in found["words"] if word != LINK]  # a link may break where it must
    assert broken == [], f"broken across lines at {width}px: {broken}"
    assert found["whole"] == [], f"wrapped at {width}px: {found['whole']}"
    assert found["wider"] <= 0, f"{found['wider']}px wider than a {width}px window"


def test_the_measure_was_taken_where_it_matters(browser, page):
    """The script above is not vacuous: it sees the page's words, dates and statuses, and the long
    measure does wrap (between words) in the table's column at 1400px."""
    script = """(() => {
      const cells = [...document.querySelectorAll('td')].map((td) => td.textContent);
      const measure = document.querySelector('tbody tr td:nth-child(3)');
      const range = document.createRange();
      range.selectNodeContents(measure);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return {cells, lines, title: document.querySelector('h1 .date').textContent};
    })()"""
    found = browser.evaluate(page, 1400, script)
    assert {LATER.isoformat(), "done on 2026-11-25", "dropped on 2026-11-26", "open", "overdue"} <= set(
        found["cells"]
    )
    assert found["lines"] > 1 and found["title"] == "20 November 2026"


def test_on_a_narrow_screen_each_action_is_a_block_of_labelled_lines(browser, page):
    script = """(() => [...document.querySelectorAll('tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((td) => getComputedStyle(td).display + ' '
        + getComputedStyle(td, '::before').content)))()"""
    narrow, wide = browser.evaluate(page, 400, script), browser.evaluate(page, 1400, script)
    assert narrow[0] == [
        'block "#"',
        'block "Action: "',
        'block "Measure: "',
        'block "Due: "',
        'block "Status: "',
    ]
    assert all(cell.startswith("table-cell") for row in wide for cell in row)
