"""`--verbose` on a sync command, or ASPIRE_DEBUG=1 for any command: each git command aspire runs is
printed on stderr before it runs, one line, shell-quoted (`+ git -C HOME ...`), the safety settings
every one carries said once at the start; a password in a remote is never shown; nothing else changes."""

import os
import shlex
import subprocess
from pathlib import Path

import pytest
from support.git_homes import Machine
from support.processes import aspire_script

from aspire_cli.storage.git import NEUTRAL, run_git, traced

SAID_ONCE = "+ (every git command below also runs with " + " ".join(f"-c {s}" for s in NEUTRAL) + ")"


def traced_lines(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert lines and lines[0] == SAID_ONCE, stderr
    assert all(line.startswith("+ git -C ") for line in lines[1:]), stderr
    return [line.removeprefix("+ ") for line in lines[1:]]


def test_sync_verbose_prints_each_git_command_and_changes_nothing_else(a: Machine, b: Machine, remote: Path):
    a("team", "add", "alice")
    init = a("sync", "init", str(remote), "--verbose")
    commands = traced_lines(init.stderr)
    assert f"git -C {a.home} remote add origin {remote}" in commands
    assert (
        f"git -C {a.home} commit --quiet --allow-empty --message 'aspire sync init: this home kept in git'"
        in (commands)
    )
    quiet = b("sync", "init", str(remote))  # the same without --verbose: the same words on stdout
    assert quiet.stderr == "" and quiet.stdout == init.stdout.replace(str(a.home), str(b.home))
    sent = a("sync", "--verbose")  # `aspire sync` is `aspire sync now`
    assert sent.stdout == f"Sent 1 commit to {remote}.\n"
    commands = traced_lines(sent.stderr)
    fetch = f"git -C {a.home} fetch --quiet --no-tags --no-recurse-submodules origin"
    push = f"git -C {a.home} push --quiet --no-recurse-submodules origin HEAD:refs/heads/main"
    assert commands.index(fetch) < commands.index(push)
    for line in commands:
        assert shlex.split(line)[0:3] == ["git", "-C", str(a.home)]  # each one a command line to paste


def test_status_and_resolve_take_verbose_and_print_the_same_on_stdout(a: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    for args in (["sync", "status"], ["sync", "status", "--json"], ["sync", "resolve", "--keep", "in-place"]):
        plain, verbose = a(*args), a(*args, "--verbose")
        assert verbose.stdout == plain.stdout and plain.stderr == ""
        if args[1] == "status":
            assert f"git -C {a.home} status --porcelain=v2 --branch --untracked-files=all -z" in (
                traced_lines(verbose.stderr)
            )


def test_a_password_in_a_remote_is_never_printed(a: Machine):
    a("team", "add", "alice")
    result = a("sync", "init", "https://dana:s3cret@git.example.com/dana/notes.git", "--verbose")
    assert "s3cret" not in result.stderr + result.stdout
    assert f"git -C {a.home} remote add origin 'https://dana:***@git.example.com/dana/notes.git'" in (
        traced_lines(result.stderr)
    )


def run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "ASPIRE_DEBUG"} | {"ASPIRE_HOME": str(home)}
    return subprocess.run(
        [aspire_script(), *args], env=environment | env, capture_output=True, text=True, timeout=60
    )


@pytest.mark.usefixtures("git_of_its_own")
def test_aspire_debug_traces_the_commit_of_any_write(tmp_path: Path):
    home = tmp_path / "home"
    assert run(home, "team", "add", "alice").returncode == 0
    assert run(home, "sync", "init").returncode == 0
    quiet = run(home, "team", "add", "bob", ASPIRE_DEBUG="0")
    assert quiet.returncode == 0 and quiet.stderr == ""
    debug = run(home, "team", "add", "carol", ASPIRE_DEBUG="1")
    assert debug.returncode == 0 and debug.stdout == "Added carol: discussions every year.\n"
    commands = traced_lines(debug.stderr)
    assert commands[0] == f"git -C {home} update-index --add --remove -- team.toml"
    assert any(line.endswith("-m 'team: add carol'") for line in commands)
    log = subprocess.run(
        ["git", "-C", str(home), "log", "--format=%s"], capture_output=True, text=True
    ).stdout
    assert log.splitlines()[:2] == ["team: add carol", "team: add bob"]  # committed all the same


def test_a_traced_word_that_could_drive_the_terminal_is_shown_as_an_escape(tmp_path, capsys):
    with traced(True):
        run_git(tmp_path, "check-ignore", "--", "a\x1b[2Jb")
    said = capsys.readouterr().err
    assert "\x1b" not in said and "'a\\x1b[2Jb'" in said
