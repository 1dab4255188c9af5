"""The trust boundary of a synced home: whoever can push to the remote writes data into it, never
code, never aspire's own rules, never what stays on this machine. Each hostile commit is made here
by a second clone of the remote (the attacker), with its own identity."""

from __future__ import annotations

import stat
import subprocess
import tomllib
from pathlib import Path

import pytest
from support.git_homes import Machine, edit_on_both, no_markers, one_line
from support.paths import REPO


class Attacker:
    """A clone of the remote that pushes what it likes, through plain git."""

    def __init__(self, remote: Path, folder: Path) -> None:
        self.folder = folder
        subprocess.run(["git", "clone", "--quiet", "--branch", "main", str(remote), str(folder)], check=True)

    def git(self, *args: str, input: bytes | None = None) -> str:
        done = subprocess.run(
            ["git", "-C", str(self.folder), "-c", "user.name=Mallory", "-c", "user.email=m@evil", *args],
            check=True,
            capture_output=True,
            input=input,
        )
        return done.stdout.decode()

    def push(self, files: dict[str, str], message: str = "innocent") -> str:
        """Commit `files` (path: content; an empty content with a '->' is a link) and push; the
        commit's short id."""
        for name, content in files.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if content.startswith("-> "):
                path.unlink(missing_ok=True)
                path.symlink_to(content[3:])
            else:
                path.write_text(content)
            self.git("add", "--force", "--", name)
        return self._commit_and_push(message)

    def push_gitlink(self, name: str) -> str:
        head = self.git("rev-parse", "HEAD").strip()
        self.git("update-index", "--add", "--cacheinfo", f"160000,{head},{name}")
        return self._commit_and_push("a submodule")

    def _commit_and_push(self, message: str) -> str:
        self.git("commit", "--quiet", "--message", message)
        self.git("push", "--quiet", "origin", "HEAD:main")
        return self.git("rev-parse", "--short=7", "HEAD").strip()


@pytest.fixture
def attacker(both: tuple[Machine, Machine], remote: Path, tmp_path: Path) -> Attacker:
    return Attacker(remote, tmp_path / "mallory")


def snapshot(machine: Machine) -> dict[str, bytes]:
    """Every file of the home but git's own, with its content: what 'exactly as it was' means."""
    found = {}
    for path in machine.home.rglob("*"):
        name = path.relative_to(machine.home).as_posix()
        if name == ".git" or name.startswith(".git/") or path.is_dir():
            continue
        found[name] = path.read_bytes() if not path.is_symlink() else b"-> " + str(path.readlink()).encode()
    return found


def remote_paths(remote: Path) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(remote), "log", "--all", "--name-only", "--format="],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return sorted({line for line in out.splitlines() if line})


PAYLOAD = "import pathlib; pathlib.Path({marker!r}).write_text('pwned')\n"


# -- 1. no code from the home or the remote ever runs -------------------------------------------


def both_change_the_roster(a: Machine, b: Machine) -> None:
    """A merge in which git runs aspire's roster driver on machine b."""
    a("team", "add", "carol")
    b("team", "add", "dave")
    a("sync")


@pytest.mark.parametrize("module", ["aspire_cli/__init__.py", "hashlib.py", "tomllib.py"])
def test_a_python_module_lying_in_the_home_is_never_imported_by_the_merge_driver(
    both: tuple[Machine, Machine], tmp_path: Path, module: str
):
    a, b = both
    marker = tmp_path / "pwned"
    (b.home / module).parent.mkdir(exist_ok=True)
    (b.home / module).write_text(PAYLOAD.format(marker=str(marker)))
    both_change_the_roster(a, b)
    b("sync")
    assert not marker.exists()
    members = tomllib.loads((b.home / "team.toml").read_text())["members"]
    assert sorted(members) == ["alice", "carol", "dave"]  # the driver ran, aspire's own


def test_the_environment_cannot_change_what_the_merge_driver_imports(
    both: tuple[Machine, Machine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    a, b = both
    marker, planted = tmp_path / "pwned", tmp_path / "planted"
    (planted / "aspire_cli").mkdir(parents=True)
    (planted / "aspire_cli/__init__.py").write_text(PAYLOAD.format(marker=str(marker)))
    both_change_the_roster(a, b)
    monkeypatch.setenv("PYTHONPATH", str(planted))
    b("sync")
    assert not marker.exists()
    assert sorted(tomllib.loads((b.home / "team.toml").read_text())["members"]) == ["alice", "carol", "dave"]


def test_hooks_and_an_fsmonitor_in_the_repository_never_run(both: tuple[Machine, Machine], tmp_path: Path):
    a, b = both
    marker = tmp_path / "pwned"
    script = f"#!/bin/sh\necho ran >> {marker}\n"
    hooks = b.home / ".git/hooks"
    for hook in (
        "pre-commit",
        "commit-msg",
        "post-commit",
        "post-merge",
        "reference-transaction",
        "pre-push",
    ):
        (hooks / hook).write_text(script)
        (hooks / hook).chmod(0o700)
    (tmp_path / "monitor").write_text(script)
    (tmp_path / "monitor").chmod(0o700)
    b.git("config", "core.fsmonitor", str(tmp_path / "monitor"))
    both_change_the_roster(a, b)
    b.talk("alice", "2026-11-20")
    b("sync")
    b("sync", "status")
    assert not marker.exists()
    assert "talk: alice 2026-11-20" in b.log()


def test_a_filter_named_by_a_pushed_gitattributes_never_runs(
    both: tuple[Machine, Machine], attacker: Attacker, tmp_path: Path
):
    a, _ = both
    marker = tmp_path / "pwned"
    # the leader's own git knows a filter (as git-lfs installs one); the remote names it for every file
    smudge = tmp_path / "smudge"
    smudge.write_text(f"#!/bin/sh\necho ran >> {marker}\ncat\n")
    smudge.chmod(0o700)
    with (tmp_path / "gitconfig").open("a") as config:
        config.write(f'[filter "lfs"]\n\tsmudge = {smudge}\n')
    attacker.push({".gitattributes": "* filter=lfs\n"})
    a("sync")
    attacker.push({"records/alice/2026-11-20-talk.md": "# hello\n"})
    a("sync", code=None)
    assert not marker.exists()


# -- 2. aspire's rules are not files the remote controls ----------------------------------------


def test_a_pushed_gitattributes_cannot_turn_off_keeping_both_versions(
    both: tuple[Machine, Machine], attacker: Attacker, monkeypatch: pytest.MonkeyPatch
):
    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    attacker.git("pull", "--quiet", "origin", "main")
    attacker.push({".gitattributes": "* merge=union\n"})
    b("sync")
    edit_on_both(a, b, monkeypatch)
    a("sync")
    b("sync")
    record = b.home / "records/alice/2026-11-20-talk.toml"
    assert tomllib.loads(record.read_text())["answers"]["development_area"] == "Listening"
    assert len(list(record.parent.glob("2026-11-20-talk.conflict-*.toml"))) == 1
    no_markers(b)


def test_a_pushed_gitignore_cannot_make_drafts_or_the_index_leave(
    both: tuple[Machine, Machine], attacker: Attacker, remote: Path
):
    a, _ = both
    attacker.push({".gitignore": "# nothing is ignored any more\n!*\n"})
    a("sync")
    (a.home / "drafts").mkdir(exist_ok=True)
    (a.home / "drafts/alice.talk.toml").write_text("kind = 'talk'\n")
    (a.home / ".editing").mkdir(exist_ok=True)
    (a.home / ".editing/alice.toml").write_text("in progress")
    a("due")  # the index
    a("team", "add", "carol")
    a("sync")
    sent = remote_paths(remote)
    assert "team.toml" in sent
    leaked = [p for p in sent if p.startswith(("drafts/", ".index", ".editing", ".lock"))]
    assert leaked == []


def test_the_rules_live_in_the_repository_itself_not_in_tracked_files(a: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    assert a.tracked() == ["team.toml"]
    attributes = (a.home / ".git/info/attributes").read_text()
    assert "/team.toml merge=aspire-team" in attributes and "* merge=aspire-keep-both" in attributes
    assert "/drafts/" in (a.home / ".git/info/exclude").read_text()
    (a.home / ".git/info/attributes").write_text("")  # lost, or changed by hand
    a("sync")
    assert "/team.toml merge=aspire-team" in (a.home / ".git/info/attributes").read_text()


# -- 3. what stays on this machine stays, and nothing outside what aspire syncs comes in -----------

REFUSED = [
    ({"drafts/alice.talk.toml": "kind = 'talk'\n"}, "drafts/alice.talk.toml"),
    ({".index.sqlite3": "not an index"}, ".index.sqlite3"),
    ({".lock": ""}, ".lock"),
    ({".editing/alice.toml": "x"}, ".editing/alice.toml"),
    ({"aspire_cli/__init__.py": "import os\n"}, "aspire_cli/__init__.py"),
    ({"records/alice/run.sh": "#!/bin/sh\n"}, "records/alice/run.sh"),
    ({".gitmodules": '[submodule "x"]\n\tpath = x\n\turl = /tmp\n'}, ".gitmodules"),
    ({"records/Not An Id/2026-11-20-talk.toml": "x"}, "records/Not An Id/2026-11-20-talk.toml"),
    ({"records/alice/2026-11-20-talk.toml": "-> /etc/passwd"}, "records/alice/2026-11-20-talk.toml"),
    ({"team.toml": "-> ../../.ssh/id_ed25519"}, "team.toml"),
    # the highest action number given is a name aspire writes, of nine digits at most, a plain file
    (
        {"records/alice/.action-numbers-given-1234567890": ""},
        "records/alice/.action-numbers-given-1234567890",
    ),
    ({"records/alice/.action-numbers-given-7": "-> /etc/passwd"}, "records/alice/.action-numbers-given-7"),
    ({"records/alice/.versions/x.20261120T101010Z-deleted.sh": "x"}, "20261120T101010Z-deleted.sh"),
]


@pytest.mark.parametrize(("files", "named"), REFUSED, ids=[named for _, named in REFUSED])
def test_an_incoming_path_aspire_does_not_sync_is_refused_before_anything_is_merged(
    both: tuple[Machine, Machine], attacker: Attacker, files: dict[str, str], named: str
):
    a, _ = both
    (a.home / "drafts").mkdir(exist_ok=True)
    (a.home / "drafts/alice.talk.toml").write_text("what the leader typed\n")
    a("due")
    head, before = a.git("rev-parse", "HEAD"), snapshot(a)
    commit = attacker.push(files)
    result = a("sync", code=2)
    line = one_line(result.stderr, named, commit)
    assert "nothing" in line
    assert a.git("rev-parse", "HEAD") == head
    assert snapshot(a) == before
    assert a.git("status", "--porcelain") == ""


def test_a_submodule_is_refused(both: tuple[Machine, Machine], attacker: Attacker):
    a, _ = both
    head = a.git("rev-parse", "HEAD")
    commit = attacker.push_gitlink("records/alice/sub")
    one_line(a("sync", code=2).stderr, "records/alice/sub", commit)
    assert a.git("rev-parse", "HEAD") == head
    assert not (a.home / "records/alice/sub").exists()


def test_a_path_taken_out_again_on_the_remote_changes_nothing_here_and_sync_goes_on(
    both: tuple[Machine, Machine], attacker: Attacker
):
    a, _ = both
    (a.home / "drafts").mkdir(exist_ok=True)
    (a.home / "drafts/alice.talk.toml").write_text("what the leader typed\n")
    commit = attacker.push({"drafts/alice.talk.toml": "overwritten"})
    one_line(a("sync", code=2).stderr, "drafts/alice.talk.toml", commit)
    attacker.git("rm", "--quiet", "drafts/alice.talk.toml")  # the way out the refusal names
    attacker._commit_and_push("taken out again")
    a("sync")
    assert (a.home / "drafts/alice.talk.toml").read_text() == "what the leader typed\n"
    assert "drafts/alice.talk.toml" not in a.tracked()


def test_what_aspire_syncs_still_comes_in(both: tuple[Machine, Machine], attacker: Attacker):
    a, b = both
    b("team", "add", "bob")
    b.talk("bob", "2026-11-21")
    b("actions", "done", "bob", "1")
    (b.home / "questions").mkdir()
    (b.home / "questions/talk.toml").write_bytes((REPO / "questions/talk.toml").read_bytes())
    (b.home / "config.toml").write_text("cadence_months = 6\n")
    b("sync")
    result = a("sync")
    assert result.stderr == ""
    assert (a.home / "questions/talk.toml").exists() and (a.home / "config.toml").exists()
    assert "bob" in a("actions", "bob", "--all").stdout


def test_a_file_written_by_hand_in_the_home_is_not_sent(a: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    (a.home / "notes.txt").write_text("my private musings")
    a("sync")
    assert "notes.txt" not in remote_paths(remote)
    assert "notes.txt" in a("sync", "status").stdout  # said, not silently dropped


def test_an_adopted_repository_stops_tracking_what_aspire_does_not_sync(a: Machine):
    a("team", "add", "alice")
    (a.home / "drafts").mkdir()
    (a.home / "drafts/alice.talk.toml").write_text("kind = 'talk'\n")
    (a.home / "notes.txt").write_text("mine")
    subprocess.run(["git", "init", "-q", str(a.home)], check=True)
    a.git("add", "--all")
    a.git("-c", "user.name=me", "-c", "user.email=me@example.com", "commit", "-qm", "by hand")
    result = a("sync", "init")
    assert "notes.txt" in result.stdout
    assert a.tracked() == ["team.toml"]
    assert (a.home / "notes.txt").read_text() == "mine"
    assert (a.home / "drafts/alice.talk.toml").exists()


# -- 8. sync tells the truth ---------------------------------------------------------------------


def test_a_record_deleted_on_the_other_machine_is_reported_as_deleted(
    both: tuple[Machine, Machine], remote: Path
):
    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    for suffix in (".toml", ".md"):
        (b.home / f"records/alice/2026-11-20-talk{suffix}").unlink()
    b("sync")
    assert a("sync").stdout == f"From {remote}: 1 deleted record: alice 2026-11-20 talk.\n"


def test_a_resolved_conflict_is_news_and_its_warning_names_no_file_that_is_gone(
    both: tuple[Machine, Machine], remote: Path, monkeypatch: pytest.MonkeyPatch
):
    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    edit_on_both(a, b, monkeypatch)
    a("sync")
    b("sync")
    a("sync")
    copies = sorted((b.home / "records/alice").glob("*.conflict-*"))
    assert len(copies) == 2  # the record and its readable copy
    for copy in copies:
        copy.unlink()  # settled on b
    b("sync")
    result = a("sync")
    assert result.stderr == ""
    assert result.stdout.startswith(f"From {remote}: ")
    assert "nothing came in" not in result.stdout
    assert result.stdout == f"From {remote}: 1 settled conflict: alice 2026-11-20 talk.\n"
    assert not list((a.home / "records/alice").glob("*.conflict-*"))


def test_a_readable_copy_that_came_in_alone_is_news(both: tuple[Machine, Machine], remote: Path):
    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    (b.home / "records/alice/2026-11-20-talk.md").write_text("# rewritten\n")
    b("sync")
    result = a("sync")
    assert "nothing came in" not in result.stdout
    assert "alice 2026-11-20 talk" in result.stdout


def test_files_the_home_holds_stay_private_after_a_merge(both: tuple[Machine, Machine]):
    a, b = both
    both_change_the_roster(a, b)
    b("sync")
    mode = stat.S_IMODE((b.home / "team.toml").stat().st_mode)
    assert mode & 0o077 == 0


class _AsksForPassword:
    """A git server on this machine's loopback that wants a password for everything."""

    def __enter__(self) -> str:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="aspire"')
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/aspire.git"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()


def test_only_the_leaders_own_credential_helper_runs_never_one_the_home_names(a: Machine, tmp_path: Path):
    theirs, own = tmp_path / "home-helper-ran", tmp_path / "own-helper-ran"
    for marker, where in ((theirs, a.home), (own, None)):
        helper = tmp_path / f"helper-{marker.name}"
        helper.write_text(f"#!/bin/sh\necho ran >> {marker}\n")
        helper.chmod(0o700)
        if where is None:  # the leader's own, in ~/.gitconfig
            with (tmp_path / "gitconfig").open("a") as config:
                config.write(f"[credential]\n\thelper = {helper}\n")
    a("team", "add", "alice")
    with _AsksForPassword() as url:
        a("sync", "init", url)
        a.git("config", "credential.helper", str(tmp_path / f"helper-{theirs.name}"))
        one_line(a("sync", code=1).stderr, "cannot reach")
    assert own.exists()
    assert not theirs.exists()


def test_a_draft_committed_by_hand_is_never_sent(a: Machine, remote: Path):
    a("team", "add", "alice")
    a("sync", "init", str(remote))
    a("sync")
    (a.home / "drafts").mkdir()
    (a.home / "drafts/alice.talk.toml").write_text("what the leader typed\n")
    a.git("add", "--force", "drafts/alice.talk.toml")
    a.git("-c", "user.name=me", "-c", "user.email=me@example.com", "commit", "-qm", "oops")
    commit = a.git("rev-parse", "--short=7", "HEAD").strip()
    line = one_line(a("sync", code=2).stderr, "not sent", commit, "drafts/alice.talk.toml", "reset --soft")
    assert "drafts/alice.talk.toml" not in remote_paths(remote)
    a.git("reset", "--soft", line.split("reset --soft ")[1].split(",")[0])  # the way out it names
    a("sync")
    assert "drafts/alice.talk.toml" not in remote_paths(remote)
    assert (a.home / "drafts/alice.talk.toml").read_text() == "what the leader typed\n"


def test_the_merge_driver_reads_no_more_than_aspire_reads_anywhere():
    from aspire_cli.storage import merge_driver as sync_merge
    from aspire_cli.storage import sync_rules

    assert sync_merge.LIMIT == sync_rules.FILE_LIMIT  # one cap, written twice so the driver starts light


def test_a_home_whose_git_config_names_the_old_driver_path_still_merges(both: tuple[Machine, Machine]):
    """Homes synced by an older aspire run `python -m aspire_cli.sync_merge` until their next sync."""
    import shlex
    import sys

    a, b = both
    old = f"{shlex.quote(sys.executable)} -m aspire_cli.sync_merge team %O %A %B %P"
    b.git("config", "merge.aspire-team.driver", old)
    a("team", "add", "carol")
    b("team", "add", "dave")
    a("sync")
    b.git("fetch", "--quiet", "origin")
    b.git("merge", "--quiet", "--no-edit", "origin/main")  # by hand, before aspire rewrites the config
    assert sorted(tomllib.loads((b.home / "team.toml").read_text())["members"]) == ["alice", "carol", "dave"]
    no_markers(b)


def test_a_record_edited_on_both_machines_in_different_seconds_is_said_once_in_the_warning(
    both: tuple[Machine, Machine], remote: Path, monkeypatch: pytest.MonkeyPatch
):
    import time

    a, b = both
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    monkeypatch.setenv("EDITOR", "sed -i s/Delegation/Feedback/")
    a("edit", "alice", "--date", "2026-11-20")
    time.sleep(1.1)  # the versions each edit kept get names of their own
    monkeypatch.setenv("EDITOR", "sed -i s/Delegation/Listening/")
    b("edit", "alice", "--date", "2026-11-20")
    a("sync")
    result = b("sync")
    assert result.stdout == f"Sent 2 commits to {remote}.\n"  # nothing else to say: the warning says it
    one_line(
        result.stderr, "changed on both machines, both versions kept", "records/alice/2026-11-20-talk.toml"
    )
