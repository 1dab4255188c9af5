"""`aspire history`: every record with someone, newest first; each talk's aspirations, willingness,
development area and actions, marked where they changed since the talk before; `--json` for scripts;
a broken file named while the rest is listed."""

import json
import subprocess
from datetime import date, timedelta

import pytest
from support.answers import PREP_ANSWERS
from support.error_lines import one_line_error
from support.processes import aspire_script, terminal_env
from support.talks import HOSTILE, follow_up, hold_talk

from aspire_cli.commands.history import history_entries, history_lines
from aspire_cli.storage.looking_back import folder_contents, tracked_actions
from aspire_cli.storage.store import Store

TODAY = date.today()
FIRST, SECOND, THIRD = ((TODAY - timedelta(days=days)).isoformat() for days in (1100, 730, 365))
PREP_DAY = (TODAY - timedelta(days=370)).isoformat()


@pytest.fixture
def alice(aspire, home):
    """Three talks: the second changes the long-term aspiration and the development area, the third
    only rewords them in case and spacing; a prep before the third."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    hold_talk(aspire, FIRST, [{"action": "Run the architecture guild", "measure": "Two a month"}])
    hold_talk(
        aspire,
        SECOND,
        [{"action": "Mentor two juniors", "measure": "Weekly", "due": TODAY - timedelta(days=10)}],
        long_term_aspiration="Principal engineer",
        development_area="Saying no",
    )
    assert aspire("prep", "alice", "--date", PREP_DAY, "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    hold_talk(
        aspire,
        THIRD,
        [{"action": "Write the tech strategy", "measure": "Reviewed by the CTO"}],
        long_term_aspiration="principal   Engineer",
        development_area="Saying no",
    )
    return home


def sections(stdout: str) -> list[list[str]]:
    return [block.splitlines() for block in stdout.strip().split("\n\n")]


def test_history_lists_every_record_newest_first_with_changes_marked(aspire, alice):
    follow_up(alice, 1, "done", TODAY - timedelta(days=700))
    result = aspire("history", "alice")
    assert result.exit_code == 0, result.stderr
    assert sections(result.stdout) == [
        [
            "History with Alice Smith (alice): 3 talks and 1 prep, newest first",
            "* changed since the talk before: what it was -> what it became",
        ],
        [
            f"{THIRD}  talk",
            "  Short term   Lead a small team",
            "  Long term    principal Engineer",  # only case and spacing differ: not a change
            "  Aims for     senior leadership",  # the level: unchanged, not marked
            "  Willing      yes",
            "  Development  Saying no",
            "  Actions      #3 Write the tech strategy (open)",
        ],
        [f"{PREP_DAY}  prep", "  Potential    Head of platform engineering within five years"],
        [
            f"{SECOND}  talk",
            "  Short term   Lead a small team",
            "* Long term    Head of engineering -> Principal engineer",
            "  Aims for     senior leadership",  # the level: unchanged, not marked
            "  Willing      yes",
            "* Development  Delegation -> Saying no",
            f"  Actions      #2 Mentor two juniors (overdue, due {(TODAY - timedelta(days=10)).isoformat()})",
        ],
        [
            f"{FIRST}  talk",
            "  Short term   Lead a small team",
            "  Long term    Head of engineering",
            "  Aims for     senior leadership",  # the level: unchanged, not marked
            "  Willing      yes",
            "  Development  Delegation",
            f"  Actions      #1 Run the architecture guild (done on {(TODAY - timedelta(700)).isoformat()})",
        ],
    ]


def test_a_long_change_wraps_under_its_value_and_the_second_talk_of_a_day_has_its_date(aspire, alice):
    new = "Head of platform engineering, with a say in hiring and the budget, within five years"
    shadow = [{"action": "Shadow the CTO", "measure": "A week"}]
    hold_talk(aspire, THIRD, shadow, long_term_aspiration=new, development_area="Saying no")
    result = aspire("history", "alice")
    newest = sections(result.stdout)[1]
    assert newest[0] == f"{THIRD}-2  talk"
    at = next(n for n, line in enumerate(newest) if line.startswith("* Long term"))
    assert newest[at : at + 2] == [
        "* Long term    principal Engineer -> Head of platform engineering, with a say in hiring and the",
        "               budget, within five years",
    ]
    assert "* Development" not in result.stdout.split("\n\n")[1]  # unchanged: not marked


def test_json_gives_every_record_newest_first_with_its_answers_changes_and_actions(aspire, alice):
    follow_up(alice, 2, "dropped", TODAY - timedelta(days=5), note="Both juniors left")
    result = aspire("history", "alice", "--json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    folder = f"{alice}/records/alice"
    assert [(i["date"], i["seq"], i["kind"], i["file"]) for i in items] == [
        (THIRD, 1, "talk", f"{folder}/{THIRD}-talk.toml"),
        (PREP_DAY, 1, "prep", f"{folder}/{PREP_DAY}-prep.toml"),
        (SECOND, 1, "talk", f"{folder}/{SECOND}-talk.toml"),
        (FIRST, 1, "talk", f"{folder}/{FIRST}-talk.toml"),
    ]
    assert all(
        set(i)
        == {
            "date",
            "seq",
            "kind",
            "file",
            "question_set_version",
            "answers",
            "changes",
            "actions",
            "own_words",
        }
        for i in items
    )
    assert all(i["own_words"] == {} for i in items)  # no form came back for any of them
    third, prep, second, first = items
    assert second["changes"] == {
        "long_term_aspiration": {"from": "Head of engineering", "to": "Principal engineer"},
        "development_area": {"from": "Delegation", "to": "Saying no"},
    }
    assert third["changes"] == {} and first["changes"] == {} and prep["changes"] == {}
    assert second["answers"]["long_term_aspiration"] == "Principal engineer"
    assert second["answers"]["willing"] == "yes" and "actions" not in second["answers"]
    assert prep["answers"]["potential"] == "Head of platform engineering within five years"
    assert prep["actions"] == [] and prep["question_set_version"] == 2
    assert second["actions"] == [
        {
            "employee": "alice",
            "number": 2,
            "action": "Mentor two juniors",
            "measure": "Weekly",
            "due": (TODAY - timedelta(days=10)).isoformat(),
            "agreed": SECOND,
            "status": "dropped",
            "closed": (TODAY - timedelta(days=5)).isoformat(),
            "note": "Both juniors left",
        }
    ]
    assert [a["status"] for a in third["actions"]] == ["open"]


def test_a_broken_record_is_named_on_stderr_and_the_rest_is_listed(aspire, alice):
    broken = alice / f"records/alice/{SECOND}-talk.toml"
    broken.write_text(broken.read_text().replace('willing = "yes"', 'willing = "maybe"'))
    result = aspire("history", "alice")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {broken}: ") and "willing" in lines[0]
    listed = sections(result.stdout)
    assert [block[0] for block in listed[1:]] == [
        f"{THIRD}  talk",
        f"{PREP_DAY}  prep",
        f"{SECOND}  talk  (could not be read: see the error below)",
        f"{FIRST}  talk",
    ]
    as_json = aspire("history", "alice", "--json")
    assert as_json.exit_code == 2 and as_json.stderr == result.stderr
    assert [i["date"] for i in json.loads(as_json.stdout)] == [THIRD, PREP_DAY, FIRST]


def test_unknown_employee_is_one_line_with_a_hint(aspire, alice):
    assert "'alicia' has no records and is not on your team (did you mean alice?)" in one_line_error(
        aspire("history", "alicia")
    )
    assert "is not a valid employee id" in one_line_error(aspire("history", "../alice", "--json"))


def test_a_member_with_no_records_yet_has_an_empty_history(aspire, home):
    aspire("team", "add", "bob")
    result = aspire("history", "bob")
    assert (result.exit_code, result.stdout) == (
        0,
        "No records with bob yet; prepare with: aspire prep bob\n",
    )
    as_json = aspire("history", "bob", "--json")
    assert (as_json.exit_code, json.loads(as_json.stdout)) == (0, [])


def test_no_home_is_one_line_and_creates_nothing(aspire, tmp_path):
    where = tmp_path / "nowhere"
    result = aspire("--home", str(where), "history", "alice")
    assert "'alice' has no records and is not on your team" in one_line_error(result)
    assert not where.exists()


# -- what reaches the terminal -------------------------------------------------------------------
def test_piped_output_has_no_escape_codes_and_a_terminal_gets_colour(aspire, alice):
    environment = terminal_env(alice)
    del environment["NO_COLOR"]
    done = subprocess.run(
        [aspire_script(), "history", "alice"], capture_output=True, text=True, env=environment, timeout=30
    )
    assert done.returncode == 0 and "\x1b" not in done.stdout and "* Long term" in done.stdout
    store = Store(alice)
    contents = folder_contents(store, ["alice"])["alice"]
    entries = history_entries(contents.records, tracked_actions(contents, "alice", TODAY)[0])
    coloured = "\n".join(history_lines("History", entries, [], 100, colour=True))
    assert "\x1b[33m* Long term    \x1b[0mHead of engineering -> Principal engineer" in coloured
    assert "\n  Actions      \x1b[31m#2 Mentor two juniors (overdue" in coloured


def test_control_characters_in_a_record_are_shown_never_obeyed(aspire, home):
    aspire("team", "add", "alice")
    hostile = [{"action": HOSTILE, "measure": "m"}]
    hold_talk(aspire, SECOND, [{"action": "a", "measure": "m"}])
    hold_talk(aspire, THIRD, hostile, long_term_aspiration=HOSTILE, development_area=f"x\n{HOSTILE}")
    prep = PREP_ANSWERS.replace('"Head of platform engineering within five years"', json.dumps(HOSTILE))
    assert aspire("prep", "alice", "--date", THIRD, "--answers", "-", input=prep).exit_code == 0
    out = aspire("history", "alice").stdout
    for raw in ("\x1b]0;", "\x07", "\x1b[2J", "\rforged"):
        assert raw not in out
    # on history's one line per answer a carriage return is a line break, so a space
    assert out.count("\\x1b]0;PWNED\\x07\\x1b[2Jafter forged") == 4  # long/development/action/prep


def test_json_carries_no_raw_control_character_yet_reads_back_as_typed(aspire, home):
    aspire("team", "add", "alice")
    typed = "CSI\x9b2J, DEL\x7f, a bidi override\u202eevil, ESC\x1b[2J, a tab\t."
    hold_talk(aspire, SECOND, [{"action": typed, "measure": "m"}], long_term_aspiration=typed)
    out = aspire("history", "alice", "--json").stdout
    assert not any(char in out for char in "\x9b\x7f\u202e\x1b\t")
    item = json.loads(out)[0]
    assert item["answers"]["long_term_aspiration"] == typed and item["actions"][0]["action"] == typed
