"""`aspire sync init [REMOTE]`: the home made a repository (or the one there adopted), aspire's rules
in it (sync_rules.py: what is synced; the merge drivers of merge_driver.py), the remote as `origin`,
and what is synced committed. Nothing is sent. A second machine joins the same way, on a new or empty
home, and its first `aspire sync` brings everything in.

`configure` and `commit_staged` serve `aspire sync` too: every sync puts the rules back first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aspire_cli.commands.sync_status import need_git
from aspire_cli.errors import BadInput
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.git import (
    BRANCH,
    REMOTE,
    GitFailed,
    branch,
    git_line,
    git_out,
    is_repository,
    remote_url,
    rev,
    run_git,
    shown,
)
from aspire_cli.storage.store import Store
from aspire_cli.storage.sync_rules import stage_synced, untrack_unsynced, write_rules

FALLBACK_NAME, FALLBACK_EMAIL = "aspire", "aspire@localhost"
DRIVERS = {
    "aspire-team": ("aspire: both rosters in one", "team"),
    "aspire-keep-both": ("aspire: keep both versions", "keep"),
}


def run_init(store: Store, remote: str | None, *, sealed: bool = False) -> int:
    """`sealed`: for sync init --encrypt (sync_sealed.py), which sets the remote and says so itself."""
    home = store.home
    remote = checked_remote(remote)
    need_git()
    if remote and not sealed:
        _refuse_plain_over_sealed(home, remote)
    with store.locked():  # makes the home, private
        adopted = is_repository(home)
        if not adopted:
            git_out(home, "-c", f"init.defaultBranch={BRANCH}", "init", "--quiet")
        identity = configure(home)
        untracked = untrack_unsynced(home)
        was = _set_remote(home, remote) if remote else None
        _commit_all(home, "aspire sync init: this home kept in git", first=rev(home, "HEAD") is None)
        run_git(home, "gc", "--auto", "--quiet")  # a big home's first commit: packed, in the background
    how = "was a git repository: aspire now commits" if adopted else "is now a git repository: aspire commits"
    print(one_line(f"{home} {how} every change it makes, each on its own."))
    if identity:
        print(one_line(identity))
    if untracked:
        listed = ", ".join(untracked[:5]) + (f" and {len(untracked) - 5} more" if len(untracked) > 5 else "")
        print(one_line(f"No longer tracked, kept on this machine only (aspire does not sync them): {listed}"))
    current = remote_url(home)
    if sealed:
        return 0
    from aspire_cli.storage.sealed_remote import sealed_url

    if (encrypted := sealed_url(home)) is not None:
        print(one_line(f"Remote: {shown(encrypted)}, encrypted (see: aspire sync status)."))
    elif current is None:
        print("No remote yet: add a private one with: aspire sync init REMOTE")
    else:
        changed = f" (was {shown(was)})" if was and was != current else ""
        print(one_line(f"Remote: {REMOTE} = {shown(current)}{changed}. Nothing is sent until: aspire sync"))
    return 0


def _refuse_plain_over_sealed(home: Path, remote: str) -> None:
    """A home syncing encrypted is never switched to sending everything plainly by a missing flag."""
    from aspire_cli.storage.sealed_remote import sealed_url

    if is_repository(home) and (url := sealed_url(home)) is not None:
        raise BadInput(
            f"{home} syncs encrypted to {shown(url)}; a plain remote would read every record: give "
            "--encrypt to change the encrypted remote, nothing was changed"
        )


def checked_remote(remote: str | None) -> str | None:
    if remote is None:
        return None
    if not remote.strip() or remote.startswith("-") or has_control_characters(remote):
        raise BadInput(
            f"REMOTE '{one_line(remote)}' is not a git remote: give a URL or path, e.g. "
            "git@example.com:me/aspire.git or /media/usb/aspire.git"
        )
    return remote


def configure(home: Path) -> str | None:
    """aspire's rules in the repository (sync_rules.py), and its merge drivers in the repository's
    config, run by this very Python; an identity for the commits if git has none. A line to tell
    the leader, if one was set. Run at every sync: what a hand or an older aspire changed is put back.

    git starts a driver in the home, so the driver's Python is isolated from it: -P leaves the
    working folder off the import path (a module lying in the home is never imported), -E ignores
    PYTHONPATH and the like."""
    import shlex

    write_rules(home)
    python = shlex.quote(sys.executable)
    wanted = {}
    for driver, (name, mode) in DRIVERS.items():
        wanted[f"merge.{driver}.name"] = name
        wanted[f"merge.{driver}.driver"] = (
            f"{python} -E -P -m aspire_cli.storage.merge_driver {mode} %O %A %B %P"
        )
    wanted["index.version"] = "4"  # a third the size of version 2: each commit reads and writes it
    found = run_git(home, "config", "--local", "--get-regexp", r"^(merge\.aspire-|index\.version)").stdout
    have = dict(line.split(" ", 1) for line in found.splitlines() if " " in line)
    for key, value in wanted.items():
        if have.get(key) != value:
            git_out(home, "config", "--local", key, value)
    if run_git(home, "var", "GIT_COMMITTER_IDENT").returncode == 0:
        return None
    git_out(home, "config", "--local", "user.name", FALLBACK_NAME)
    git_out(home, "config", "--local", "user.email", FALLBACK_EMAIL)
    return (
        f"git has no user.name or user.email here: this home's commits are signed "
        f"{FALLBACK_NAME} <{FALLBACK_EMAIL}> (its own .git/config only)"
    )


def _set_remote(home: Path, remote: str) -> str | None:
    """`origin` set to `remote`, this branch following it; the URL it had before, if any."""
    was = remote_url(home)
    if was is None:
        git_out(home, "remote", "add", REMOTE, remote)
    elif was != remote:
        git_out(home, "remote", "set-url", REMOTE, remote)
    on = branch(home)
    git_out(home, "config", "--local", f"branch.{on}.remote", REMOTE)
    git_out(home, "config", "--local", f"branch.{on}.merge", f"refs/heads/{on}")
    return was


def _commit_all(home: Path, message: str, *, first: bool = False) -> None:
    """Commit every change to what aspire syncs; the `first` commit of a home even if it is empty
    (each write's commit then has a parent, and takes the fast way: storage/git.commit_write)."""
    stage_synced(home)
    commit_staged(home, message, "--allow-empty" if first else "--quiet")


def commit_staged(home: Path, message: str, *flags: str) -> None:
    done = run_git(home, "commit", "--quiet", *flags, "--message", message)
    if done.returncode and "nothing to commit" not in done.stdout + done.stderr:
        raise GitFailed(f"could not commit: {git_line(done)}")
