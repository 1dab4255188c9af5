"""`aspire export --person EMPLOYEE`: everything held about one person, as one JSON document, for an
access request: the team entry, every record with its whole data (prep notes too), follow-ups, what
edits and deletes kept, the highest action number given, drafts."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from support.answers import PREP_ANSWERS
from support.error_lines import one_line_error
from support.talks import hold_talk

ONE = [{"action": "Run the guild", "measure": "Two a month"}]


@pytest.fixture
def alice(aspire, home: Path) -> Path:
    """Alice on the team with two talks (the second deleted), a prep, a follow-up and a draft; Bob
    with a talk of his own."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith", "--cadence", "6").exit_code == 0
    hold_talk(aspire, "2025-01-10", ONE)
    hold_talk(aspire, "2026-01-10", ONE, core_strength="Written by mistake")
    assert (
        aspire("prep", "alice", "--date", "2026-01-05", "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    )
    assert aspire("actions", "done", "alice", "1", "--date", "2025-06-01").exit_code == 0
    assert aspire("delete", "alice", "--date", "2026-01-10", "--yes").exit_code == 0
    drafts = home / "drafts"
    drafts.mkdir(mode=0o700)
    (drafts / "alice.talk.toml").write_text(
        'schema = 1\nkind = "talk"\nemployee = "alice"\ndate = 2026-11-01\nquestion_set = "talk"\n'
        'question_set_version = 2\n[answers]\nshort_term_aspiration = "Half typed"\n'
    )
    assert aspire("team", "add", "bob").exit_code == 0
    assert aspire("talk", "bob", "--date", "2025-02-02", "--answers", "-", input=_bobs()).exit_code == 0
    return home / "records/alice"


def _bobs() -> str:
    from support.talks import talk_answers

    return talk_answers(ONE, short_term_aspiration="Bob's own words")


def test_everything_held_about_alice_is_in_one_document_and_nothing_of_bob(aspire, alice):
    result = aspire("export", "--person", "alice")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == "aspire-person-export/1" and document["employee"] == "alice"
    assert document["exported"][:4].isdigit()
    assert document["team_entry"]["name"] == "Alice Smith" and document["team_entry"]["cadence_months"] == 6
    records = {entry["file"]: entry["data"] for entry in document["records"]}
    assert sorted(records) == ["records/alice/2025-01-10-talk.toml", "records/alice/2026-01-05-prep.toml"]
    assert records["records/alice/2026-01-05-prep.toml"]["answers"]["potential"].startswith(
        "Head of platform"
    )
    assert records["records/alice/2025-01-10-talk.toml"]["date"] == "2025-01-10"
    [follow_up] = document["follow_ups"]
    assert follow_up["data"]["action"] == 1 and follow_up["data"]["status"] == "done"
    kept = [entry for entry in document["kept_versions"] if entry["deleted"]]
    assert [entry["was"] for entry in kept] == ["2026-01-10-talk.toml"]
    assert kept[0]["data"]["answers"]["core_strength"] == "Written by mistake"
    assert document["action_numbers_given"] == 2
    [draft] = document["drafts"]
    assert draft["file"] == "drafts/alice.talk.toml"
    assert draft["data"]["answers"]["short_term_aspiration"] == "Half typed"
    assert "bob" not in result.stdout.replace("aspire", "") and "Bob's own words" not in result.stdout


def test_out_writes_a_private_file_and_says_so(aspire, alice, tmp_path):
    out = tmp_path / "alice.json"
    out.write_text("an older export")
    result = aspire("export", "--person", "alice", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Wrote everything held about alice (") and str(out) in result.stdout
    assert json.loads(out.read_text())["employee"] == "alice"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_someone_off_the_team_with_records_still_exports(aspire, alice):
    assert aspire("team", "remove", "alice").exit_code == 0
    document = json.loads(aspire("export", "--person", "alice").stdout)
    assert document["team_entry"] is None and len(document["records"]) == 2


def test_a_file_that_does_not_read_is_given_as_its_text(aspire, alice):
    broken = alice / "2024-03-03-talk.toml"
    broken.write_text("this is not = = toml")
    document = json.loads(aspire("export", "--person", "alice").stdout)
    entry = next(e for e in document["records"] if e["file"].endswith("2024-03-03-talk.toml"))
    assert entry["text"] == "this is not = = toml" and entry["problem"].startswith("not valid TOML")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--person", "carol"),
            "error: nothing is held about 'carol': not on your team, no records, no drafts",
        ),
        (
            ("--person", "alice", "--format", "csv"),
            "error: --person writes JSON only: leave out --format csv",
        ),
        (("--person", "alice", "--since", "2026-01-01"), "error: --person exports everything held"),
        (("--person", "Alice"), "error: "),
    ],
)
def test_a_wrong_line_is_one_line_and_writes_nothing(aspire, alice, tmp_path, args, said):
    out = tmp_path / "out.json"
    result = aspire("export", *args, "--out", str(out))
    assert result.exit_code == 2
    assert one_line_error(result).startswith(said)
    assert not out.exists()


def test_a_team_entry_that_does_not_validate_is_exported_as_written(aspire, alice, home):
    team = home / "team.toml"
    team.write_text(team.read_text().replace("cadence_months = 6", "cadence_months = 0"))
    result = aspire("export", "--person", "alice")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["team_entry"]["cadence_months"] == 0
