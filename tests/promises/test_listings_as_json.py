"""`team list --json`, `drafts --json` and `sync status --json`: what the table or the lines say, as
JSON whose keys are always there, for scripts; a bad file is still named on stderr, exit status 2."""

import json
from datetime import date
from pathlib import Path

from support.git_homes import Machine

from aspire_cli.domain.models import Draft
from aspire_cli.storage.store import Store

TODAY = date.today().isoformat()


def as_json(result) -> object:
    assert result.stderr == "" and result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_team_list_json_is_every_member_by_id(aspire, home):
    assert as_json(aspire("team", "list", "--json")) == []  # no home yet: nothing, and none made
    assert not home.exists()
    aspire("team", "add", "bob-lee", "--cadence", "6")
    aspire("team", "add", "alice", "--name", "Zoë Ødegård")
    listed = aspire("team", "list", "--json")
    assert "Zoë Ødegård" in listed.stdout  # UTF-8 as typed
    assert as_json(listed) == [
        {"employee": "alice", "name": "Zoë Ødegård", "cadence_months": 12, "added": TODAY},
        {"employee": "bob-lee", "name": "", "cadence_months": 6, "added": TODAY},
    ]
    team = home / "team.toml"  # a roster of an older aspire: no added date
    team.write_text(team.read_text().replace(f"added = {TODAY}\n", ""))
    assert [member["added"] for member in as_json(aspire("team", "list", "--json"))] == [None, None]


def test_team_list_json_names_a_broken_member_and_lists_the_others(aspire, home):
    aspire("team", "add", "alice")
    team = home / "team.toml"
    team.write_text(team.read_text() + '\n[members.bob]\ncadence_months = "often"\n')
    result = aspire("team", "list", "--json")
    assert result.exit_code == 2 and "bob" in result.stderr and len(result.stderr.splitlines()) == 1
    assert [member["employee"] for member in json.loads(result.stdout)] == ["alice"]


def draft(home: Path, employee: str, kind: str, answers: dict) -> None:
    made = Draft(
        kind=kind, employee=employee, date=date(2026, 11, 20), question_set=kind, question_set_version=2
    )
    Store(home).drafts.save(made.with_answers(answers))


def test_drafts_json_says_what_each_holds_and_how_to_resume_it(aspire, home):
    assert as_json(aspire("drafts", "--json")) == []
    aspire("team", "add", "alice")
    assert as_json(aspire("drafts", "--json")) == []
    draft(home, "alice", "talk", {"short_term_aspiration": "Lead a team", "long_term_aspiration": "CTO"})
    (home / "drafts/bob.prep.toml").write_text("potential = ")
    result = aspire("drafts", "--json")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    broken = f"{home}/drafts/bob.prep.toml"
    assert result.stderr.startswith(f"error: {broken}: not valid TOML")
    assert json.loads(result.stdout) == [
        {
            "employee": "alice",
            "kind": "talk",
            "file": f"{home}/drafts/alice.talk.toml",
            "date": "2026-11-20",
            "answered": 2,
            "questions": 9,
            "resume": "aspire talk alice",
            "problem": None,
        },
        {
            "employee": "bob",
            "kind": "prep",
            "file": broken,
            "date": None,
            "answered": None,
            "questions": None,
            "resume": None,
            "problem": result.stderr.removeprefix("error: ").rstrip("\n"),
        },
    ]
    table = aspire("drafts").stdout
    assert "2 of 9" in table and "aspire talk alice" in table  # the table says the same


def test_sync_status_json_outside_and_inside_a_repository(a: Machine, remote: Path):
    keys = ["home", "repository", "branch", "remote", "ahead", "behind", "uncommitted", "not_synced"]
    keys += ["encrypted", "recipients"]
    outside = json.loads(a("sync", "status", "--json").stdout)
    assert list(outside) == keys
    assert outside == dict.fromkeys(keys) | {
        "home": str(a.home),
        "repository": False,
        "uncommitted": [],
        "not_synced": [],
        "encrypted": False,
        "recipients": 0,
    }
    a("sync", "init", str(remote))
    assert json.loads(a("sync", "status", "--json").stdout)["ahead"] is None  # not fetched yet
    a("sync")
    a("team", "add", "alice")
    (a.home / "config.toml").write_text("cadence_months = 6\n")
    (a.home / "notes.txt").write_text("by hand")
    assert json.loads(a("sync", "status", "--json").stdout) == {
        "home": str(a.home),
        "repository": True,
        "branch": "main",
        "remote": str(remote),
        "ahead": 1,
        "behind": 0,
        "uncommitted": ["config.toml"],
        "not_synced": ["notes.txt"],
        "encrypted": False,
        "recipients": 0,
    }


def test_sync_status_json_hides_a_password_in_the_remote(a: Machine):
    a("sync", "init")
    a.git("remote", "add", "origin", "https://dana:s3cret@git.example.com/dana/notes.git")
    status = json.loads(a("sync", "status", "--json").stdout)
    assert status["remote"] == "https://dana:***@git.example.com/dana/notes.git"
