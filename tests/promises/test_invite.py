"""`aspire invite`: what the employee is sent before their talk. Four private files named after them
and the day (the pre-read as Markdown and a page, the form, its TOML template), holding when the talk
is due, what they aimed for last time, their actions and where each stands, and the questions with
guidance written for them; never a prep note, the leader's view, a follow-up's note, or anything
of anyone else. `--due` writes them for everyone due; a wrong line is refused before anything is
written."""

from __future__ import annotations

import stat
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from support.answers import PREP_ANSWERS, TALK_ANSWERS

from aspire_cli.domain.schedule import add_months

TODAY = date.today().isoformat()
LAST = (date.today() - timedelta(days=300)).isoformat()
FILES = [f"alice-{TODAY}-{part}" for part in ("pre-read.md", "pre-read.html", "form.html", "form.toml")]
BOBS_TALK = TALK_ANSWERS.replace("Lead a small team", "BOB-SECRET-AIM")


@pytest.fixture
def team(aspire, home: Path) -> Path:
    """Alice, prepared for and talked with 300 days ago, one action done with a note; Bob too."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    assert aspire("team", "add", "bob").exit_code == 0
    assert aspire("prep", "alice", "--date", LAST, "--answers", "-", input=PREP_ANSWERS).exit_code == 0
    assert aspire("talk", "alice", "--date", LAST, "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    assert aspire("talk", "bob", "--date", LAST, "--answers", "-", input=BOBS_TALK).exit_code == 0
    done = aspire("actions", "done", "alice", "2", "--date", LAST, "--note", "LEADER-NOTE")
    assert done.exit_code == 0, done.stderr
    return home


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "invitations"
    folder.mkdir()
    return folder


def invited(aspire, out: Path, *args: str) -> dict[str, str]:
    result = aspire("invite", *args, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(out.iterdir())}


def test_four_private_files_named_after_them_and_the_day(aspire, team, out):
    result = aspire("invite", "alice", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(path.name for path in out.iterdir()) == sorted(FILES)
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in out.iterdir())
    assert result.stdout.splitlines() == [
        f"Wrote Alice Smith's invitation in {out}:",
        f"  {FILES[0]}, {FILES[1]} (to read)",
        f"  {FILES[2]}, {FILES[3]} (to answer)",
        "Send both; what they save comes back with: aspire talk alice --from FILE",
    ]


def test_the_pre_read_says_when_what_they_aimed_for_their_actions_and_the_questions(aspire, team, out):
    pre_read = invited(aspire, out, "alice")[FILES[0]]
    due = add_months(date.fromisoformat(LAST), 12)
    assert f"Your next career aspiration discussion is due by {due.day} " in pre_read
    assert "- **Short term:** Lead a small team\n- **Long term:** Director of engineering\n" in pre_read
    assert "- **Level:** senior leadership" in pre_read
    assert "| 1 | Run the architecture guild | Two sessions a month | 2027-06-30 | open |" in pre_read
    assert (
        f"| 2 | Hand release management to Bob | Bob runs two releases alone | - | done on {LAST} |"
        in pre_read
    )
    assert "### 3. At what level do you see yourself in the long run?" in pre_read
    assert (
        "Choose one of: current role, one level up, two or more levels up, senior leadership, expert track."
        in pre_read
    )
    assert "Your strongest ability, in your own view." in pre_read  # the guidance written for them
    assert "Share yours from the prep" not in pre_read  # not the leader's


def test_nothing_of_the_prep_a_follow_up_note_or_anyone_else_is_in_any_file(aspire, team, out):
    for name, text in invited(aspire, out, "alice").items():
        for private in (
            "Head of platform engineering",
            "two or more levels up\n",
            "1-2 years",
            "Presentation skills",
        ):
            assert private not in text.replace("two or more levels up,", ""), (name, private)
        assert "LEADER-NOTE" not in text, name
        assert "BOB-SECRET-AIM" not in text and "bob" not in text, name


def test_a_first_discussion_says_so_and_asks_the_same_questions(aspire, team, out):
    assert aspire("team", "add", "carol").exit_code == 0
    pre_read = invited(aspire, out, "carol")[f"carol-{TODAY}-pre-read.md"]
    assert "This will be your first career aspiration discussion." in pre_read
    assert "What you aimed for" not in pre_read and "Your actions" not in pre_read


def test_the_template_filled_in_an_editor_comes_back_with_talk_from(aspire, team, out, tmp_path):
    template = invited(aspire, out, "alice")[FILES[3]]
    assert tomllib.loads(template)["form"] == {
        "employee": "alice",
        "question_set": "talk",
        "version": 2,
        "sent": date.today(),
    }
    filled = template.replace('core_strength = ""', 'core_strength = "Listening"')
    (tmp_path / "theirs.toml").write_text(filled)
    (tmp_path / "agreed.toml").write_text(TALK_ANSWERS)
    held = aspire(
        "talk", "alice", "--answers", str(tmp_path / "agreed.toml"), "--from", str(tmp_path / "theirs.toml")
    )
    assert held.exit_code == 0, held.stderr
    record = tomllib.loads((team / f"records/alice/{TODAY}-talk.toml").read_text())
    assert record["own_words"] == {"core_strength": "Listening"}  # what they left "" is no answer


def test_a_template_sent_back_untouched_is_refused_as_empty(aspire, team, out, tmp_path):
    (tmp_path / "agreed.toml").write_text(TALK_ANSWERS)
    invited(aspire, out, "alice")
    held = aspire("talk", "alice", "--answers", str(tmp_path / "agreed.toml"), "--from", str(out / FILES[3]))
    assert held.exit_code == 2
    assert "no answer in it: did they save the form before sending it?" in held.stderr
    assert not (team / f"records/alice/{TODAY}-talk.toml").exists()


def test_due_invites_everyone_due_and_no_one_else(aspire, team, out):
    assert aspire("team", "add", "carol").exit_code == 0  # never held: due now
    result = aspire("invite", "--due", "--within", "30", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted({path.name.split("-")[0] for path in out.iterdir()}) == ["carol"]
    wider = aspire("invite", "--due", "--within", "90", "--out", str(out))  # alice and bob are due in 65 days
    assert [line.split("'")[0] for line in wider.stdout.splitlines() if line.startswith("Wrote")] == [
        "Wrote carol",
        "Wrote Alice Smith",
        "Wrote bob",
    ]


def test_due_with_no_one_due_says_so_and_writes_nothing(aspire, team, out):
    result = aspire("invite", "--due", "--within", "0", "--out", str(out))
    assert result.exit_code == 0
    assert result.stdout == "No one is due within 0 days; nothing written.\n"
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["dave"], "error: 'dave' is not on your team; add them first: aspire team add dave"),
        ([], "error: name the employee, or --due for everyone due; see: aspire invite --help"),
        (["alice", "--due"], "error: name the employee, or --due for everyone due"),
        (["alice", "--within", "5"], "error: --within goes with --due; see: aspire invite --help"),
        (["Alice!"], "error: 'Alice!' is not a valid employee id"),
    ],
)
def test_a_wrong_line_is_one_error_and_nothing_written(aspire, team, out, args, says):
    result = aspire("invite", *args, "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(says), result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert list(out.iterdir()) == []


def test_a_folder_that_is_not_there_or_inside_the_home_is_refused(aspire, team, tmp_path):
    missing = aspire("invite", "alice", "--out", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2
    assert (
        missing.stderr == f"error: --out {tmp_path / 'nowhere'}: there is no folder {tmp_path / 'nowhere'}; "
        "create it first\n"
    )
    inside = aspire("invite", "alice", "--out", str(team / "records"))
    assert inside.exit_code == 2 and "is inside your aspire folder" in inside.stderr
    assert not any((team / "records").glob("alice-*"))


def test_a_link_in_place_of_a_file_is_neither_followed_nor_replaced(aspire, team, out, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    (out / FILES[2]).symlink_to(target)
    result = aspire("invite", "alice", "--out", str(out))
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert target.read_text() == "keep me"
    assert sorted(path.name for path in out.iterdir()) == [FILES[2]]  # nothing else written either


def test_a_hostile_name_is_shown_never_obeyed_in_the_pages(aspire, home, out):
    assert aspire("team", "add", "eve", "--name", "Eve <script>alert(1)</script>").exit_code == 0
    files = invited(aspire, out, "eve")
    for name, text in files.items():
        if name.endswith(".html"):
            assert "<script>alert" not in text, name
            assert "Eve &lt;script&gt;alert(1)&lt;/script&gt;" in text, name
