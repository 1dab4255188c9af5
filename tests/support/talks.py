"""Alice's talks: held through the CLI from answers of her own, a follow-up written as `aspire
actions` writes one, a record file as it lies on disk, and text a terminal would obey."""

import secrets
import time
from datetime import UTC, date, datetime
from pathlib import Path

import tomli_w

from aspire_cli.domain.models import FollowUp
from aspire_cli.storage.toml_write import toml_text

TODAY = date.today()
LONG_PATH = (
    "Partly. She has led the architecture guild for a year and steered two projects to release, "
    "but she has never had direct reports; she knows she has to learn hiring, feedback and "
    "saying no to work that others should own."
)
BASE = {
    "short_term_aspiration": "Lead a small team",
    "long_term_aspiration": "Head of engineering",
    "aspiration_level": "senior leadership",
    "knows_path": LONG_PATH,
    "willing": "yes",
    "core_strength": "Architecture",
    "development_area": "Delegation",
    "next_assignment_wish": "More ownership",
}


def talk_answers(actions: list[dict[str, object]], **changes: str) -> str:
    return tomli_w.dumps({**BASE, **changes, "actions": actions})


def hold_talk(aspire, day: str, actions: list[dict[str, object]], **changes: str) -> None:
    """A talk with alice on `day`, after any she had that day (--again)."""
    result = aspire(
        "talk", "alice", "--date", day, "--answers", "-", "--again", input=talk_answers(actions, **changes)
    )
    assert result.exit_code == 0, result.stderr


def talk_with_a_set_of_one(aspire, path: Path, set_id: str, version: int = 1):
    """`aspire talk alice --questions FILE`, FILE a set of its own asking one question (the long-term
    aspiration, answered "CTO"); the run's result."""
    path.write_text(
        f'id = "{set_id}"\nversion = {version}\ntitle = "Short"\n'
        '[[questions]]\nid = "long_term_aspiration"\ntext = "Where to?"\nkind = "long_text"\n'
    )
    return aspire(
        "talk", "alice", "--questions", str(path), "--answers", "-", input='long_term_aspiration = "CTO"\n'
    )


def follow_up(home: Path, number: int, status: str, day: date, note: str | None = None) -> Path:
    """A follow-up file as `aspire actions done/drop/reopen` leaves it (the layout in store.py)."""
    data = FollowUp(
        employee="alice", action=number, status=status, date=day, recorded=datetime.now(UTC), note=note
    ).to_toml_data()
    path = home / "records/alice" / f"{TODAY.isoformat()}-action-{number}-{secrets.token_hex(3)}.toml"
    path.write_text(toml_text(data), encoding="utf-8")
    time.sleep(0.01)  # `recorded` orders the follow-ups of one action
    return path


# what a terminal would obey: a title, a clear screen, a carriage return over the line
HOSTILE = "before\x1b]0;PWNED\x07\x1b[2Jafter\rforged"

# alice's talk of 2026-01-10 as the file on disk holds it
GOOD_TALK = """schema = 1
kind = "talk"
employee = "alice"
date = 2026-01-10
question_set = "talk"
question_set_version = 2

[answers]
short_term_aspiration = "Lead"
long_term_aspiration = "Direct"
aspiration_level = "one level up"
knows_path = "Yes"
willing = "yes"
core_strength = "Craft"
development_area = "Delegation"
next_assignment_wish = "Scope"

[[answers.actions]]
action = "Guild"
measure = "Two a month"
"""


def alice_with_a_talk(aspire, day: str) -> None:
    """Alice Smith on the team, and a talk with her on `day` (the leader's answers file, two actions)."""
    from support.answers import TALK_ANSWERS

    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    result = aspire("talk", "alice", "--date", day, "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 0, result.stderr
