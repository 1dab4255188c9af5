"""What a merge left unmerged, settled in one step as aspire's merge drivers would (merge_driver.py):
the roster in one, else this machine's version in place and the other's beside it, so no file aspire
reads ever holds a conflict marker. Run by `aspire sync` under the home's lock."""

from __future__ import annotations

from pathlib import Path

from aspire_cli.storage.git import GitFailed, git_out, run_git_bytes
from aspire_cli.storage.merge_driver import CONFLICT_MARK, keep_theirs_beside, merge_team, original


def settle_unmerged(home: Path, tag: str, notes: list[str]) -> None:
    """What git left unmerged (a change against a deletion, a driver that could not run), settled
    as the drivers would: the roster in one, else this machine's version in place and the other's
    beside it. No conflict marker stays in the working tree."""
    from aspire_cli.storage.files import atomic_write
    from aspire_cli.storage.folders import private_dir

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
                atomic_write(target, merged[0].encode("utf-8"))
                notes.extend(merged[1])
                continue
        if ours is not None or theirs is not None:
            private_dir(target.parent)
            atomic_write(target, ours if ours is not None else theirs or b"")
        if ours is not None and theirs is not None:
            keep_theirs_beside(target, theirs, tag or None)


def _blob(home: Path, blob: str) -> bytes:
    done = run_git_bytes(home, "cat-file", "blob", blob)
    if done.returncode:
        raise GitFailed(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


def kept_both(home: Path) -> list[tuple[str, str]]:
    """The other machine's versions the merge wrote beside this one's: (file, its other version)."""
    out = git_out(home, "ls-files", "--others", "-z")  # whatever a tracked .gitignore says
    copies = [name for name in out.split("\0") if CONFLICT_MARK in Path(name).name]
    return [(original(copy), copy) for copy in copies]
