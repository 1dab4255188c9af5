"""`aspire forget` in a git home: the home made ready before anything is asked (what was left
uncommitted committed, the remote's news fetched: a forget must see what it erases), and the
remote's history replaced after the rewrite (storage/history_rewrite.py rewrites the local one).

A plain remote gets the rewritten history by a forced push that holds only if the remote is still
where it was fetched (--force-with-lease): work another machine sent meanwhile is never thrown
away. Other clones, and the host's own backups and unpruned objects, still hold the old text; a
clone that syncs is refused (history_rewrite.refuse_old_history) and told to start afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from aspire_cli.commands.sync_init import commit_staged
from aspire_cli.commands.sync_status import need_git
from aspire_cli.errors import AspireError
from aspire_cli.storage.git import (
    REMOTE,
    branch,
    git_line,
    is_repository,
    own_credentials,
    remote_url,
    rev,
    run_git,
    shown,
)
from aspire_cli.storage.sync_rules import stage_synced

if TYPE_CHECKING:
    from collections.abc import Callable

    from aspire_cli.storage.store import Store

NOTHING = "nothing forgotten"


class Remote(NamedTuple):
    url: str
    branch: str
    tip: str | None  # where the remote's branch was when fetched (None: it has none yet)
    sealed: bool = False  # an encrypted remote: replaced by one sealed bundle of the new history


def prepare(store: Store, identity: Callable[[], str | None]) -> tuple[bool, Remote | None]:
    """Whether the home is a git repository, and its remote, once the home is committed and in
    step with it; an AspireError (nothing changed) if it is not. An encrypted remote is brought in
    step by a sync (with the `identity` setting): only a sync can open what it holds."""
    home = store.home
    if not is_repository(home):
        return False, None
    need_git()
    with store.locked():
        on = branch(home)
        if rev(home, "MERGE_HEAD") is not None:
            raise AspireError(
                f"a sync was cut short here (a merge is unfinished): run aspire sync first; {NOTHING}"
            )
        if stage_synced(home):
            commit_staged(home, "forget: what was left uncommitted, committed first")
    sealed = _in_step_with_a_sealed_remote(store, identity)
    if sealed is not None:
        return True, sealed
    url = remote_url(home)
    if url is None:
        return True, None
    done = run_git(
        home, *own_credentials(home), "fetch", "--quiet", "--no-tags", "--no-recurse-submodules", REMOTE
    )
    if done.returncode:
        raise AspireError(
            f"cannot reach {shown(url)}: {git_line(done)}; forget replaces the remote's copy too, so it "
            f"needs the remote; {NOTHING}"
        )
    tip = rev(home, f"refs/remotes/{REMOTE}/{on}")
    if tip is not None and run_git(home, "merge-base", "--is-ancestor", tip, "HEAD").returncode:
        raise AspireError(f"{shown(url)} has changes this home has not: run aspire sync first; {NOTHING}")
    return True, Remote(url, on, tip)


def _in_step_with_a_sealed_remote(store: Store, identity: Callable[[], str | None]) -> Remote | None:
    """An encrypted remote, once a sync has taken in all it holds (None: the remote is not one)."""
    from aspire_cli.commands.sync import run_sync
    from aspire_cli.storage.sealed_remote import sealed_url

    url = sealed_url(store.home)
    if url is None:
        return None
    try:
        run_sync(store, identity())
    except AspireError as exc:
        raise AspireError(f"{exc.message} (forget syncs first with an encrypted remote); {NOTHING}") from None
    return Remote(url, branch(store.home), None, sealed=True)


def replace_remote(store: Store, remote: Remote) -> str:
    """The remote's history replaced by the rewritten one, and the line that says so; an AspireError
    if it cannot be (this home is erased all the same)."""
    home = store.home
    if remote.sealed:
        return _reseal(store, remote)
    lease = f"--force-with-lease=refs/heads/{remote.branch}:{remote.tip or ''}"
    push = ("push", "--quiet", "--no-recurse-submodules", lease, REMOTE, f"HEAD:refs/heads/{remote.branch}")
    done = run_git(home, *own_credentials(home), *push)
    if done.returncode:
        raise AspireError(
            f"erased here, but the history on {shown(remote.url)} could not be replaced ({git_line(done)}): "
            f"it still holds the text; send this home's with: git -C {home} push --force-with-lease "
            f"{REMOTE} HEAD:{remote.branch}"
        )
    return (
        f"Replaced the history on {shown(remote.url)}. Other clones, and the host's own backups (and "
        "old objects until it prunes them), still hold the old text: make each clone afresh."
    )


def _reseal(store: Store, remote: Remote) -> str:
    """An encrypted remote's whole content replaced by one sealed bundle of the rewritten history."""
    from aspire_cli.commands.sync_sealed import reseal_remote

    try:
        reseal_remote(store.home)
    except AspireError as exc:
        raise AspireError(
            f"erased here, but what {shown(remote.url)} holds could not be replaced ({exc.message}): "
            "it still holds the old text, sealed to your keys"
        ) from None
    return (
        f"Replaced what {shown(remote.url)} holds with one sealed bundle of the rewritten history. "
        "Other machines' homes, and the host's own backups of the old sealed bundles (readable only "
        "with one of your keys), still hold the old text: make each home afresh."
    )
