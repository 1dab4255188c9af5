"""aspire sync status: whether the home is a repository, its remote, commits ahead and behind (as of
the last fetch), and what is not committed yet; one `git status` says most of it."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from aspire_cli.safe_text import one_line
from aspire_cli.storage.git import GitMissing, git_out, is_repository, remote_url, shown
from aspire_cli.storage.store import Store
from aspire_cli.storage.sync_rules import is_local, is_synced
from aspire_cli.views.json_text import json_text

START = "start with: aspire sync init [REMOTE] (a private repository)"


class Status(NamedTuple):
    branch: str | None  # None: a detached HEAD
    ahead_behind: tuple[int, int] | None  # None: no upstream, or not fetched yet
    changed: list[str]  # not committed: changed, new, unmerged


def run_status(store: Store, as_json: bool = False) -> int:
    home = store.home
    if not is_repository(home):
        if as_json:
            print(json_text({**status_json(home, None, None), "encrypted": False, "recipients": 0}))
        else:
            print(one_line(f"Not a repository: {home} is kept on this machine only; {START}"))
        return 0
    need_git()
    from aspire_cli.commands.sync_sealed import ahead_behind, status_words

    status = home_status(home)
    sealed, keys = status_words(home)
    if sealed and status.branch:  # no upstream in git's config: the remote is not git's to reach
        status = status._replace(ahead_behind=ahead_behind(home, status.branch))
    url = sealed or remote_url(home)
    if as_json:
        print(
            json_text({**status_json(home, status, url), "encrypted": sealed is not None, "recipients": keys})
        )
        return 0
    print(one_line(f"Repository: {home} (branch {status.branch or 'none: a detached HEAD'})"))
    if sealed:
        print(one_line(f"Remote: {shown(url)}, encrypted: sealed to {keys} key{'' if keys == 1 else 's'}"))
    else:
        print(one_line(f"Remote: origin = {shown(url)}" if url else "Remote: none (aspire sync init REMOTE)"))
    if status.ahead_behind is not None:
        ahead, behind = status.ahead_behind
        print(f"Ahead {ahead}, behind {behind} (as of the last sync; aspire sync brings both up to date)")
    elif url:
        print("Ahead and behind: not known before the first aspire sync")
    synced, stray = _uncommitted(status)
    if synced:
        print(one_line(f"Uncommitted: {_files(synced)}; aspire sync commits them"))
    else:
        print("Uncommitted: nothing")
    if stray:
        only = "aspire syncs only the team, records, question sets and settings"
        print(one_line(f"Not synced: {_files(stray)}; {only}"))
    return 0


def status_json(home: Path, status: Status | None, url: str | None) -> dict[str, object]:
    """For scripts: home, repository (false: the keys after it are null or empty), branch (null: a
    detached HEAD), remote (a password in it hidden), ahead and behind (null: not known), the files
    uncommitted that sync commits, and those it does not sync."""
    ahead, behind = status.ahead_behind if status and status.ahead_behind else (None, None)
    synced, stray = _uncommitted(status) if status else ([], [])
    return {
        "home": str(home),
        "repository": status is not None,
        "branch": status.branch if status else None,
        "remote": shown(url) if url else None,
        "ahead": ahead,
        "behind": behind,
        "uncommitted": synced,
        "not_synced": stray,
    }


def _uncommitted(status: Status) -> tuple[list[str], list[str]]:
    """The files not committed: those sync commits, and those it leaves alone (not aspire's to sync)."""
    synced = [name for name in status.changed if is_synced(name)]
    stray = [name for name in status.changed if not is_synced(name) and not is_local(name)]
    return synced, stray


def _files(names: list[str]) -> str:
    listed = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
    return f"{len(names)} file{'' if len(names) == 1 else 's'} ({listed})"


def need_git() -> None:
    import shutil

    if shutil.which("git") is None:
        raise GitMissing()


def home_status(home: Path) -> Status:
    """`git status --porcelain=v2 --branch`, read: its branch, ahead and behind, the files changed."""
    out = git_out(home, "status", "--porcelain=v2", "--branch", "--untracked-files=all", "-z")
    branch, ahead_behind, changed = None, None, []
    entries = iter(out.split("\0"))
    for entry in entries:
        kind, _, rest = entry.partition(" ")
        if entry.startswith("# branch.head "):
            branch = None if rest.endswith("(detached)") else entry.split(" ", 2)[2]
        elif entry.startswith("# branch.ab "):
            ahead, behind = entry.split(" ")[2:4]
            ahead_behind = (int(ahead), -int(behind))
        elif kind in FIELDS_BEFORE_PATH:
            fields = FIELDS_BEFORE_PATH[kind]
            changed.append(rest.split(" ", fields)[-1] if fields else rest)
            if kind == "2":
                next(entries, None)  # the name it had before
    return Status(branch, ahead_behind, changed)


FIELDS_BEFORE_PATH = {"1": 7, "2": 8, "u": 9, "?": 0}  # changed, renamed, unmerged, untracked
