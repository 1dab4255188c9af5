"""`aspire share`: what an employee is handed holds their answers and actions, and never the
leader's prep notes or assessments.

The prep answers are distinctive strings (and choices the talk does not use), so that their absence
can be asserted in whatever is written.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
from html.parser import HTMLParser

import pytest
from support.processes import aspire_script

PREP_SECRETS = (
    "PREP-POTENTIAL-Qx9",
    "PREP-DEVELOPMENT-Qx9",
    "PREP-STRENGTHS-Qx9",
    "PREP-NEEDS-Qx9",
    "PREP-NEXT-Qx9",
)
PREP = f"""\
potential = "{PREP_SECRETS[0]}"
potential_level = "expert track"
readiness = "3-5 years"
development = "{PREP_SECRETS[1]}"
strengths = "{PREP_SECRETS[2]}"
short_term_needs = "{PREP_SECRETS[3]}"
next_assignment = "{PREP_SECRETS[4]}"
"""
NEVER_SHARED = (*PREP_SECRETS, "expert track", "3-5 years", "potential", "readiness", "Potential")
HOSTILE = '<script>alert("x")</script> & <img src=http://evil.example/x.png> # not a heading | pipe'


def talk(short_term: str, actions: list[tuple[str, str | None]], **more: str) -> str:
    answers = {
        "short_term_aspiration": short_term,
        "long_term_aspiration": "Director of engineering\nwith a second line",
        "aspiration_level": "senior leadership",
        "knows_path": "Partly: needs people-management experience",
        "willing": "yes",
        "core_strength": "Architecture",
        "development_area": "Delegation",
        "next_assignment_wish": "More ownership",
        **more,
    }
    text = "".join(f"{key} = {json.dumps(value)}\n" for key, value in answers.items())
    for action, due in actions:
        text += f'\n[[actions]]\naction = {json.dumps(action)}\nmeasure = "Two sessions a month"\n'
        text += f"due = {due}\n" if due else ""
    return text


def held(aspire, kind: str, employee: str, day: str, answers: str) -> None:
    done = aspire(kind, employee, "--date", day, "--answers", "-", input=answers)
    assert done.exit_code == 0, done.stderr


@pytest.fixture
def alice(aspire, home, monkeypatch):
    monkeypatch.setenv("ASPIRE_LEADER", "Dana Lee")
    aspire("team", "add", "alice", "--name", "Alice Smith")
    held(
        aspire, "talk", "alice", "2025-01-10", talk("An older aspiration", [("Run the guild", "2025-06-30")])
    )
    held(aspire, "prep", "alice", "2026-01-08", PREP)
    held(
        aspire,
        "talk",
        "alice",
        "2026-01-10",
        talk("Lead a small team", [("Write the RFC", "2027-03-01"), ("Present at the all-hands", None)]),
    )
    assert (
        aspire("actions", "done", "alice", "3", "--date", "2026-02-01", "--note", "LEADER-NOTE").exit_code
        == 0
    )
    return home


def shared(aspire, *args: str) -> str:
    done = aspire("share", "alice", *args)
    assert done.exit_code == 0, done.stderr
    return done.stdout


def test_markdown_holds_the_latest_talk_and_its_actions_with_their_status(aspire, alice):
    text = shared(aspire)
    assert text.startswith("# Your career aspiration discussion with Dana Lee, 10 January 2026\n")
    assert "For Alice Smith." in text
    assert "## 1. What is your short-term career aspiration?" in text
    for answer in ("Lead a small team", "senior leadership", "Partly: needs people-management experience"):
        assert answer in text
    assert "Director of engineering \\\nwith a second line" in text  # the line break kept
    assert "| 2 | Write the RFC | Two sessions a month | 2027-03-01 | open |" in text
    assert "| 3 | Present at the all-hands | Two sessions a month | - | done on 2026-02-01 |" in text
    assert "An older aspiration" not in text  # the older talk's answers are not shared
    own, earlier = text.split("## Still open from earlier talks")  # but its actions still open are
    assert "Run the guild" not in own and "| Run the guild |" in earlier


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_nothing_of_the_prep_is_ever_shared(aspire, alice, fmt):
    text = shared(aspire, "--format", fmt)
    for private in NEVER_SHARED:
        assert private not in text
    assert "LEADER-NOTE" not in text  # the leader's note on a follow-up is theirs too


def test_html_is_one_self_contained_page_with_everything_escaped(aspire, alice):
    held(aspire, "talk", "alice", "2026-03-01", talk(HOSTILE, [(HOSTILE, None)], core_strength="a\x1b[2Jb"))
    page = shared(aspire, "--format", "html")
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    assert parsed.tags >= {"html", "head", "style", "title", "body", "h1", "h2", "p", "table", "td"}
    assert not parsed.tags & {"script", "img", "link", "iframe", "object", "a", "base", "form"}
    assert not any(name in ("src", "href") for name, _ in parsed.attributes)
    text = re.sub(r'<span class="(long|date)">|</span>', "", page)  # aspire's own, for line breaking
    policy = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )
    assert policy in text  # and should a text slip through, the browser fetches and runs nothing
    rest = text.replace(HOSTILE_ESCAPED, "").replace(policy, "")
    assert "http" not in rest and "src=" not in rest
    assert parsed.text.count(HOSTILE) == 2  # the answer and the action, shown as typed
    assert "a\\x1b[2Jb" in parsed.text and "\x1b" not in page
    assert parsed.title == "Your career aspiration discussion with Dana Lee, 1 March 2026"


HOSTILE_ESCAPED = (
    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=http://evil.example/x.png&gt;"
    " # not a heading | pipe"
)


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str | None]] = []
        self.text = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += attrs
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        self.text += data
        if self._in_title:
            self.title += data


def test_markdown_escapes_what_would_change_its_structure(aspire, alice):
    held(aspire, "talk", "alice", "2026-03-01", talk("# not a heading\n- not a list", [("a | b", None)]))
    text = shared(aspire)
    assert "\n\\# not a heading \\\n\\- not a list\n" in text
    own = text.split("## Still open from earlier talks")[0]  # #1, of an earlier talk, is listed there
    assert "| 1 |" not in own and "| 4 | a \\| b |" in own


def test_out_writes_a_private_file_and_says_what_it_holds(aspire, alice, tmp_path):
    target = tmp_path / "alice.html"
    done = aspire("share", "alice", "--format", "html", "--out", str(target))
    assert done.exit_code == 0, done.stderr
    assert f"to {target}" in done.stdout and "none of your prep notes" in done.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("<!DOCTYPE html>")


def test_out_refuses_a_symbolic_link_and_writes_nothing(aspire, alice, tmp_path):
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep me")
    link = tmp_path / "link.md"
    link.symlink_to(elsewhere)
    done = aspire("share", "alice", "--out", str(link))
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.startswith("error: --out ") and "symbolic link" in done.stderr
    assert link.is_symlink() and elsewhere.read_text() == "keep me"


def test_out_refuses_a_folder(aspire, alice, tmp_path):
    done = aspire("share", "alice", "--out", str(tmp_path))
    assert done.exit_code == 2 and "is a folder" in done.stderr and done.stdout == ""


def test_no_talk_yet_is_one_clear_line_and_nothing_is_written(aspire, alice, tmp_path):
    aspire("team", "add", "bob")
    held(aspire, "prep", "bob", "2026-01-08", PREP)
    target = tmp_path / "bob.md"
    done = aspire("share", "bob", "--out", str(target))
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr == "error: no talk with bob yet, so nothing to share; hold one with: aspire talk bob\n"
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["carol"], "'carol' has no records and is not on your team"),
        (["Alice"], "'Alice' is not a valid employee id"),
        (["alice", "--format", "pdf"], "--format 'pdf': must be one of md, html"),
    ],
)
def test_bad_input_is_one_error_line(aspire, alice, args, words):
    done = aspire("share", *args)
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.startswith("error: ") and words in done.stderr and done.stderr.count("\n") == 1


def test_a_broken_file_it_depends_on_stops_it_and_nothing_is_written(aspire, alice, tmp_path):
    follow_up = next((alice / "records" / "alice").glob("*-action-3-*.toml"))
    follow_up.write_text("status = = done")
    target = tmp_path / "alice.md"
    done = aspire("share", "alice", "--out", str(target))
    assert done.exit_code == 2 and str(follow_up) in done.stderr and "fix it first" in done.stderr
    assert not target.exists()


def test_a_broken_prep_does_not_matter_it_is_never_read(aspire, alice):
    (alice / "records" / "alice" / "2026-01-08-prep.toml").write_text("not = = toml")
    assert "Lead a small team" in shared(aspire)


def test_assessments_in_a_talk_set_of_your_own_are_still_not_shared(aspire, alice):
    (alice / "questions").mkdir()
    (alice / "questions" / "talk.toml").write_text(OWN_TALK)
    answers = (
        'aim = "Staff engineer"\nreadiness = "ready now"\n\n[[actions]]\naction = "Mentor"\nmeasure = "Two"\n'
    )
    held(aspire, "talk", "alice", "2026-04-01", answers)
    text = shared(aspire)
    assert "Staff engineer" in text and "Mentor" in text
    assert "ready now" not in text and "How ready" not in text


OWN_TALK = """\
id = "talk"
version = 9
title = "A shorter talk"

[[questions]]
id = "aim"
text = "What do you aim for?"
kind = "long_text"

[[questions]]
id = "readiness"
text = "How ready are they?"
kind = "choice"
choices = ["ready now", "later"]

[[questions]]
id = "actions"
text = "What will you do?"
kind = "actions"
"""


def test_without_a_leader_name_the_title_names_no_one_and_says_how_to_set_it(aspire, alice, monkeypatch):
    monkeypatch.delenv("ASPIRE_LEADER")
    done = aspire("share", "alice")
    assert done.exit_code == 0
    assert done.stdout.startswith("# Your career aspiration discussion, 10 January 2026\n")
    assert done.stderr.startswith("warning: no leader name set") and "ASPIRE_LEADER" in done.stderr


def test_a_member_removed_from_the_team_can_still_be_handed_their_summary(aspire, alice):
    assert aspire("team", "remove", "alice").exit_code == 0
    text = shared(aspire)
    assert "For alice." in text and "Lead a small team" in text


def test_piped_into_a_closed_pipe_ends_quietly(aspire, alice):
    held(aspire, "talk", "alice", "2026-03-01", talk("A long answer. " * 20_000, [("Act", None)]))
    reader, writer = os.pipe()
    os.close(reader)
    env = dict(os.environ, ASPIRE_HOME=str(alice), NO_COLOR="1")
    try:
        done = subprocess.run(
            [aspire_script(), "share", "alice"],
            env=env,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=30,
        )
    finally:
        os.close(writer)
    assert done.stderr == "" and done.returncode == 141
