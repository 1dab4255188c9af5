"""aspire sync: the home kept in git, and in step with a remote the leader owns, through their own git.

    aspire sync init [REMOTE]  make the home a repository, aspire's rules in it, the remote as
                               `origin` (sync_init.py). Nothing is sent.
    aspire sync [now]          commit what is left uncommitted, fetch, check what came (sync_rules),
                               merge, push; say what came in (sync_incoming.py). Here.
    aspire sync status         repository, remote, commits ahead and behind, what is uncommitted
                               (sync_status.py).

With an encrypted remote (sync init REMOTE --encrypt), the fetch and the push are replaced by
taking in and sending sealed bundles (sync_sealed.py, storage/sealed_remote.py); the check, the
merge and everything after are the same.

Every write aspire makes in a repository home is a commit of its own (storage/git.commit_write).

Merge, not rebase: each commit stays as it was made, on the machine that made it, and a merge that
meets a conflict is settled in one step (sync_unmerged.py), rather than replaying commits one by one.
Records and follow-ups are new files with names that cannot collide; team.toml is merged member by
member, and a record changed on both machines is kept both ways (merge_driver.py), so no file aspire
reads ever holds a conflict marker. Local steps (commit, merge) hold the home's lock; fetch and push
do not, so a slow remote never keeps a talk from being saved.
"""

from __future__ import annotations

from pathlib import Path

from aspire_cli.commands.sync_incoming import NOTHING, Incoming, incoming, report
from aspire_cli.commands.sync_init import commit_staged, configure
from aspire_cli.commands.sync_status import START, need_git
from aspire_cli.commands.sync_unmerged import kept_both, settle_unmerged
from aspire_cli.errors import AspireError
from aspire_cli.storage.conflicts import find_copies, remember
from aspire_cli.storage.git import (
    REMOTE,
    branch,
    git_env,
    git_line,
    git_out,
    is_repository,
    own_credentials,
    remote_url,
    rev,
    run_git,
    shown,
)
from aspire_cli.storage.history_rewrite import refuse_old_history
from aspire_cli.storage.merge_driver import NOTE, TAG_ENV
from aspire_cli.storage.store import Store
from aspire_cli.storage.sync_rules import check_incoming, check_outgoing, stage_synced, untrack_unsynced


def run_sync(store: Store, identity: str | None = None) -> int:
    """`identity`: the setting, for an encrypted remote (sync_sealed.py: receive and send)."""
    from aspire_cli.commands import sync_sealed
    from aspire_cli.storage.sealed_remote import sealed_url

    home = _repository(store)
    configure(home)
    with store.locked():
        on = branch(home)
        _commit_left_over(home)
        run_git(home, "gc", "--auto", "--quiet")  # aspire's own commits never run it
    sealed = sealed_url(home)
    url = sealed or remote_url(home)
    if url is None:
        raise AspireError(
            "no remote to sync with (your changes are committed here); add a private one with: "
            "aspire sync init REMOTE"
        )
    identities = sync_sealed.identities_of(home, identity)
    for _attempt in range(2):
        if sealed:
            sync_sealed.receive(home, on, url, identities)
        else:
            _fetch(home, url)
        with store.locked():
            came = _integrate(home, on, url)
            remember(home, find_copies(home))  # for due, show and history to say so
        sent = _push(home, on, url, sealed=sealed is not None)
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
        settle_unmerged(home, "", [])
        stage_synced(home)
        git_out(home, "commit", "--quiet", "--no-edit")
    untracked = untrack_unsynced(home)  # what an older aspire or a hand tracked: never sent again
    changed = sorted({*stage_synced(home), *untracked})
    if changed:
        listed = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        commit_staged(home, f"sync: {listed}")


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
    refuse_old_history(home, theirs, url)  # records an `aspire forget` erased never come back
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
        settle_unmerged(home, tag, notes)
        kept = kept_both(home)
        stage_synced(home)
        also = f"; both versions kept of {', '.join(file for file, _ in kept)}" if kept else ""
        git_out(home, "commit", "--quiet", "--message", f"sync: merge from {REMOTE}{also}")
    return incoming(home, before, notes)


def _contains(home: Path, commit: str) -> bool:
    return run_git(home, "merge-base", "--is-ancestor", commit, "HEAD").returncode == 0


def _push(home: Path, on: str, url: str, *, sealed: bool = False) -> int | None:
    """Send what the remote has not (`sealed`: as a sealed bundle, sync_sealed.py): the number of
    commits sent; None if the remote moved on."""
    theirs = rev(home, f"refs/remotes/{REMOTE}/{on}")
    head = rev(home, "HEAD")
    if theirs == head:
        return 0
    check_outgoing(home, theirs, shown(url))
    ahead = git_out(home, "rev-list", "--count", f"{theirs}..HEAD" if theirs else "HEAD").strip()
    if sealed:
        from aspire_cli.commands.sync_sealed import send

        return int(ahead) if send(home, on) else None
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
