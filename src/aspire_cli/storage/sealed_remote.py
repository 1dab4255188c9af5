"""An encrypted remote (`aspire sync init REMOTE --encrypt`): the home stays a plain repository, and
only sealed git bundles travel.

The remote is a bare git repository with one branch, `sealed`, whose commits each hold one file,
`bundle.age`: a git bundle of the home's commits since the one before, sealed (storage/sealing.py)
to every recipient in .aspire-recipients. Every commit there is signed "aspire", dated 1970 and
says "sealed": no object of the remote holds a record's text, an id, a file name, a commit message,
an author or a date of the home's.

This machine mirrors that branch in a shadow repository, .git/aspire-sealed (never synced), which
also holds the remote's URL and what was applied here last (refs/aspire/applied). Receiving opens
every bundle not applied yet, all of them before anything is fetched (one that cannot be opened
changes nothing), checks each with `git bundle verify`, and fetches it into refs/remotes/origin/<branch>,
where the merge of commands/sync.py reads it as it reads a plain remote's. Sending bundles HEAD
less what the remote has (that ref), seals it, commits it on top of the remote's branch and pushes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from aspire_cli.errors import AspireError, BadFile
from aspire_cli.storage.files import MiB, private_temp_file
from aspire_cli.storage.git import REMOTE, GitFailed, git_env, git_line, git_out, rev, run_git, run_git_bytes
from aspire_cli.storage.sealing import open_sealed, seal

SHADOW = "aspire-sealed"  # in the home's .git
SEALED = "refs/heads/sealed"  # the remote's one branch
TRACKING = "refs/remotes/origin/sealed"  # in the shadow: the remote's branch as last fetched
APPLIED = "refs/aspire/applied"  # in the shadow: the last of its commits fetched into the home
PAYLOAD = "bundle.age"  # the one file of each commit on the remote
SEALED_LIMIT = 256 * MiB  # one sealed bundle; ten years of a 1,000-member team bundle to about 4 MiB
IDENTITY_KEY = "aspire.identity"  # in the shadow's config: --identity given at init, this machine's
_BLANK = {  # every commit on the remote says this and nothing else
    "GIT_AUTHOR_NAME": "aspire",
    "GIT_AUTHOR_EMAIL": "aspire",
    "GIT_AUTHOR_DATE": "@0 +0000",
    "GIT_COMMITTER_NAME": "aspire",
    "GIT_COMMITTER_EMAIL": "aspire",
    "GIT_COMMITTER_DATE": "@0 +0000",
}


def shadow(home: Path) -> Path:
    """Where the shadow repository is, absolute: git -C <home> names it relative to the home."""
    return (home / git_out(home, "rev-parse", "--git-path", SHADOW).strip()).absolute()


def sealed_url(home: Path) -> str | None:
    """The encrypted remote's URL, or None if this home syncs plainly (or not at all)."""
    path = shadow(home)
    if not path.is_dir():
        return None
    done = run_git(path, "config", "--get", f"remote.{REMOTE}.url")
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def set_sealed_url(home: Path, url: str, identity: str | None) -> None:
    """The shadow made if missing, `url` its remote, `identity` (a path) remembered if given."""
    path = shadow(home)
    if not (path / "HEAD").exists():
        git_out(home, "init", "--quiet", "--bare", str(path))
    was = run_git(path, "config", "--get", f"remote.{REMOTE}.url")
    if was.returncode:
        git_out(path, "remote", "add", REMOTE, url)
    elif was.stdout.strip() != url:  # another remote: it holds nothing yet, everything is sent again
        git_out(path, "remote", "set-url", REMOTE, url)
        for ref in (TRACKING, APPLIED):
            run_git(path, "update-ref", "-d", ref)
        for ref in git_out(home, "for-each-ref", "--format=%(refname)", f"refs/remotes/{REMOTE}/").split():
            run_git(home, "update-ref", "-d", ref)
    if identity is not None:
        git_out(path, "config", IDENTITY_KEY, identity)


def remembered_identity(home: Path) -> str | None:
    done = run_git(shadow(home), "config", "--get", IDENTITY_KEY)
    return (done.stdout.strip() or None) if done.returncode == 0 else None


# -- receiving -----------------------------------------------------------------------------------
def fetch_sealed(home: Path, credentials: list[str]) -> GitFailed | None:
    """The remote's branch fetched into the shadow; git's failure, if it failed."""
    spec = f"+{SEALED}:{TRACKING}"
    done = run_git(shadow(home), *credentials, "fetch", "--quiet", "--no-tags", REMOTE, spec)
    if done.returncode and "couldn't find remote ref" not in done.stderr:  # an empty remote: nothing yet
        return GitFailed(git_line(done))
    return None


def receive(home: Path, on: str, identities: Callable[[], Sequence[Any]]) -> int:
    """Every bundle fetched but not applied yet, opened, verified and fetched into
    refs/remotes/origin/`on`; how many. `identities` is asked only when there is one to open."""
    path = shadow(home)
    tip = rev(path, TRACKING)
    applied = rev(path, APPLIED)
    if tip is None or tip == applied:
        return 0
    if applied and run_git(path, "merge-base", "--is-ancestor", applied, tip).returncode == 0:
        new = git_out(path, "rev-list", "--reverse", f"{applied}..{tip}").split()
    else:  # the first sync, or the remote was compacted: every bundle there (git skips what it has)
        new = git_out(path, "rev-list", "--reverse", tip).split()
    keys = identities()
    fix = (
        "on a machine that syncs, add your public key (aspire sync recipients add KEY), then run "
        "aspire sync compact there"
    )
    opened = [(commit, open_sealed(_payload(path, commit), keys, _named(commit), fix)) for commit in new]
    for commit, bundle in opened:
        _apply(home, on, bundle, _named(commit))
        git_out(path, "update-ref", APPLIED, commit)
    return len(opened)


def _named(commit: str) -> str:
    return f"the sealed bundle {commit[:7]} of the encrypted remote"


def _payload(path: Path, commit: str) -> bytes:
    """The one sealed file of a commit on the remote; BadFile if the commit holds anything else."""
    listed = git_out(path, "ls-tree", "-z", "--long", commit).split("\0")
    entries = [entry for entry in listed if entry]
    head, _, name = entries[0].partition("\t") if len(entries) == 1 else ("", "", "")
    fields = head.split()
    if name != PAYLOAD or len(fields) != 4 or fields[:2] != ["100644", "blob"]:
        raise BadFile(f"{_named(commit)} is not one aspire made (it holds other files); nothing changed here")
    if not fields[3].isdigit() or int(fields[3]) > SEALED_LIMIT:
        raise BadFile(f"{_named(commit)} is bigger than {SEALED_LIMIT // MiB} MiB; nothing changed here")
    done = run_git_bytes(path, "cat-file", "blob", fields[2])
    if done.returncode:
        raise BadFile(f"{_named(commit)} cannot be read from the shadow repository; nothing changed here")
    return done.stdout


def _apply(home: Path, on: str, bundle: bytes, what: str) -> None:
    """An opened bundle verified, then its commits fetched into the ref the merge reads."""
    with _bundle_file(home, bundle) as file:
        verified = run_git(home, "bundle", "verify", "--quiet", file)
        if verified.returncode:
            raise BadFile(f"{what} is not a bundle this home can take: {git_line(verified)}")
        heads = git_out(home, "bundle", "list-heads", file).split()
        if heads[1:2] != ["HEAD"]:
            raise BadFile(f"{what} is not a bundle aspire made; nothing changed here")
        spec = f"+HEAD:refs/remotes/{REMOTE}/{on}"
        done = run_git(home, "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", file, spec)
        if done.returncode:
            raise GitFailed(f"could not take in {what}: {git_line(done)}")


@contextlib.contextmanager
def _bundle_file(home: Path, data: bytes) -> Iterator[str]:
    """A bundle in a private temporary file in the home's .git, removed afterwards."""
    path = private_temp_file(home / ".git" / "aspire.bundle", data, durable=False)
    try:
        yield path
    finally:
        Path(path).unlink(missing_ok=True)


# -- sending -------------------------------------------------------------------------------------
def send(home: Path, on: str, recipients: Sequence[Any], credentials: list[str]) -> bool:
    """HEAD's commits the remote lacks, bundled, sealed and pushed on top of the remote's branch;
    False if the remote moved on meanwhile (fetch, merge and send again)."""
    theirs = rev(home, f"refs/remotes/{REMOTE}/{on}")
    bundle, head = _bundle(home, ["HEAD", *([f"^{theirs}"] if theirs else [])])
    path = shadow(home)
    parent = rev(path, TRACKING)
    commit = _sealed_commit(path, seal(bundle, recipients), parent)
    push = ("push", "--quiet", REMOTE, f"{commit}:{SEALED}")
    if not _pushed(path, credentials, push):
        return False
    _sent(home, on, commit, head)
    return True


def replace_remote(home: Path, on: str, recipients: Sequence[Any], credentials: list[str]) -> None:
    """The remote's whole content replaced by one sealed bundle of this home's whole history (what
    `aspire sync compact` does, and what a forget must do); refused if the remote changed since
    this machine last fetched it."""
    bundle, head = _bundle(home, ["HEAD"])
    path = shadow(home)
    expected = rev(path, TRACKING) or ""
    commit = _sealed_commit(path, seal(bundle, recipients), None)
    lease = f"--force-with-lease={SEALED}:{expected}"
    if not _pushed(path, credentials, ("push", "--quiet", lease, REMOTE, f"{commit}:{SEALED}")):
        raise AspireError(
            "the encrypted remote changed while compacting; nothing was replaced: sync, then compact again"
        )
    _sent(home, on, commit, head)


def _bundle(home: Path, revisions: list[str]) -> tuple[bytes, str]:
    """The bundle of `revisions` (HEAD first), and the commit it holds as HEAD."""
    with _bundle_file(home, b"") as file:
        done = run_git(home, "bundle", "create", "--quiet", file, *revisions)
        if done.returncode:
            raise GitFailed(f"could not bundle what to send: {git_line(done)}")
        head = git_out(home, "bundle", "list-heads", file).split()[0]
        return Path(file).read_bytes(), head


def _sealed_commit(path: Path, sealed: bytes, parent: str | None) -> str:
    """A commit in the shadow holding `sealed` as bundle.age, on `parent`, saying nothing."""
    done = run_git_bytes(path, "hash-object", "-w", "--stdin", input=sealed)
    if done.returncode:
        raise GitFailed("could not store the sealed bundle in the shadow repository")
    blob = done.stdout.decode().strip()
    tree = run_git(path, "mktree", input=f"100644 blob {blob}\t{PAYLOAD}\n").stdout.strip()
    parents = ["-p", parent] if parent else []
    return git_out(path, "commit-tree", tree, *parents, "-m", "sealed", env=git_env(**_BLANK)).strip()


def _pushed(path: Path, credentials: list[str], push: tuple[str, ...]) -> bool:
    done = run_git(path, *credentials, *push)
    if done.returncode == 0:
        return True
    said = done.stderr
    if any(word in said for word in ("[rejected]", "fetch first", "non-fast-forward", "stale info")):
        return False
    raise GitFailed(git_line(done))


def _sent(home: Path, on: str, commit: str, head: str) -> None:
    """What the remote holds now, remembered: its branch, as applied here, and the home's commit."""
    path = shadow(home)
    git_out(path, "update-ref", TRACKING, commit)
    git_out(path, "update-ref", APPLIED, commit)
    git_out(home, "update-ref", f"refs/remotes/{REMOTE}/{on}", head)
