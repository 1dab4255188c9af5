"""A question set is data from anywhere (shipped, your own, synced, --questions FILE): whatever its
text holds, the interview shows its control characters as escapes (`\\x1b`) and never obeys them."""

import io
import subprocess
import tomllib

import pexpect
import pytest
from support.paths import REPO
from support.processes import aspire_script, terminal_env

# In TOML: retitle the terminal, clear the screen, and go back to the line's start to forge it.
HOSTILE_TOML = r"\u001b]0;PWNED\u0007\u001b[2J\rforged"
HOSTILE = tomllib.loads(f'x = "{HOSTILE_TOML}"')["x"]
SHOWN = r"\x1b]0;PWNED\x07\x1b[2J\rforged"  # what the leader must see instead
SHIPPED_TALK = (REPO / "questions" / "talk.toml").read_text()

QUICK_SET = f"""\
id = "quick"
version = 1
title = "Quick{HOSTILE_TOML}"
intro = "Intro{HOSTILE_TOML}"

[[questions]]
id = "mood"
text = "Mood{HOSTILE_TOML}?"
guidance = "Guide{HOSTILE_TOML}"
kind = "choice"
choices = ["fine{HOSTILE_TOML}", "great"]

[[questions]]
id = "note"
text = "Note{HOSTILE_TOML}"
guidance = "More{HOSTILE_TOML}"
kind = "long_text"
required = false
"""


def hostile_talk() -> str:
    """The shipped talk set, its intro, first question, guidance and a choice made hostile."""
    replacements = [
        ("version = 2", "version = 3"),
        ('title = "Career', f'title = "Career{HOSTILE_TOML}'),
        ('intro = "Ask', f'intro = "Intro{HOSTILE_TOML} Ask'),
        ('text = "What is your short-term', f'text = "Q{HOSTILE_TOML} What is your short-term'),
        ('guidance = "The role', f'guidance = "G{HOSTILE_TOML} The role'),
        ('"current role", "one level up"', f'"current role{HOSTILE_TOML}", "one level up"'),
    ]
    text = SHIPPED_TALK
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    return text


def assert_harmless(screen: str) -> None:
    for raw in ("\x1b]0;PWNED", "\x1b[2J", "\x07", "\rforged"):
        assert raw not in screen, repr(screen)


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice", "--name", "Alice").exit_code == 0
    return home


def spawn(home, *args):
    child = pexpect.spawn(
        aspire_script(),
        list(args),
        env=terminal_env(home),
        encoding="utf-8",
        dimensions=(60, 160),
        timeout=15,
    )
    child.logfile_read = io.StringIO()  # the whole screen, not just what came since the last match
    return child


def test_your_own_hostile_set_is_shown_never_obeyed_in_the_interview(alice):
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(hostile_talk())
    child = spawn(alice, "talk", "alice")
    for position in ("1/9", "2/9"):
        child.expect(position)
        child.expect("Answer:")
        child.send("an answer\r")
    child.expect("3/9")
    child.expect("Answer:")
    child.expect("expert track")  # the choices are drawn
    screen = child.logfile_read.getvalue()
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert_harmless(screen)
    # the intro, the question, its guidance and the choice: each shown, escaped
    for seen in (f"Intro{SHOWN}", f"Q{SHOWN} What is your", f"G{SHOWN} The role", f"current role{SHOWN}"):
        assert seen in screen, seen


def test_a_hostile_set_given_with_questions_is_shown_never_obeyed_and_its_record_is_kept(alice, tmp_path):
    given = tmp_path / "quick.toml"
    given.write_text(QUICK_SET)
    child = spawn(alice, "prep", "alice", "--questions", str(given))
    child.expect("1/2")
    child.expect("Answer:")
    child.expect("great")
    child.send("\r")  # the first choice: the hostile one
    child.expect("2/2")
    child.expect("Answer:")
    child.send("all good\r")
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    screen = child.logfile_read.getvalue()
    assert child.exitstatus == 0, screen
    assert_harmless(screen)
    for where in ("Intro", "Mood", "Guide", "fine", "Note", "More"):  # intro, questions, guidance, choice
        assert f"{where}{SHOWN}" in screen, where
    (record,) = (alice / "records" / "alice").glob("*-prep.toml")
    assert tomllib.loads(record.read_text())["answers"]["mood"] == f"fine{HOSTILE}"  # kept as chosen


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["questions", "list"], True),
        (["questions", "show", "talk"], True),
        (["talk", "alice", "--answers", "{talk}"], True),  # the error quotes the set's choices
        (["prep", "alice", "--questions", "{quick}", "--answers", "{mood}"], True),
        (["questions", "validate", "{quick}"], False),
    ],
)
def test_every_other_output_of_a_hostile_set_stays_harmless(alice, tmp_path, args, quoted):
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(hostile_talk())
    (tmp_path / "quick.toml").write_text(QUICK_SET)
    (tmp_path / "talk.toml").write_text('aspiration_level = "none of these"\n')
    (tmp_path / "mood.toml").write_text('mood = "bad"\n')
    files = {name: tmp_path / f"{name}.toml" for name in ("talk", "mood", "quick")}
    words = [arg.format_map(files) for arg in args]
    result = subprocess.run(
        [aspire_script(), *words], capture_output=True, text=True, env=terminal_env(alice), timeout=30
    )
    assert_harmless(result.stdout + result.stderr)
    assert (SHOWN in result.stdout + result.stderr) is quoted
