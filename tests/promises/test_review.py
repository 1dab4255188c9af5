"""Last year's actions closed in the talk: `[review]` in an answers file (the typed review is
tests/e2e/test_review_typed.py), and `show` and `share` listing every action still open."""

from __future__ import annotations

import json
import tomllib
from datetime import date

import pytest
from support.answers import TALK_ANSWERS


@pytest.fixture
def a_year_on(aspire, home):
    """Alice with a talk a year ago that agreed actions #1 and #2, both still open."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    done = aspire("talk", "alice", "--date", "2025-11-20", "--answers", "-", input=TALK_ANSWERS)
    assert done.exit_code == 0, done.stderr
    return home


def follow_ups(home) -> dict[int, dict]:
    found = [tomllib.loads(p.read_text()) for p in (home / "records/alice").glob("*-action-*.toml")]
    return {f["action"]: f for f in found}


def test_a_review_in_the_answers_file_is_written_as_follow_ups_dated_the_talk(aspire, a_year_on):
    answers = TALK_ANSWERS + '\n[review]\n1 = "done"\n2 = "open"\n'
    done = aspire("talk", "alice", "--date", "2026-11-25", "--answers", "-", input=answers)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Earlier actions reviewed: #1 done, #2 kept open."
    written = follow_ups(a_year_on)
    assert {n: (f["status"], f["date"], f["note"]) for n, f in written.items()} == {
        1: ("done", date(2026, 11, 25), "done at the talk of 2026-11-25"),
        2: ("open", date(2026, 11, 25), "kept open at the talk of 2026-11-25"),
    }
    listed = aspire("actions", "alice", "--all", "--json", "--as-of", "2026-11-26")
    statuses = {row["number"]: row["status"] for row in json.loads(listed.stdout)}
    assert statuses[1] == "done" and statuses[2] == "open" and statuses[3] == "open"  # 3, 4: today's


@pytest.mark.parametrize(
    ("review", "says"),
    [
        ('9 = "done"', "review: '9' is not an open action of alice's (open: #1, #2)"),
        ('1 = "finished"', 'review: 1 = "finished": give "done", "dropped" or "open"'),
        ('one = "done"', "review: 'one' is not an open action of alice's"),
        ("1 = 1", 'review: 1 = "1": give "done", "dropped" or "open"'),
    ],
)
def test_a_review_that_does_not_hold_is_one_line_and_nothing_is_written(aspire, a_year_on, review, says):
    before = sorted(p.name for p in (a_year_on / "records/alice").iterdir())
    answers = TALK_ANSWERS + f"\n[review]\n{review}\n"
    done = aspire("talk", "alice", "--date", "2026-11-25", "--answers", "-", input=answers)
    assert done.exit_code == 2 and says in done.stderr and len(done.stderr.splitlines()) == 1
    assert sorted(p.name for p in (a_year_on / "records/alice").iterdir()) == before


def test_a_review_as_a_plain_value_or_in_a_prep_is_refused(aspire, a_year_on):
    plain = aspire("talk", "alice", "--answers", "-", input='review = "all done"\n' + TALK_ANSWERS)
    assert plain.exit_code == 2 and "review: a table of action numbers" in plain.stderr
    from support.answers import PREP_ANSWERS

    prep = aspire("prep", "alice", "--answers", "-", input=PREP_ANSWERS + '\n[review]\n1 = "done"\n')
    assert prep.exit_code == 2 and "only a talk reviews earlier actions" in prep.stderr


def test_show_and_share_list_every_action_still_open_not_only_the_latest_talks(aspire, a_year_on):
    answers = TALK_ANSWERS + '\n[review]\n1 = "done"\n'
    assert aspire("talk", "alice", "--date", "2026-11-25", "--answers", "-", input=answers).exit_code == 0
    shown = aspire("show", "alice").stdout
    earlier = shown[shown.index("Still open from earlier talks") :]
    assert "#2  Hand release management to Bob" in earlier and "#1 " not in earlier  # #1 is done
    shared = aspire("share", "alice").stdout
    section = shared[shared.index("## Still open from earlier talks") :]
    assert "| 2 | Hand release management to Bob |" in section and "| 1 |" not in section
    first = aspire("show", "alice", "--date", "2025-11-20").stdout
    assert "Still open from earlier talks" not in first  # nothing was agreed before it
