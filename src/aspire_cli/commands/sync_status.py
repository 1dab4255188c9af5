"""aspire sync status: whether the home is a repository, its remote, commits ahead and behind (as of
the last fetch), and what is not committed yet; one `git status` says most of it."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from aspire_cli.safe_text import one_line
from aspire_cli.storage.git import GitMissing, git_out, is_repository, remote_url, shown
from aspire_cli.storage.store import Store
from aspire_cli.storage.sync_rules import is_local, is_synced

START = "start with: aspire sync init [REMOTE] (a private repository)"


class Status(NamedTuple):
    branch: str | None  # None: a detached HEAD
    ahead_behind: tuple[int, int] | None  # None: no upstream, or not fetched yet
    changed: list[str]  # not committed: changed, new, unmerged


def run_status(store: Store) -> int:
    home = store.home
    if not is_repository(home):
        print(one_line(f"Not a repository: {home} is kept on this machine only; {START}"))
        return 0
    need_git()
    status = home_status(home)
    url = remote_url(home)
    print(one_line(f"Repository: {home} (branch {status.branch or 'none: a detached HEAD'})"))
    print(one_line(f"Remote: origin = {shown(url)}" if url else "Remote: none (aspire sync init REMOTE)"))
    if status.ahead_behind is not None:
        ahead, behind = status.ahead_behind
        print(f"Ahead {ahead}, behind {behind} (as of the last sync; aspire sync brings both up to date)")
    elif url:
        print("Ahead and behind: not known before the first aspire sync")
    synced = [name for name in status.changed if is_synced(name)]
    stray = [name for name in status.changed if not is_synced(name) and not is_local(name)]
    if synced:
        print(one_line(f"Uncommitted: {_files(synced)}; aspire sync commits them"))
    else:
        print("Uncommitted: nothing")
    if stray:
        only = "aspire syncs only the team, records, question sets and settings"
        print(one_line(f"Not synced: {_files(stray)}; {only}"))
    return 0


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
