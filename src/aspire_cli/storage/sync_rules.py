"""What aspire syncs, and the rules its git follows in a synced home, kept where no pull can change them.

Whoever can push to the remote writes into the home, so what arrives is data, checked before it is
merged, and never a rule:

- **Only what aspire syncs comes in**: team.toml, config.toml, .aspire-recipients (the keys an
  encrypted remote seals to, each line checked to be one: recipients.py), your question sets
  (questions/<set>.toml), records and their Markdown copies, follow-ups, the highest action number
  given, what an edit or a delete kept (records/<employee>/...), the conflict copies of any of
  these, and the .gitignore and .gitattributes older aspires tracked (nothing relies on them now).
  A commit that adds or changes any other path, a link or a submodule anywhere, or a file bigger
  than aspire would read, is refused before anything is merged, in one line naming the path and
  the commit.
- **aspire's rules live in the repository itself**: the merge drivers in .git/info/attributes,
  which wins over every tracked .gitattributes, and what stays on this machine in .git/info/exclude
  (for a `git status` by hand). Both are written again at every sync. Ignore rules are never
  trusted to keep anything private: aspire stages what it syncs by name (stage_synced), never with
  `git add --all`, so a tracked .gitignore that un-ignores the drafts changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from aspire_cli.domain.ids import is_employee_id
from aspire_cli.errors import AspireError, BadFile
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import TEAM_LIMIT, MiB
from aspire_cli.storage.git import GitFailed, git_out, run_git, run_git_bytes
from aspire_cli.storage.layout import (
    VERSIONS_FOLDER,
    is_kept_version_name,
    is_markdown_name,
    parse_follow_up_name,
    parse_numbers_given_name,
    split_record_name,
)
from aspire_cli.storage.merge_driver import original
from aspire_cli.storage.recipients import RECIPIENTS_LIMIT, RECIPIENTS_NAME, keys_in

EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's own: what a history of its own is compared to

LOCAL = (  # derived or in progress: stays on this machine (documented in docs/guide/your-data.md)
    "/drafts/",
    "/.index.sqlite3*",
    "/.lock",
    "/.locks/",
    "/.editing/",
    "/.importing-*/",
    ".*.tmp",
)
EXCLUDE = "# aspire: what is derived or in progress stays on this machine\n" + "\n".join(LOCAL) + "\n"
# the highest precedence git has; -filter and plain `diff` undo a filter or a diff driver that a
# tracked .gitattributes names (git would run the program the leader's own config gives it)
ATTRIBUTES = (
    "# aspire: written at every sync; takes precedence over any tracked .gitattributes\n"
    "* merge=aspire-keep-both -filter diff -ident -working-tree-encoding\n"
    "/team.toml merge=aspire-team\n"
    "/.aspire-recipients merge=union\n"  # git's own: the keys of both sides, each read once
)
FILE_LIMIT = TEAM_LIMIT  # the biggest file aspire reads from a home: nothing bigger comes in

_TOP = {"team.toml", "config.toml", ".gitignore", ".gitattributes", RECIPIENTS_NAME}
_OWN_SET = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.toml")
_LOCAL_NAMES = re.compile(
    r"(drafts|\.locks|\.editing|\.importing-[^/]*)(/.*)?|\.lock|\.index\.sqlite3.*|(.*/)?\.[^/]*\.tmp"
)
_REGULAR = ("100644", "100755")
_VERBS = {"A": "adds", "D": "deletes"}
_LINK, _SUBMODULE, _GONE = "120000", "160000", "000000"


def is_synced(path: str) -> bool:
    """Whether `path` (relative, with /) is a file aspire syncs."""
    path = original(path)
    parts = path.split("/")
    if len(parts) == 1:
        return path in _TOP
    if parts[0] == "questions":
        return len(parts) == 2 and _OWN_SET.fullmatch(parts[1]) is not None
    if parts[0] != "records" or not is_employee_id(parts[1]):
        return False
    if len(parts) == 3:
        name = parts[2]
        return bool(
            split_record_name(name)
            or is_markdown_name(name)
            or parse_follow_up_name(name)
            or parse_numbers_given_name(name)
        )
    return len(parts) == 4 and parts[2] == VERSIONS_FOLDER and is_kept_version_name(parts[3])


def is_local(path: str) -> bool:
    """Whether `path` is one of the files aspire keeps on this machine (drafts, the index...)."""
    return _LOCAL_NAMES.fullmatch(path) is not None


# -- the rules, in the repository ----------------------------------------------------------------
def write_rules(home: Path) -> None:
    """.git/info/attributes as aspire wants it, and its lines in .git/info/exclude."""
    from aspire_cli.storage.files import atomic_write, read_regular
    from aspire_cli.storage.folders import private_dir

    where = git_out(home, "rev-parse", "--git-path", "info/attributes", "--git-path", "info/exclude")
    attributes, exclude = (home / line for line in where.splitlines())
    private_dir(attributes.parent)
    current = {}
    for path in (attributes, exclude):
        try:
            current[path] = read_regular(path, 1024 * 1024).decode("utf-8", "replace")
        except AspireError:
            current[path] = ""
    if current[attributes] != ATTRIBUTES:
        atomic_write(attributes, ATTRIBUTES)
    have = current[exclude].splitlines()
    missing = [line for line in EXCLUDE.splitlines() if line not in have]
    if missing:
        text = current[exclude]
        atomic_write(
            exclude, text + ("\n" if text and not text.endswith("\n") else "") + "\n".join(missing) + "\n"
        )


# -- what this machine commits -------------------------------------------------------------------
def stage_synced(home: Path) -> list[str]:
    """Stage every change (new, changed, deleted) to a file aspire syncs, and nothing else, whatever
    ignore rules say; the paths staged."""
    out = git_out(home, "ls-files", "-z", "--others", "--modified", "--deleted")
    names = sorted({name for name in out.split("\0") if name and is_synced(name)})
    if names:
        _update_index(home, names, "--add", "--remove")
    return names


def untrack_unsynced(home: Path) -> list[str]:
    """Stop tracking whatever aspire does not sync (drafts an old home tracked, a file added by
    hand), left where it is; the paths no longer tracked."""
    out = git_out(home, "ls-files", "-z", "--cached")
    names = sorted({name for name in out.split("\0") if name and not is_synced(name)})
    if names:
        _update_index(home, names, "--force-remove")
    return names


def _update_index(home: Path, names: list[str], *how: str) -> None:
    done = run_git_bytes(home, "update-index", *how, "-z", "--stdin", input="\0".join(names).encode())
    if done.returncode:
        raise GitFailed(done.stderr.decode("utf-8", "replace").strip() or "git update-index failed")


# -- what comes in -------------------------------------------------------------------------------
class Refused(BadFile):
    """A commit from the remote that holds what aspire never takes in."""


def check_incoming(home: Path, theirs: str, before: str | None, source: str) -> None:
    """Refuse, before anything is merged, what `theirs` would change in this home beyond what aspire
    syncs: a path it does not sync, a link or a submodule anywhere, a file too big to be aspire's.
    What a merge can change is what changed from a merge base to `theirs` (from nothing, for a
    history of its own); a file added and taken out again on the way changes nothing here."""
    bases = run_git(home, "merge-base", "--all", before, theirs).stdout.split() if before else []
    blobs: dict[str, str] = {}
    for base in bases or [EMPTY_TREE]:
        done = run_git_bytes(home, "diff-tree", "-r", "-z", "--no-renames", base, theirs)
        if done.returncode:
            raise GitFailed(done.stderr.decode("utf-8", "replace").strip() or "git diff-tree failed")
        for mode, blob, status, path in _changes(done.stdout):
            why = _why_refused(path, mode, status)
            if why:
                raise Refused(_refusal(home, source, theirs, status, path, why))
            if mode != _GONE:
                blobs[blob] = path
    _refuse_big(home, blobs, source, theirs)
    _refuse_bad_keys(home, blobs, source, theirs)


def _changes(raw: bytes) -> Iterator[tuple[str, str, str, str]]:
    """(new mode, new blob, status, path) for each entry of `git diff-tree -r -z` output."""
    fields = raw.split(b"\0")
    for header, path in zip(fields[0::2], fields[1::2], strict=False):
        _old_mode, mode, _old_blob, blob, status = header.decode("ascii", "replace")[1:].split(" ")
        yield mode, blob, status[:1], path.decode("utf-8", "replace")


def _why_refused(path: str, mode: str, status: str) -> str | None:
    if mode == _LINK:
        return "a symbolic link"
    if mode == _SUBMODULE:
        return "a submodule"
    if mode not in (*_REGULAR, _GONE):
        return "not a plain file"
    if is_synced(path) or status == "D":
        return None  # a deletion of what no commit here tracks (see untrack_unsynced) touches nothing
    if is_local(path):
        return "which stays on each machine and is never synced"
    return "which is not a file aspire syncs"


def check_outgoing(home: Path, theirs: str | None, destination: str) -> None:
    """Refuse to send a commit that adds or changes what aspire does not sync (a draft committed by
    hand, say): every commit, not only where they end, since each one sent stays readable there."""
    commits = git_out(home, "rev-list", "HEAD", *([f"^{theirs}"] if theirs else []))
    if not commits.strip():
        return
    done = run_git_bytes(
        home, "diff-tree", "--stdin", "-r", "-z", "-m", "--root", "--no-renames", input=commits.encode()
    )
    if done.returncode:
        raise GitFailed(done.stderr.decode("utf-8", "replace").strip() or "git diff-tree failed")
    for commit, (_mode, _blob, status, path) in _changes_by_commit(done.stdout):
        why = _why_refused(path, _mode, status)
        if why:
            raise Refused(
                one_line(
                    f"not sent to {destination}: commit {commit[:7]} {_VERBS.get(status, 'changes')} "
                    f"{path}, {why}; aspire never makes such a commit (one made by hand?): undo it with "
                    f"git -C {home} reset --soft {theirs[:7] if theirs else 'HEAD~1'}, then aspire sync"
                )
            )


def _changes_by_commit(raw: bytes) -> Iterator[tuple[str, tuple[str, str, str, str]]]:
    """The entries of `git diff-tree --stdin -z` output, each with the commit it belongs to: a
    commit's id stands alone before its entries."""
    fields, commit, i = raw.split(b"\0"), "", 0
    while i < len(fields):
        if fields[i].startswith(b":") and i + 1 < len(fields):
            yield commit, next(_changes(fields[i] + b"\0" + fields[i + 1]))
            i += 2
        else:
            commit = fields[i].decode("ascii", "replace") or commit
            i += 1


def _refuse_big(home: Path, blobs: dict[str, str], source: str, theirs: str) -> None:
    if not blobs:
        return
    listed = "\n".join(blobs) + "\n"
    done = run_git(home, "cat-file", "--batch-check=%(objectname) %(objectsize)", input=listed)
    for line in done.stdout.splitlines():
        blob, _, size = line.partition(" ")
        if size.isdigit() and int(size) > FILE_LIMIT and blob in blobs:
            mib = f"{int(size) / MiB:.0f} MiB, more than the {FILE_LIMIT // MiB} MiB aspire reads"
            raise Refused(_refusal(home, source, theirs, "A", blobs[blob], mib))


def _refuse_bad_keys(home: Path, blobs: dict[str, str], source: str, theirs: str) -> None:
    """A recipients file that came in holds keys and nothing else (what is sent is sealed to them)."""
    for blob, path in blobs.items():
        if path != RECIPIENTS_NAME:
            continue
        data = run_git_bytes(home, "cat-file", "blob", blob).stdout
        try:
            if len(data) > RECIPIENTS_LIMIT:
                raise BadFile(f"bigger than {RECIPIENTS_LIMIT // 1024} KiB")
            keys_in(data.decode("utf-8", "replace"), path)
        except BadFile as exc:
            raise Refused(_refusal(home, source, theirs, "M", path, exc.message)) from None


def _refusal(home: Path, source: str, theirs: str, status: str, path: str, why: str) -> str:
    """One line: the path, the commit that last touched it, and the way out."""
    commit = run_git(home, "log", "-1", "--format=%h", "--abbrev=7", theirs, "--", path).stdout.strip()
    verb = _VERBS.get(status, "changes")
    return one_line(
        f"refused what came from {source}: commit {commit or theirs[:7]} {verb} {path}, {why}; "
        "nothing was merged and this home is as it was (aspire never makes such a commit: remove "
        "the file in a clone of the remote, push, then sync again)"
    )
