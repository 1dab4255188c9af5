"""`aspire show`: a record as it was written, its questions by their text, its actions' status today;
plain text when piped or with NO_COLOR, Rich in a colour terminal, one line for every mistake."""

import io
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import pexpect
import pytest
from support.answers import PREP_ANSWERS
from support.error_lines import one_line_error
from support.probe import HEAVY, probe
from support.processes import aspire_script, terminal_env
from support.records_factory import build_home
from support.talks import HOSTILE, LONG_PATH, follow_up, hold_talk, talk_answers, talk_with_a_set_of_one

TODAY = date.today()
YEAR_BEFORE = (TODAY - timedelta(days=730)).isoformat()
LAST_YEAR = (TODAY - timedelta(days=365)).isoformat()


@pytest.fixture
def alice(aspire, home):
    """Alice Smith: a talk two years ago and one last year (actions #1-#2 and #3-#4)."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    hold_talk(aspire, YEAR_BEFORE, [{"action": "Run the architecture guild", "measure": "Two a month"}])
    hold_talk(
        aspire,
        LAST_YEAR,
        [
            {"action": "Mentor two juniors", "measure": "Weekly pairing", "due": TODAY - timedelta(days=30)},
            {"action": "Hand releases to Bob", "measure": "Bob runs two alone", "due": TODAY + timedelta(30)},
            {"action": "Write the tech strategy", "measure": "Reviewed by the CTO"},
            {"action": "Present at the all-hands", "measure": "One talk"},
        ],
        long_term_aspiration="Principal engineer",
    )
    return home


def blocks(stdout: str) -> dict[str, list[str]]:
    """The printed record: its header, then each question's lines under the question's text."""
    found: dict[str, list[str]] = {}
    for block in stdout.strip().split("\n\n"):
        first, *rest = block.splitlines()
        found[first] = rest
    return found


def test_the_latest_talk_by_default_each_answer_under_its_question(aspire, alice):
    result = aspire("show", "alice")
    assert result.exit_code == 0, result.stderr
    header, *_ = result.stdout.split("\n\n")
    title, question_set, *file = header.splitlines()
    assert title == f"Alice Smith (alice): Career aspiration discussion, {LAST_YEAR}"
    assert question_set == "Question set: talk, version 2"
    path = f"{alice}/records/alice/{LAST_YEAR}-talk.toml"
    in_home = [f"File: records/alice/{LAST_YEAR}-talk.toml", f"  in {alice}"]
    assert file == ([f"File: {path}"] if len(f"File: {path}") <= 100 else in_home)  # COLUMNS=100
    shown = blocks(result.stdout)
    long_term = "What is your long-term career aspiration? (ultimate vocational goal, position level)"
    assert shown[long_term] == ["    Principal engineer"]
    assert shown["At what level do you see yourself in the long run?"] == ["    senior leadership"]
    assert shown["Are you willing to perform to reach that position?"] == ["    yes"]
    assert "Head of engineering" not in result.stdout  # the talk before says so, not this one


def test_a_long_answer_is_wrapped_to_the_terminal_and_indented(aspire, alice):
    lines = blocks(aspire("show", "alice").stdout)["Do you know what you need to get there?"]
    assert len(lines) > 1
    assert all(line.startswith("    ") and len(line) <= 100 for line in lines)  # COLUMNS=100
    assert " ".join(line.strip() for line in lines) == LONG_PATH


def test_each_action_shows_its_number_measure_due_date_and_status_today(aspire, alice):
    follow_up(alice, 4, "done", TODAY - timedelta(days=3), note="Went down well\nwith the sales team")
    follow_up(alice, 5, "dropped", TODAY - timedelta(days=2))
    result = aspire("show", "alice")
    assert result.exit_code == 0, result.stderr
    actions = blocks(result.stdout)["What actions and measures can grow this area over the next 12 months?"]
    assert actions == [
        "    #2  Mentor two juniors",
        "        measure: Weekly pairing",
        f"        due:     {(TODAY - timedelta(days=30)).isoformat()}",
        "        status:  overdue",
        "    #3  Hand releases to Bob",
        "        measure: Bob runs two alone",
        f"        due:     {(TODAY + timedelta(days=30)).isoformat()}",
        "        status:  open",
        "    #4  Write the tech strategy",
        "        measure: Reviewed by the CTO",
        f"        status:  done on {(TODAY - timedelta(days=3)).isoformat()}",
        "        note:    Went down well",
        "                 with the sales team",
        "    #5  Present at the all-hands",
        "        measure: One talk",
        f"        status:  dropped on {(TODAY - timedelta(days=2)).isoformat()}",
    ]
    assert result.stdout.rstrip().endswith("Mark an action done with: aspire actions done alice NUMBER")


def test_a_reopened_action_is_open_again(aspire, alice):
    follow_up(alice, 3, "done", TODAY)
    assert "status:  done on" in aspire("show", "alice").stdout
    follow_up(alice, 3, "open", TODAY, note="Bob left the team")
    lines = aspire("show", "alice").stdout.splitlines()
    at = lines.index("    #3  Hand releases to Bob")
    assert lines[at + 3 : at + 5] == ["        status:  open", "        note:    Bob left the team"]


def test_date_shows_that_days_record_and_date_n_the_nth_of_that_day(aspire, alice):
    hold_talk(aspire, LAST_YEAR, [{"action": "Shadow the CTO", "measure": "A week"}], willing="partly")
    latest = aspire("show", "alice")
    assert f"Career aspiration discussion, {LAST_YEAR} (second that day)" in latest.stdout
    assert "#6  Shadow the CTO" in latest.stdout
    first = aspire("show", "alice", "--date", LAST_YEAR)
    assert first.exit_code == 0 and "(second that day)" not in first.stdout
    assert "#2  Mentor two juniors" in first.stdout and "Shadow the CTO" not in first.stdout
    second = aspire("show", "alice", "--date", f"{LAST_YEAR}-2")
    assert second.stdout == latest.stdout
    older = aspire("show", "alice", "--date", YEAR_BEFORE)
    assert "#1  Run the architecture guild" in older.stdout and "Head of engineering" in older.stdout


def test_kind_prep_shows_the_latest_prep_by_its_own_questions(aspire, alice):
    assert aspire("prep", "alice", "--date", LAST_YEAR, "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    result = aspire("show", "alice", "--kind", "prep")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"Alice Smith (alice): Preparation notes, {LAST_YEAR}\n")
    shown = blocks(result.stdout)
    assert shown["What does this individual's ultimate potential look like?"] == [
        "    Head of platform engineering within five years"
    ]
    assert "status:" not in result.stdout and "aspire actions done" not in result.stdout
    by_date = aspire("show", "alice", "--date", LAST_YEAR, "--kind", "prep")
    assert by_date.stdout == result.stdout


def test_an_answer_to_a_question_the_set_no_longer_asks_is_shown_under_its_id(aspire, alice):
    path = alice / f"records/alice/{LAST_YEAR}-talk.toml"
    text = path.read_text().replace("question_set_version = 2", "question_set_version = 1")
    path.write_text(text.replace("[answers]\n", '[answers]\nmood = "Upbeat about the reorg"\n'))
    result = aspire("show", "alice")
    assert result.exit_code == 0, result.stderr
    assert "Question set: talk, version 1" in result.stdout
    assert blocks(result.stdout)["mood"] == ["    Upbeat about the reorg"]


def test_your_own_question_set_words_the_questions(aspire, alice):
    from aspire_cli.storage.paths import question_set_path

    own = alice / "questions/talk.toml"
    own.parent.mkdir()
    shipped = question_set_path("talk").read_text(encoding="utf-8")
    own.write_text(shipped.replace("What is your core development area?", "Which area will you grow?"))
    shown = blocks(aspire("show", "alice").stdout)
    assert shown["Which area will you grow?"] == ["    Delegation"]
    assert "What is your core development area?" not in shown


def test_the_question_set_named_is_the_records_own_not_its_kinds(aspire, alice, tmp_path):
    held = talk_with_a_set_of_one(aspire, tmp_path / "short.toml", "short_talk", version=4)
    assert held.exit_code == 0, held.stderr
    header, *_ = aspire("show", "alice").stdout.split("\n\n")
    assert header.splitlines()[1] == "Question set: short_talk, version 4"
    older = aspire("show", "alice", "--date", LAST_YEAR).stdout
    assert older.splitlines()[1] == "Question set: talk, version 2"


def test_a_member_without_a_name_is_shown_by_id(aspire, home):
    aspire("team", "add", "bob")
    one = [{"action": "Pair with Carol", "measure": "Weekly"}]
    assert (
        aspire("talk", "bob", "--date", LAST_YEAR, "--answers", "-", input=talk_answers(one)).exit_code == 0
    )
    assert aspire("show", "bob").stdout.startswith(f"bob: Career aspiration discussion, {LAST_YEAR}\n")


# -- mistakes: one line, a non-zero exit ---------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["alicia"], "'alicia' has no records and is not on your team (did you mean alice?)"),
        (["Alice"], "'Alice' is not a valid employee id"),
        (["alice", "--date", "2026-02-30"], "--date '2026-02-30' is not a day of the calendar"),
        (["alice", "--date", "yesterday"], "--date 'yesterday' is not a date: use YYYY-MM-DD"),
        (["alice", "--date", "2020-01-01"], "alice has no record on 2020-01-01; there are: "),
        (["alice", "--date", f"{LAST_YEAR}-2"], f"alice has no record on {LAST_YEAR}-2; there are: "),
        (["alice", "--kind", "prep"], "alice has no prep yet (only: talk); see one with: aspire show alice"),
        (["alice", "--kind", "chat"], "--kind 'chat': must be prep or talk; see: aspire show --help"),
    ],
)
def test_a_mistake_is_one_line_and_a_non_zero_exit(aspire, alice, args, says):
    assert says in one_line_error(aspire("show", *args))


def test_no_talk_yet_says_what_there_is(aspire, home):
    aspire("team", "add", "carol")
    assert "no records with carol yet; prepare with: aspire prep carol" in one_line_error(
        aspire("show", "carol")
    )
    aspire("prep", "carol", "--date", LAST_YEAR, "--answers", "-", input=PREP_ANSWERS)
    assert "carol has no talk yet (only: prep); see one with: aspire show carol --kind prep" in (
        one_line_error(aspire("show", "carol"))
    )


def test_a_broken_record_is_named_and_nothing_else_is_printed(aspire, alice):
    path = alice / f"records/alice/{LAST_YEAR}-talk.toml"
    path.write_text(path.read_text() + "\nwilling = = \n")
    assert one_line_error(aspire("show", "alice")).startswith(f"error: {path}: not valid TOML")


def test_a_broken_follow_up_is_named_below_the_record_and_the_exit_is_2(aspire, alice):
    broken = follow_up(alice, 4, "done", TODAY)
    broken.write_text(broken.read_text().replace('status = "done"', 'status = "finished"'))
    result = aspire("show", "alice")
    assert result.exit_code == 2
    assert "#4  Write the tech strategy" in result.stdout  # the record is shown all the same
    assert result.stderr.startswith(f"error: {broken}: ") and len(result.stderr.splitlines()) == 1


# -- what reaches the terminal -------------------------------------------------------------------
def test_piped_output_is_plain_text_even_without_no_color(aspire, alice):
    environment = terminal_env(alice)
    del environment["NO_COLOR"]
    done = subprocess.run(
        [aspire_script(), "show", "alice"], capture_output=True, text=True, env=environment, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout
    assert done.stdout == aspire("show", "alice").stdout


def spawn_show(home: Path, **env: str) -> str:
    environment = terminal_env(home) | env
    if env.get("NO_COLOR") is None:
        del environment["NO_COLOR"]
    child = pexpect.spawn(
        aspire_script(),
        ["show", "alice"],
        env=environment,
        encoding="utf-8",
        dimensions=(60, 100),
        timeout=15,
    )
    child.logfile_read = io.StringIO()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return child.logfile_read.getvalue()


def test_in_a_terminal_rich_draws_it_and_no_color_turns_the_colour_off(alice):
    drawn = spawn_show(alice)
    assert "\x1b[" in drawn  # colour, from Rich
    assert "Mentor two juniors" in drawn and "overdue" in drawn and "Principal engineer" in drawn
    plain = spawn_show(alice, NO_COLOR="1")
    assert "\x1b[" not in plain
    assert "status:  overdue" in plain and "Principal engineer" in plain


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "rich"])
def test_control_characters_in_a_record_are_shown_never_obeyed(aspire, home, colour):
    aspire("team", "add", "alice", "--name", "Alice")
    hostile = [{"action": HOSTILE, "measure": HOSTILE}]
    hold_talk(aspire, LAST_YEAR, hostile, short_term_aspiration=HOSTILE, development_area=HOSTILE)
    follow_up(home, 1, "dropped", TODAY, note=HOSTILE)
    out = spawn_show(home) if colour else aspire("show", "alice").stdout
    for raw in ("\x1b]0;", "\x07", "\x1b[2J", "\rforged"):
        assert raw not in out
    shown = "\\x1b]0;PWNED\\x07\\x1b[2Jafter\\rforged"
    assert out.count(shown) >= (2 if colour else 5)  # in a Rich table's narrow cells it is folded


# -- speed: a warm show reads the index, not the files -------------------------------------------
@pytest.fixture(scope="module")
def settled_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("warm") / "home"
    build_home(home, employees=3, years=3)
    time.sleep(2.1)  # let every stamp settle (see files.STABLE_AFTER_NS), as between real runs
    return home


@pytest.mark.parametrize(
    "args", [["show", "emp-001"], ["show", "emp-001", "--kind", "prep"], ["history", "emp-001", "--json"]]
)
def test_a_warm_show_or_history_piped_loads_no_pydantic_and_no_rich(settled_home, args):
    probe(settled_home, *args)
    modules, opened, done = probe(settled_home, *args)
    assert done.returncode == 0, done.stderr
    assert "Emp-001" in done.stdout or '"date"' in done.stdout
    assert not modules & HEAVY
    assert [p for p in opened if "/records/" in p and p.endswith(".toml")] == []  # all from the index
