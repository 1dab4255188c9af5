"""aspire sync: the home kept in git, and in step with a remote the leader owns, through their own git.

    aspire sync init [REMOTE]  make the home a repository (or adopt the one there), aspire's rules
                               in it (sync_rules.py: what is synced, the merge drivers of
                               sync_merge.py), the remote as `origin`; commit what is synced. Nothing
                               is sent. A second machine joins the same way, on a new or empty home,
                               and its first `aspire sync` brings everything in.
    aspire sync [now]          commit what is left uncommitted, fetch, check what came (sync_rules),
                               merge, push; say what came in.
    aspire sync status         repository, remote, commits ahead and behind, what is uncommitted.

Every write aspire makes in a repository home is a commit of its own (git_home.commit_write).

Merge, not rebase: each commit stays as it was made, on the machine that made it, and a merge that
meets a conflict is settled in one step here, rather than replaying commits one by one. Records and
follow-ups are new files with names that cannot collide; team.toml is merged member by member, and
a record changed on both machines is kept both ways (sync_merge.py), so no file aspire reads ever
holds a conflict marker. Local steps (commit, merge) hold the home's lock; fetch and push do not,
so a slow remote never keeps a talk from being saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

from aspire_cli.commands.sync_incoming import NOTHING, Incoming, incoming, original, report
from aspire_cli.commands.sync_status import START, need_git, run_status
from aspire_cli.errors import AspireError, BadInput
from aspire_cli.safe_text import has_control_characters, one_line
from aspire_cli.storage.git import (
    BRANCH,
    REMOTE,
    GitFailed,
    branch,
    git_env,
    git_line,
    git_out,
    is_repository,
    own_credentials,
    remote_url,
    rev,
    run_git,
    run_git_bytes,
    shown,
)
from aspire_cli.storage.merge_driver import CONFLICT_MARK, NOTE, TAG_ENV, keep_theirs_beside, merge_team
from aspire_cli.storage.store import Store
from aspire_cli.storage.sync_rules import (
    check_incoming,
    check_outgoing,
    stage_synced,
    untrack_unsynced,
    write_rules,
)

__all__ = ["run_init", "run_status", "run_sync"]  # what commands.py runs

FALLBACK_NAME, FALLBACK_EMAIL = "aspire", "aspire@localhost"
DRIVERS = {
    "aspire-team": ("aspire: both rosters in one", "team"),
    "aspire-keep-both": ("aspire: keep both versions", "keep"),
}


# -- aspire sync init ----------------------------------------------------------------------------
def run_init(store: Store, remote: str | None) -> int:
    home = store.home
    remote = _checked_remote(remote)
    need_git()
    with store.locked():  # makes the home, private
        adopted = is_repository(home)
        if not adopted:
            git_out(home, "-c", f"init.defaultBranch={BRANCH}", "init", "--quiet")
        identity = _configure(home)
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
    if current is None:
        print("No remote yet: add a private one with: aspire sync init REMOTE")
    else:
        changed = f" (was {shown(was)})" if was and was != current else ""
        print(one_line(f"Remote: {REMOTE} = {shown(current)}{changed}. Nothing is sent until: aspire sync"))
    return 0


def _checked_remote(remote: str | None) -> str | None:
    if remote is None:
        return None
    if not remote.strip() or remote.startswith("-") or has_control_characters(remote):
        raise BadInput(
            f"REMOTE '{one_line(remote)}' is not a git remote: give a URL or path, e.g. "
            "git@example.com:me/aspire.git or /media/usb/aspire.git"
        )
    return remote


def _configure(home: Path) -> str | None:
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


# -- aspire sync [now] ---------------------------------------------------------------------------
def run_sync(store: Store) -> int:
    home = _repository(store)
    _configure(home)
    with store.locked():
        on = branch(home)
        _commit_left_over(home)
        run_git(home, "gc", "--auto", "--quiet")  # aspire's own commits never run it
    url = remote_url(home)
    if url is None:
        raise AspireError(
            "no remote to sync with (your changes are committed here); add a private one with: "
            "aspire sync init REMOTE"
        )
    for _attempt in range(2):
        _fetch(home, url)
        with store.locked():
            came = _integrate(home, on, url)
        sent = _push(home, on, url)
        if sent is not None:
            report(came, sent, url)
            return 0
    raise AspireError(f"{shown(url)} changed again while syncing; your work is committed here: sync again")


def _repository(store: Store) -> Path:
    if not is_repository(store.home):
        raise AspireError(f"{store.home} is not a git repository yet; {START}")
    need_git()
    return store.home


def _commit_left_over(home: Path) -> None:
    """A merge a stopped sync left, finished; whatever is not committed (a commit that failed, a
    change by hand), committed."""
    if rev(home, "MERGE_HEAD") is not None:
        _settle_unmerged(home, "", [])
        stage_synced(home)
        git_out(home, "commit", "--quiet", "--no-edit")
    untracked = untrack_unsynced(home)  # what an older aspire or a hand tracked: never sent again
    changed = sorted({*stage_synced(home), *untracked})
    if changed:
        listed = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        _commit_staged(home, f"sync: {listed}")


def _commit_all(home: Path, message: str, *, first: bool = False) -> None:
    """Commit every change to what aspire syncs; the `first` commit of a home even if it is empty
    (each write's commit then has a parent, and takes the fast way: git_home.commit_write)."""
    stage_synced(home)
    _commit_staged(home, message, "--allow-empty" if first else "--quiet")


def _commit_staged(home: Path, message: str, *flags: str) -> None:
    done = run_git(home, "commit", "--quiet", *flags, "--message", message)
    if done.returncode and "nothing to commit" not in done.stdout + done.stderr:
        raise GitFailed(f"could not commit: {git_line(done)}")


def _fetch(home: Path, url: str) -> None:
    fetch = ("fetch", "--quiet", "--no-tags", "--no-recurse-submodules", REMOTE)
    done = run_git(home, *own_credentials(home), *fetch)
    if done.returncode:
        raise AspireError(
            f"cannot reach {shown(url)}: {git_line(done)}; your work is committed here, and the next "
            "aspire sync sends it"
        )


def _integrate(home: Path, on: str, url: str) -> Incoming:
    """Merge what the remote has that this home has not; what came in."""
    theirs = rev(home, f"refs/remotes/{REMOTE}/{on}")
    before = rev(home, "HEAD")
    if theirs is None or theirs == before or _contains(home, theirs):
        return NOTHING
    check_incoming(home, theirs, before, shown(url))
    tag = theirs[:7]
    done = run_git(
        home,
        "merge",
        "--quiet",
        "--no-commit",
        "--ff",  # whatever merge.ff says: a merge commit when history parted
        "--allow-unrelated-histories",
        f"refs/remotes/{REMOTE}/{on}",
        env=git_env(**{TAG_ENV: tag}),
    )
    notes = [line.removeprefix(NOTE) for line in done.stderr.splitlines() if line.startswith(NOTE)]
    if rev(home, "MERGE_HEAD") is None:
        if done.returncode:
            raise AspireError(
                f"could not merge what came from {REMOTE}: {git_line(done)}; nothing changed here"
            )
    else:
        _settle_unmerged(home, tag, notes)
        kept = _kept_both(home)
        stage_synced(home)
        also = f"; both versions kept of {', '.join(file for file, _ in kept)}" if kept else ""
        git_out(home, "commit", "--quiet", "--message", f"sync: merge from {REMOTE}{also}")
    return incoming(home, before, notes)


def _contains(home: Path, commit: str) -> bool:
    return run_git(home, "merge-base", "--is-ancestor", commit, "HEAD").returncode == 0


def _settle_unmerged(home: Path, tag: str, notes: list[str]) -> None:
    """What git left unmerged (a change against a deletion, a driver that could not run), settled
    as the drivers would: the roster in one, else this machine's version in place and the other's
    beside it. No conflict marker stays in the working tree."""
    from aspire_cli.storage.files import private_dir

    stages: dict[str, dict[int, str]] = {}
    for entry in git_out(home, "ls-files", "--unmerged", "-z").split("\0"):
        if entry:
            info, path = entry.split("\t", 1)
            _mode, blob, stage = info.split(" ")
            stages.setdefault(path, {})[int(stage)] = blob
    for path, blobs in stages.items():
        target = home / path
        ours, theirs = (_blob(home, blobs[n]) if n in blobs else None for n in (2, 3))
        if ours is not None and theirs is not None and path == "team.toml":
            merged = merge_team(_blob(home, blobs[1]) if 1 in blobs else b"", ours, theirs)
            if merged is not None:
                _write_bytes(target, merged[0].encode("utf-8"))
                notes.extend(merged[1])
                continue
        if ours is not None or theirs is not None:
            private_dir(target.parent)
            _write_bytes(target, ours if ours is not None else theirs or b"")
        if ours is not None and theirs is not None:
            keep_theirs_beside(target, theirs, tag or None)


def _blob(home: Path, blob: str) -> bytes:
    done = run_git_bytes(home, "cat-file", "blob", blob)
    if done.returncode:
        raise GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def _write_bytes(path: Path, data: bytes) -> None:
    import os

    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def _kept_both(home: Path) -> list[tuple[str, str]]:
    """The other machine's versions the merge wrote beside this one's: (file, its other version)."""
    out = git_out(home, "ls-files", "--others", "-z")  # whatever a tracked .gitignore says
    copies = [name for name in out.split("\0") if CONFLICT_MARK in Path(name).name]
    return [(original(copy), copy) for copy in copies]


def _push(home: Path, on: str, url: str) -> int | None:
    """Send what the remote has not: the number of commits sent; None if the remote moved on."""
    theirs = rev(home, f"refs/remotes/{REMOTE}/{on}")
    head = rev(home, "HEAD")
    if theirs == head:
        return 0
    check_outgoing(home, theirs, shown(url))
    ahead = git_out(home, "rev-list", "--count", f"{theirs}..HEAD" if theirs else "HEAD").strip()
    push = ("push", "--quiet", "--no-recurse-submodules", REMOTE, f"HEAD:refs/heads/{on}")
    done = run_git(home, *own_credentials(home), *push)
    if done.returncode == 0:
        return int(ahead)
    said = done.stderr
    if "[rejected]" in said or "fetch first" in said or "non-fast-forward" in said:
        return None
    raise AspireError(
        f"cannot send to {shown(url)}: {git_line(done)}; your work is committed here, and the next "
        "aspire sync sends it"
    )
