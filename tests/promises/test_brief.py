"""The brief before every prep and talk: last talk's answers and where its actions stand."""

from datetime import UTC, date, datetime

import pexpect
from support.answers import TALK_ANSWERS
from support.processes import spawn

from aspire_cli.storage.looking_back import folder_contents
from aspire_cli.storage.store import Store
from aspire_cli.views.brief import BRIEF_LINES, brief

LAST_YEAR = "2025-11-20"
AIMS = next(line for line in TALK_ANSWERS.splitlines() if line.startswith("aspiration_level")).split('"')[1]
OVERDUE_ANSWERS = TALK_ANSWERS.replace("due = 2027-06-30", "due = 2026-03-01")


def test_talk_shows_last_years_aspiration_and_open_actions_before_the_first_question(aspire, home):
    aspire("team", "add", "alice", "--name", "Alice Smith")
    held = aspire("talk", "alice", "--date", LAST_YEAR, "--answers", "-", input=OVERDUE_ANSWERS)
    assert held.exit_code == 0, held.stderr
    Store(home).follow_ups.write(
        dict(employee="alice", action=2, status="done", date=date(2026, 5, 4), recorded=datetime.now(UTC))
    )
    child = spawn(home, "talk", "alice")
    child.expect("Last talk: 2025-11-20")
    before_first_question = child.before
    child.expect("1/9")
    shown = before_first_question + child.before
    assert "Director of engineering" in shown  # last year's long-term aspiration
    assert "Delegation" in shown
    assert "#1 Run the architecture guild (overdue, due 2026-03-01)" in shown
    assert "#2 Hand release management to Bob (done on 2026-05-04)" in shown
    assert "aspire show alice --date 2025-11-20" in shown
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_prep_of_someone_never_talked_to_says_it_is_the_first(aspire, home):
    aspire("team", "add", "bob")
    child = spawn(home, "prep", "bob")
    child.expect("First talk with bob: no earlier talk on record")
    child.expect("1/7")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_the_brief_is_short_however_long_the_answers(aspire, home):
    long = "word " * 400
    answers = TALK_ANSWERS.replace('"Director of engineering"', f'"""{long}"""')
    answers += "".join(f'\n[[actions]]\naction = "Action {n} {long}"\nmeasure = "m"\n' for n in range(12))
    aspire("team", "add", "alice")
    assert aspire("talk", "alice", "--date", LAST_YEAR, "--answers", "-", input=answers).exit_code == 0
    contents = folder_contents(Store(home), ["alice"])["alice"]
    lines = brief("alice", contents, date(2026, 11, 26), date(2026, 11, 26), width=80)
    assert len(lines) <= BRIEF_LINES
    assert all(len(line.text) <= 80 for line in lines)
    assert any("more: aspire actions alice" in line.text for line in lines)
    assert lines[0].text == "Last talk: 2025-11-20 (371 days ago)"
    levels = [line.text for line in lines if line.label == "Aims for"]
    assert levels == [AIMS]  # the level they aimed for, beside which this prep puts yours


def test_the_brief_counts_only_talks_held_by_the_discussions_day(aspire, home):
    aspire("team", "add", "alice")
    aspire("talk", "alice", "--date", "2024-11-20", "--answers", "-", input=TALK_ANSWERS)
    later = TALK_ANSWERS.replace("Director of engineering", "Principal engineer")
    aspire("talk", "alice", "--date", LAST_YEAR, "--answers", "-", input=later)
    contents = folder_contents(Store(home), ["alice"])["alice"]
    backfilled = brief("alice", contents, date(2025, 1, 10), date(2026, 11, 26), width=80)
    assert backfilled[0].text.startswith("Last talk: 2024-11-20")
    assert any("Director of engineering" in line.text for line in backfilled)
    current = brief("alice", contents, date(2026, 11, 26), date(2026, 11, 26), width=80)
    assert any("Principal engineer" in line.text for line in current)
    assert any("still open from earlier talks" in line.text for line in current)
