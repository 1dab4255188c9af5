"""`aspire drafts` lists unfinished interviews; stale temporary files from a killed write are swept."""

import os
import time
from datetime import date

from support.paths import REPO

from aspire_cli.domain.models import Record
from aspire_cli.storage.store import Store


def draft(home, employee, kind, answers):
    qset = "talk" if kind == "talk" else "prep"
    Store(home).drafts.save(
        Record(
            kind=kind,
            employee=employee,
            date=date(2026, 11, 20),
            question_set=qset,
            question_set_version=2,
            answers=answers,
        )
    )


def test_drafts_lists_each_unfinished_interview_and_how_to_resume_it(aspire, home):
    assert "No unfinished drafts." in aspire("drafts").stdout
    draft(home, "alice", "talk", {"short_term_aspiration": "Lead", "long_term_aspiration": "Direct"})
    draft(home, "bob", "prep", {"potential": "High"})
    (home / "drafts/carol.talk.toml").write_text("[broken\n")
    result = aspire("drafts")
    assert result.exit_code == 2  # carol's draft cannot be read: named, and the others listed
    lines = result.stdout.splitlines()
    alice = next(line for line in lines if "alice" in line)
    assert "talk" in alice and "2026-11-20" in alice and "2 of 9" in alice and "aspire talk alice" in alice
    bob = next(line for line in lines if "bob" in line)
    assert "1 of 7" in bob and "aspire prep bob" in bob
    assert any("carol" in line and "unreadable" in line for line in lines)


def test_stale_temporary_files_are_swept_and_fresh_ones_left_alone(home):
    store = Store(home)
    draft(home, "alice", "talk", {})
    stale = home / "drafts/.alice.talk.toml.abc123.tmp"
    fresh = home / "drafts/.alice.talk.toml.def456.tmp"
    for path in (stale, fresh):
        path.write_text("half written")
    an_hour_ago = time.time() - 3700
    os.utime(stale, (an_hour_ago, an_hour_ago))
    store.sweep_temp_files()
    assert not stale.exists() and fresh.exists()
    assert (home / "drafts/alice.talk.toml").exists()


def test_a_draft_of_your_own_question_set_is_listed_not_called_unreadable(aspire, home):
    shipped = (REPO / "questions/talk.toml").read_text()
    own = shipped.replace('id = "core_strength"', 'id = "superpower"')
    assert own != shipped
    (home / "questions").mkdir(parents=True, mode=0o700)
    home.chmod(0o700)
    (home / "questions/talk.toml").write_text(own)
    draft(home, "alice", "talk", {"short_term_aspiration": "Lead", "superpower": "Calm"})
    result = aspire("drafts")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    alice = next(line for line in result.stdout.splitlines() if "alice" in line)
    assert "2 of 9" in alice and "aspire talk alice" in alice
