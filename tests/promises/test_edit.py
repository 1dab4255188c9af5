"""`aspire edit`: a record corrected in $EDITOR, checked as typed answers are, kept only if valid.

Editors here are small Python scripts that change the file they are given, as a person would.
"""

from __future__ import annotations

import shlex
import stat
import sys
import tomllib
from datetime import date
from pathlib import Path

import pexpect
import pytest
from support.answers import TALK_ANSWERS
from support.processes import aspire_script, terminal_env
from support.records_factory import write

from aspire_cli.storage.looking_back import folder_contents
from aspire_cli.storage.store import Store

RECORD = "records/alice/2026-11-20-talk"


def editor(tmp_path: Path, *changes: tuple[str, str], name: str = "editor") -> str:
    """An $EDITOR that replaces text in the file it opens; with several changes, the nth run makes
    the nth (a person editing again after a refusal)."""
    script = tmp_path / f"{name}.py"
    count = tmp_path / f"{name}.runs"
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        f"changes = {list(changes)!r}\n"
        f"count = pathlib.Path({str(count)!r})\n"
        "run = int(count.read_text()) if count.exists() else 0\n"
        "count.write_text(str(run + 1))\n"
        "old, new = changes[min(run, len(changes) - 1)]\n"
        "path = pathlib.Path(sys.argv[-1])\n"
        "text = path.read_text()\n"
        "assert old in text, (old, text)\n"
        "path.write_text(text.replace(old, new, 1))\n"
    )
    script.chmod(0o700)
    return shlex.quote(str(script))


def runs(tmp_path: Path, name: str = "editor") -> int:
    count = tmp_path / f"{name}.runs"
    return int(count.read_text()) if count.exists() else 0


@pytest.fixture
def alice(aspire, home: Path) -> Path:
    """Alice's talk of 2026-11-20 (actions 1 and 2), as `aspire talk --answers` writes it."""
    assert aspire("team", "add", "alice", "--name", "Alice Smith").exit_code == 0
    result = aspire("talk", "alice", "--date", "2026-11-20", "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 0, result.stderr
    return home


def files(home: Path) -> dict[str, bytes]:
    """Every file under the home but the tool's own (index, locks), by path: what an edit may change."""
    found = {}
    for path in home.rglob("*"):
        if path.is_file() and not path.name.startswith((".index", ".lock")) and ".locks" not in path.parts:
            found[str(path.relative_to(home))] = path.read_bytes()
    return found


def one_line(stderr: str, *fragments: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)


def edit(aspire, monkeypatch, command: str, *args: str):
    monkeypatch.setenv("EDITOR", command)
    return aspire("edit", "alice", *args)


# -- a valid edit -------------------------------------------------------------------------------


def test_a_changed_value_is_saved_with_its_markdown_and_the_version_before_kept(
    aspire, alice, monkeypatch, tmp_path
):
    before = (alice / f"{RECORD}.toml").read_bytes()
    result = edit(aspire, monkeypatch, editor(tmp_path, ('willing = "yes"', 'willing = "no"')))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    [line] = result.stdout.splitlines()
    assert line.startswith(f"Saved {alice / RECORD}.toml and its readable copy 2026-11-20-talk.md")
    record = tomllib.loads((alice / f"{RECORD}.toml").read_text())
    assert record["answers"]["willing"] == "no"
    assert [a["number"] for a in record["answers"]["actions"]] == [1, 2]
    markdown = (alice / f"{RECORD}.md").read_text()
    assert "## 5. Are you willing" in markdown and "\nno\n" in markdown and "\nyes\n" not in markdown
    [kept] = (alice / "records/alice/.versions").iterdir()
    assert kept.name.startswith("2026-11-20-talk.") and kept.name.endswith("Z.toml")
    assert kept.name in line
    assert kept.read_bytes() == before
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert not (alice / ".editing").exists()  # the private copy is gone


def test_the_editor_gets_a_private_copy_inside_the_home(aspire, alice, monkeypatch, tmp_path):
    seen = tmp_path / "seen"
    script = tmp_path / "look.py"
    script.write_text(
        f"#!{sys.executable}\nimport os, stat, sys\n"
        "p = sys.argv[-1]\n"
        f"open({str(seen)!r}, 'w').write(p + ' ' + oct(stat.S_IMODE(os.stat(p).st_mode))"
        " + ' ' + oct(stat.S_IMODE(os.stat(os.path.dirname(p)).st_mode)) + '\\n' + open(p).read())\n"
    )
    script.chmod(0o700)
    result = edit(aspire, monkeypatch, str(script))
    assert result.exit_code == 0
    where, mode, folder_mode = seen.read_text().split("\n")[0].split(" ")
    assert where == str(alice / ".editing/alice/2026-11-20-talk.toml")
    assert (mode, folder_mode) == ("0o600", "0o700")
    assert "# aspire edit: alice's talk of 2026-11-20." in seen.read_text()
    assert not (alice / ".editing").exists()


def test_visual_comes_before_editor_and_its_words_are_split_like_a_shell(
    aspire, alice, monkeypatch, tmp_path
):
    monkeypatch.setenv("EDITOR", "false")
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c 'import sys; assert sys.argv[1] == \"--flag\"' --flag")
    result = aspire("edit", "alice")
    assert result.exit_code == 0, result.stderr
    assert "No change" in result.stdout


def test_an_unchanged_edit_writes_nothing(aspire, alice, monkeypatch):
    before = files(alice)
    result = edit(aspire, monkeypatch, "true")
    assert result.exit_code == 0
    assert result.stdout == f"No change: {alice / RECORD}.toml is as it was.\n"
    assert files(alice) == before


def test_an_edit_that_only_adds_a_comment_is_no_change(aspire, alice, monkeypatch, tmp_path):
    before = files(alice)
    result = edit(aspire, monkeypatch, editor(tmp_path, ("[answers]", "# a note\n[answers]")))
    assert result.exit_code == 0
    assert "No change" in result.stdout
    assert files(alice) == before


def test_an_edit_undone_by_copying_the_version_back_gets_its_markdown_rewritten(
    aspire, alice, monkeypatch, tmp_path
):
    """What the leader's guide (docs/guide/looking-back.md) says to do to undo an edit."""
    original = (alice / f"{RECORD}.md").read_bytes()
    assert edit(aspire, monkeypatch, editor(tmp_path, ("Architecture", "Databases"))).exit_code == 0
    [kept] = (alice / "records/alice/.versions").iterdir()
    (alice / f"{RECORD}.toml").write_bytes(kept.read_bytes())  # cp .versions/... 2026-11-20-talk.toml
    result = edit(aspire, monkeypatch, "true")
    assert result.exit_code == 0
    assert "readable copy 2026-11-20-talk.md was out of date and is rewritten" in result.stdout
    assert (alice / f"{RECORD}.md").read_bytes() == original


def test_a_second_talk_of_one_day_and_a_prep_are_chosen_with_date_and_kind(
    aspire, alice, monkeypatch, tmp_path
):
    from support.answers import PREP_ANSWERS

    again = aspire("talk", "alice", "--date", "2026-11-20", "--answers", "-", "--again", input=TALK_ANSWERS)
    assert again.exit_code == 0
    prep = aspire("prep", "alice", "--date", "2026-11-20", "--answers", "-", input=PREP_ANSWERS)
    assert prep.exit_code == 0
    result = edit(
        aspire, monkeypatch, editor(tmp_path, ("Lead a small team", "Lead two")), "--date", "2026-11-20-2"
    )
    assert result.exit_code == 0, result.stderr
    assert "Lead two" in (alice / f"{RECORD}-2.toml").read_text()
    assert "Lead two" not in (alice / f"{RECORD}.toml").read_text()
    result = edit(
        aspire, monkeypatch, editor(tmp_path, ("Systems", "Distributed systems"), name="p"), "--kind", "prep"
    )
    assert result.exit_code == 0, result.stderr
    assert "Distributed systems" in (alice / "records/alice/2026-11-20-prep.toml").read_text()
    assert "Distributed systems" in (alice / "records/alice/2026-11-20-prep.md").read_text()


# -- an invalid edit, with no terminal to ask in ------------------------------------------------------

INVALID = [
    (("[answers]", "[answers"), "not valid TOML", "(at line 12, column 9)"),
    (('willing = "yes"', 'willing = "maybe"'), "answers.willing: must be one of: yes, partly, no", ""),
    (
        ("date = 2026-11-20", "date = 2026-11-21"),
        "date cannot be changed by an edit",
        "put back: date = 2026-11-20",
    ),
    (
        ('employee = "alice"', 'employee = "bob"'),
        "employee cannot be changed",
        'put back: employee = "alice"',
    ),
    (('kind = "talk"', 'kind = "prep"'), "kind cannot be changed", 'put back: kind = "talk"'),
    (("date = 2026-11-20\n", ""), "date is missing", "put back: date = 2026-11-20"),
    (('core_strength = "Architecture"\n', ""), "answers.core_strength: an answer is required", ""),
    (("due = 2027-06-30", "due = 2026-01-01"), "answers.actions[1]: due date 2026-01-01 is before", ""),
    (("[answers]", '[answers]\nmood = "fine"'), "unknown question id 'mood'", ""),
]


@pytest.mark.parametrize(("change", "problem", "hint"), INVALID)
def test_an_invalid_edit_without_a_terminal_changes_nothing_and_exits_2(
    aspire, alice, monkeypatch, tmp_path, change, problem, hint
):
    before = files(alice)
    result = edit(aspire, monkeypatch, editor(tmp_path, change))
    assert result.exit_code == 2
    copy = alice / ".editing/alice/2026-11-20-talk.toml"
    one_line(result.stderr, "error: not saved: ", problem, hint, f"{alice / RECORD}.toml is unchanged")
    assert (
        f"your edited text is kept in {copy}; carry on with: aspire edit alice --date 2026-11-20"
        in result.stderr
    )
    assert result.stdout == ""
    after = files(alice)
    kept = after.pop(".editing/alice/2026-11-20-talk.toml")  # nothing typed is lost
    assert after == before  # the record, its Markdown copy: byte for byte
    assert change[1].encode() in kept


def test_an_edit_left_unsaved_is_not_overwritten_by_the_next_edit_without_a_terminal(
    aspire, alice, monkeypatch, tmp_path
):
    assert (
        edit(aspire, monkeypatch, editor(tmp_path, ('willing = "yes"', 'willing = "maybe"'))).exit_code == 2
    )
    copy = alice / ".editing/alice/2026-11-20-talk.toml"
    unsaved = copy.read_bytes()
    result = edit(aspire, monkeypatch, editor(tmp_path, ('willing = "yes"', 'willing = "no"'), name="second"))
    assert result.exit_code == 2
    one_line(result.stderr, "that was not saved is waiting", f"kept in {copy}")
    assert runs(tmp_path, "second") == 0 and copy.read_bytes() == unsaved
    copy.unlink()  # as the message says: delete it to start again from the record
    result = edit(aspire, monkeypatch, editor(tmp_path, ('willing = "yes"', 'willing = "no"'), name="third"))
    assert result.exit_code == 0, result.stderr
    assert 'willing = "no"' in (alice / f"{RECORD}.toml").read_text()


def test_a_record_changed_while_it_was_being_edited_is_not_overwritten(aspire, alice, monkeypatch, tmp_path):
    record = alice / f"{RECORD}.toml"
    script = tmp_path / "racing.py"
    script.write_text(
        f"#!{sys.executable}\nimport pathlib, sys\n"
        f"r = pathlib.Path({str(record)!r})\n"
        "r.write_text(r.read_text().replace('More ownership', 'By hand'))\n"
        "p = pathlib.Path(sys.argv[-1]); p.write_text(p.read_text().replace('Delegation', 'Feedback'))\n"
    )
    script.chmod(0o700)
    result = edit(aspire, monkeypatch, str(script))
    assert result.exit_code == 2
    one_line(result.stderr, "changed while you were editing it; nothing saved", "your edited text is kept in")
    assert "By hand" in record.read_text() and "Feedback" not in record.read_text()
    assert not (alice / "records/alice/.versions").exists()


# -- the editor itself --------------------------------------------------------------------------


def test_a_missing_editor_is_one_line_and_changes_nothing(aspire, alice, monkeypatch):
    before = files(alice)
    result = edit(aspire, monkeypatch, "no-such-editor-here --wait")
    assert result.exit_code == 1
    one_line(
        result.stderr, "cannot run $EDITOR 'no-such-editor-here --wait'", "export EDITOR=nano", "unchanged"
    )
    assert files(alice) == before


def test_an_editor_that_fails_changes_nothing(aspire, alice, monkeypatch, tmp_path):
    """vim's :cq, git's way to abort a commit, is a non-zero exit: nothing is saved."""
    script = tmp_path / "cq.py"
    script.write_text(
        f"#!{sys.executable}\nimport pathlib, sys\n"
        "p = pathlib.Path(sys.argv[-1]); p.write_text(p.read_text().replace('Delegation', 'Feedback'))\n"
        "sys.exit(1)\n"
    )
    script.chmod(0o700)
    before = (alice / f"{RECORD}.toml").read_bytes()
    result = edit(aspire, monkeypatch, str(script))
    assert result.exit_code == 1
    one_line(result.stderr, "exited with status 1, so nothing was saved", "2026-11-20-talk.toml is unchanged")
    assert (alice / f"{RECORD}.toml").read_bytes() == before


def test_an_editor_setting_that_does_not_split_is_named(aspire, alice, monkeypatch):
    monkeypatch.setenv("VISUAL", "vi 'half")
    result = aspire("edit", "alice")
    assert result.exit_code == 2
    one_line(result.stderr, "$VISUAL 'vi 'half' cannot be split into words")


def test_an_edit_waits_for_a_talk_with_the_same_person(aspire, alice, monkeypatch, tmp_path):
    with Store(alice).interview_lock("alice", "talk"):
        result = edit(aspire, monkeypatch, editor(tmp_path, ("Delegation", "Feedback")))
    assert result.exit_code == 75
    said = "`aspire talk alice`, `aspire edit alice` or `aspire delete alice`"
    one_line(result.stderr, said, "finish or stop it first")
    assert runs(tmp_path) == 0


def test_there_must_be_a_record_to_edit(aspire, alice, monkeypatch):
    result = edit(aspire, monkeypatch, "true", "--date", "2026-01-01")
    assert result.exit_code == 2
    one_line(result.stderr, "alice has no record on 2026-01-01; there are: 2026-11-20 (talk)")


# -- action numbers -----------------------------------------------------------------------------


def numbers(home: Path, name: str = RECORD) -> list[int]:
    return [a["number"] for a in tomllib.loads((home / f"{name}.toml").read_text())["answers"]["actions"]]


NEW_ACTION = '\n[[answers.actions]]\naction = "Mentor Carol"\nmeasure = "Monthly"\n'


def test_a_new_action_gets_the_next_free_number(aspire, alice, monkeypatch, tmp_path):
    later = aspire("talk", "alice", "--date", "2026-11-25", "--answers", "-", input=TALK_ANSWERS)
    assert later.exit_code == 0  # actions 3 and 4
    change = (
        'measure = "Bob runs two releases alone"\n',
        'measure = "Bob runs two releases alone"\n' + NEW_ACTION,
    )
    result = edit(aspire, monkeypatch, editor(tmp_path, change), "--date", "2026-11-20")
    assert result.exit_code == 0, result.stderr
    assert numbers(alice) == [1, 2, 5]
    assert "| 5 | Mentor Carol | Monthly | - |" in (alice / f"{RECORD}.md").read_text()


def test_an_action_whose_number_is_removed_gets_a_new_one(aspire, alice, monkeypatch, tmp_path):
    result = edit(aspire, monkeypatch, editor(tmp_path, ("number = 1\n", "")))
    assert result.exit_code == 0, result.stderr
    assert numbers(alice) == [3, 2]


BAD_NUMBERS = [
    (("number = 2", "number = 1"), "answers.actions[2]: number 1 is given twice"),
    (("number = 2", "number = 7"), "answers.actions[2]: number 7 was not this talk's (its actions are 1, 2)"),
    (
        ("number = 2", "number = 3"),
        "answers.actions[2]: number 3 is that of an action in 2026-11-25-talk.toml",
    ),
]


@pytest.mark.parametrize(("change", "problem"), BAD_NUMBERS)
def test_an_action_number_cannot_be_made_up_taken_or_doubled(
    aspire, alice, monkeypatch, tmp_path, change, problem
):
    assert (
        aspire("talk", "alice", "--date", "2026-11-25", "--answers", "-", input=TALK_ANSWERS).exit_code == 0
    )
    before = (alice / f"{RECORD}.toml").read_bytes()
    result = edit(aspire, monkeypatch, editor(tmp_path, change), "--date", "2026-11-20")
    assert result.exit_code == 2
    one_line(result.stderr, f"not saved: {problem}")
    assert (alice / f"{RECORD}.toml").read_bytes() == before


def test_moving_actions_around_keeps_their_numbers(aspire, alice, monkeypatch, tmp_path):
    text = (alice / f"{RECORD}.toml").read_text()
    first, second = text.split("[[answers.actions]]")[1:]
    swapped = (
        ("[[answers.actions]]" + first + "[[answers.actions]]" + second),
        "[[answers.actions]]" + second.rstrip("\n") + "\n\n[[answers.actions]]" + first.rstrip("\n") + "\n",
    )
    result = edit(aspire, monkeypatch, editor(tmp_path, swapped))
    assert result.exit_code == 0, result.stderr
    assert numbers(alice) == [2, 1]


def test_a_talk_written_before_numbers_keeps_the_numbers_its_actions_are_known_by(
    aspire, home, monkeypatch, tmp_path
):
    store = Store(home)
    assert aspire("team", "add", "alice").exit_code == 0
    write(store, "talk", "alice", date(2025, 11, 26))  # one action, no number stored: it is 1
    write(store, "talk", "alice", date(2026, 11, 26))  # likewise: it is 2
    result = edit(aspire, monkeypatch, editor(tmp_path, ("Delegation", "Feedback")), "--date", "2025-11-26")
    assert result.exit_code == 0, result.stderr
    assert numbers(home, "records/alice/2025-11-26-talk") == [1]
    contents = folder_contents(store, ["alice"])["alice"]
    from aspire_cli.domain.tracking import numbered
    from aspire_cli.storage.looking_back import agreed_actions

    assert [(n, a.record) for n, a in numbered(agreed_actions(contents.records))] == [
        (1, "2025-11-26-talk.toml"),
        (2, "2026-11-26-talk.toml"),
    ]


# -- what the rest of aspire sees ---------------------------------------------------------------


def test_kept_versions_are_not_records_to_any_listing(aspire, alice, monkeypatch, tmp_path):
    store = Store(alice)
    due_before, team_before = aspire("due", "--json").stdout, aspire("team", "list").stdout
    for n, change in enumerate([("Delegation", "Feedback"), ("Feedback", "Coaching")]):
        assert edit(aspire, monkeypatch, editor(tmp_path, change, name=f"e{n}")).exit_code == 0
    assert len(list((alice / "records/alice/.versions").iterdir())) == 2
    assert [r.path.name for r in store.records.listed("alice")] == ["2026-11-20-talk.toml"]
    contents = folder_contents(store, ["alice"])["alice"]
    assert [r.name for r in contents.records] == ["2026-11-20-talk.toml"] and contents.problems == []
    assert contents.records[0].answers()[1]["development_area"] == "Coaching"  # the index saw the edit
    assert aspire("due", "--json").stdout == due_before
    assert aspire("team", "list").stdout == team_before


def test_a_broken_record_is_fixed_by_an_edit_and_due_sees_it(aspire, alice, monkeypatch, tmp_path):
    record = alice / f"{RECORD}.toml"
    record.write_text(record.read_text().replace('willing = "yes"', 'willing = "sometimes"'))
    broken = aspire("due")
    assert broken.exit_code == 2 and "willing: must be one of" in broken.stderr
    result = edit(aspire, monkeypatch, editor(tmp_path, ('willing = "sometimes"', 'willing = "partly"')))
    assert result.exit_code == 0, result.stderr
    fixed = aspire("due")
    assert fixed.exit_code == 0 and fixed.stderr == ""
    assert "2026-11-20" in fixed.stdout


def test_a_markdown_copy_that_cannot_be_written_leaves_the_record_as_it_was(
    aspire, alice, monkeypatch, tmp_path
):
    from aspire_cli.errors import WriteFailed
    from aspire_cli.storage import records as records_module

    real = records_module.atomic_write

    def disk_full_for_markdown(path: Path, text: str, *, durable: bool = True) -> None:
        if path.suffix == ".md":
            raise WriteFailed(f"could not write {path}: the disk is full.")
        real(path, text, durable=durable)

    before = files(alice)
    monkeypatch.setattr(records_module, "atomic_write", disk_full_for_markdown)
    result = edit(aspire, monkeypatch, editor(tmp_path, ("Delegation", "Feedback")))
    assert result.exit_code == 74
    one_line(result.stderr, "the disk is full", "your edited text is kept in")
    after = files(alice)
    assert b"Feedback" in after.pop(".editing/alice/2026-11-20-talk.toml")
    assert after == before  # the record as it was, and no version kept of it


# -- in a terminal ------------------------------------------------------------------------------


def spawn(home: Path, editor_command: str, *args: str) -> pexpect.spawn:
    env = dict(terminal_env(home), EDITOR=editor_command)
    return pexpect.spawn(
        aspire_script(), ["edit", "alice", *args], env=env, encoding="utf-8", dimensions=(30, 120), timeout=15
    )


def test_in_a_terminal_a_refused_edit_is_edited_again_and_saved(alice, tmp_path):
    fixes = (('willing = "yes"', 'willing = "maybe"'), ('willing = "maybe"', 'willing = "partly"'))
    child = spawn(alice, editor(tmp_path, *fixes))
    child.expect("not saved: answers.willing: must be one of: yes, partly, no")
    child.expect("What now?")
    child.expect("Discard your changes")
    child.send("\r")  # Edit again: the editor opens the text as it was left
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert runs(tmp_path) == 2
    assert 'willing = "partly"' in (alice / f"{RECORD}.toml").read_text()
    assert not (alice / ".editing").exists()


def test_in_a_terminal_a_refused_edit_can_be_discarded(alice, tmp_path):
    before = files(alice)
    child = spawn(alice, editor(tmp_path, ("date = 2026-11-20", "date = 2026-11-21")))
    child.expect("not saved: date cannot be changed by an edit")
    child.expect("Discard your changes")
    child.send("\x1b[B\r")
    child.expect("Discarded your changes")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert files(alice) == before


def test_ctrl_c_while_the_editor_is_open_leaves_the_record_and_exits_130(alice, tmp_path):
    script = tmp_path / "slow.sh"
    script.write_text("#!/bin/sh\necho editing; exec sleep 30\n")
    script.chmod(0o700)
    before = files(alice)
    child = spawn(alice, str(script))
    child.expect("editing")
    child.sendintr()
    child.expect("your editor was interrupted; nothing saved, 2026-11-20-talk.toml is unchanged")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert files(alice) == before


def test_in_a_terminal_an_edit_left_unsaved_is_offered_again(alice, tmp_path):
    copy = alice / ".editing/alice/2026-11-20-talk.toml"
    copy.parent.mkdir(parents=True, mode=0o700)
    text = (alice / f"{RECORD}.toml").read_text().replace("Delegation", "Half-typed")
    copy.write_text(text)
    copy.chmod(0o600)
    child = spawn(alice, "true")
    child.expect("that was not saved is kept from")
    child.expect("Cancel")
    child.send("\r")  # carry on with it; closing the editor keeps it
    child.expect("Saved")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Half-typed" in (alice / f"{RECORD}.toml").read_text()


def test_ctrl_c_at_what_now_keeps_the_edited_text_and_says_where(alice, tmp_path):
    before = files(alice)
    child = spawn(alice, editor(tmp_path, ('willing = "yes"', 'willing = "maybe"')))
    child.expect("What now?")
    child.expect("Discard your changes")
    child.send("\x03")
    child.expect("your edited text is kept in")
    child.expect("carry on with: aspire edit alice --date 2026-11-20")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    after = files(alice)
    assert b'willing = "maybe"' in after.pop(".editing/alice/2026-11-20-talk.toml")
    assert after == before


# -- question sets ------------------------------------------------------------------------------


def test_an_edit_is_checked_against_your_own_question_set_as_a_read_is(aspire, alice, monkeypatch, tmp_path):
    from aspire_cli.storage.paths import questions_dir

    own = alice / "questions/talk.toml"
    own.parent.mkdir(mode=0o700)
    own.write_text(
        (questions_dir() / "talk.toml")
        .read_text()
        .replace('choices = ["yes", "partly", "no"]', 'choices = ["yes", "partly", "no", "maybe"]')
        .replace("Are you willing to perform", "Ready to work")
    )
    result = edit(aspire, monkeypatch, editor(tmp_path, ('willing = "yes"', 'willing = "maybe"')))
    assert result.exit_code == 0, result.stderr
    assert 'willing = "maybe"' in (alice / f"{RECORD}.toml").read_text()
    assert "## 5. Ready to work to reach that position?\n\nmaybe\n" in (alice / f"{RECORD}.md").read_text()


def test_a_record_whose_question_set_is_gone_is_not_opened(aspire, alice, monkeypatch, tmp_path):
    from aspire_cli.storage.paths import questions_dir

    once = tmp_path / "short_talk.toml"
    once.write_text((questions_dir() / "talk.toml").read_text().replace('id = "talk"', 'id = "short_talk"'))
    held = aspire(
        "talk",
        "alice",
        "--date",
        "2026-11-21",
        "--questions",
        str(once),
        "--answers",
        "-",
        input=TALK_ANSWERS,
    )
    assert held.exit_code == 0, held.stderr
    result = edit(aspire, monkeypatch, editor(tmp_path, ("Delegation", "Feedback")))
    assert result.exit_code == 2
    one_line(
        result.stderr, "2026-11-21-talk.toml: written with the question set 'short_talk'", "put it there"
    )
    assert runs(tmp_path) == 0
