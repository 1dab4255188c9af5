"""The leader's own git, run on a home that is a repository (aspire sync): never through a shell,
never waiting for a password, never touching another repository.

Every write aspire makes in such a home is a commit of its own: store.py calls `commit_write` after
the write (a plain home pays one stat for <home>/.git). It commits by plumbing, four small
processes that never look at the rest of the home, as `git commit` would (see
_commit_by_plumbing). A commit that fails never undoes the write: it is one warning line, and the
next `aspire sync` commits what was left.

Git runs in the home with the caller's GIT_DIR and the like dropped (so a shell inside a git hook
cannot aim it elsewhere), GIT_TERMINAL_PROMPT=0 (a remote wanting a password fails in one line
rather than waiting), LC_ALL=C (its messages are read here) and umask 077 (what git writes into
the home is as private as what aspire writes).

No program that a repository can name runs: every git command aspire runs turns off hooks, the
file-system monitor, submodules and the `ext::` transport (NEUTRAL); filters and diff drivers are
turned off by the rules in .git/info/attributes (sync_rules.py), and credential helpers set in the
home's own .git/config are left out of fetch and push (the leader's own, in ~/.gitconfig, work).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import AspireError

if TYPE_CHECKING:
    import subprocess

GIT = "git"
NEUTRAL = (  # -c settings on every git command: none of these can run a program of the home's choosing
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "submodule.recurse=false",
    "protocol.ext.allow=never",
)
# where a repository is: the caller's must never point aspire's git at another one
_LOCATION = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
)


class GitMissing(AspireError):
    def __init__(self) -> None:
        super().__init__(
            "git is not on your PATH: aspire sync runs your own git; install it (e.g. apt install git) "
            "and try again"
        )


class GitFailed(AspireError):
    """A git command that exited non-zero; `message` is git's own line."""


def is_repository(home: Path) -> bool:
    """Whether the home is a git repository of its own (one stat: a write checks it every time)."""
    return os.path.lexists(home / ".git")


def git_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in _LOCATION}
    env.update(GIT_TERMINAL_PROMPT="0", GIT_LITERAL_PATHSPECS="1", LC_ALL="C", **extra)
    return env


def run_git(
    home: Path, *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`git -C <home> <args>`, its output captured as text; GitMissing if there is no git to run."""
    import subprocess

    done = run_git_bytes(home, *args, env=env, input=None if input is None else input.encode())
    out, err = (data.decode("utf-8", "replace") for data in (done.stdout, done.stderr))
    return subprocess.CompletedProcess(done.args, done.returncode, out, err)


def run_git_bytes(
    home: Path, *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """As run_git, the output as it is (a file's content from `git cat-file`)."""
    import subprocess

    neutral = [arg for setting in NEUTRAL for arg in ("-c", setting)]
    if _tracing():
        _say_command(home, args)
    try:
        return subprocess.run(
            [GIT, "-C", str(home), *neutral, *args],
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env=git_env() if env is None else env,
            umask=0o077,
            check=False,
        )
    except FileNotFoundError:
        raise GitMissing() from None
    except OSError as exc:
        raise AspireError(f"could not run git: {exc.strerror or exc}") from None


# -- --verbose, ASPIRE_DEBUG=1: each git command on stderr before it runs -----------------------
DEBUG_VARIABLE = "ASPIRE_DEBUG"
_trace = {"on": False, "explained": False}  # on: --verbose; explained: the NEUTRAL line was said


@contextlib.contextmanager
def traced(on: bool) -> Iterator[None]:
    """With `on` (a sync command's --verbose), every git command run inside is printed on stderr."""
    before = dict(_trace)
    _trace.update(on=on or before["on"], explained=False)
    try:
        yield
    finally:
        _trace.update(before)


def _tracing() -> bool:
    return _trace["on"] or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _say_command(home: Path, args: tuple[str, ...]) -> None:
    """`+ git -C <home> <args>` on stderr, one line, shell-quoted, a password in a URL hidden, a
    control character shown as an escape; the NEUTRAL settings said once, on the first, then left out."""
    import shlex
    import sys

    from aspire_cli.safe_text import one_line

    if not _trace["explained"]:
        _trace["explained"] = True
        settings = shlex.join(arg for setting in NEUTRAL for arg in ("-c", setting))
        print(f"+ (every git command below also runs with {settings})", file=sys.stderr)
    words = [GIT, "-C", str(home), *(shown(arg) if "://" in arg else arg for arg in args)]
    print(one_line(f"+ {shlex.join(words)}"), file=sys.stderr, flush=True)


def own_credentials(home: Path) -> list[str]:
    """-c settings for a fetch or a push: the credential helpers of the leader's own git config
    (global, system), none that the home's .git/config names."""
    found = run_git(home, "config", "--show-scope", "--get-regexp", r"^credential\..*helper$").stdout
    entries = [
        (scope, *rest.split(" ", 1))
        for scope, _, rest in (line.partition("\t") for line in found.splitlines())
        if " " in rest
    ]
    own = ("system", "global", "command")  # not the home's .git/config, nor its config.worktree
    if all(scope in own for scope, _, _ in entries):
        return []
    settings: list[str] = []
    for key in dict.fromkeys(key for _, key, _ in entries):
        settings += ["-c", f"{key}="]  # an empty helper clears the list; then the leader's own again
        for scope, name, value in entries:
            if name == key and scope in own:
                settings += ["-c", f"{name}={value}"]
    return settings


def git_out(home: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """What `git <args>` prints; a GitFailed holding git's own line if it fails."""
    done = run_git(home, *args, env=env)
    if done.returncode:
        raise GitFailed(git_line(done))
    return done.stdout


def git_line(done: subprocess.CompletedProcess[str]) -> str:
    """The line of git's output that says what went wrong: its first 'fatal:' or 'error:', else
    its last."""
    lines = [line.strip() for line in (done.stderr + "\n" + done.stdout).splitlines() if line.strip()]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line.removeprefix(prefix)
    command = done.args[3 + 2 * len(NEUTRAL) :][:1]
    return lines[-1] if lines else f"git {command} exited with status {done.returncode}"


def commit_write(home: Path, paths: Iterable[Path], message: str) -> None:
    """Commit the files just written or removed as one commit; a warning, never an error, if git cannot."""
    from aspire_cli.errors import warn

    names = [path.relative_to(home).as_posix() for path in paths]
    try:
        if not _commit_by_plumbing(home, names, message):
            git_out(home, "add", "--force", "--", *names)  # named by aspire: whatever a .gitignore says
            done = run_git(home, "commit", "--quiet", "--message", message, "--", *names)
            if done.returncode and not _nothing_changed(done):
                raise GitFailed(git_line(done))
    except GitMissing:
        warn("saved, but not committed: git is not on your PATH; the next `aspire sync` commits it")
    except AspireError as exc:
        warn(f"saved, but not committed to git: {exc.message}; the next `aspire sync` commits it")


def _commit_by_plumbing(home: Path, names: list[str], message: str) -> bool:
    """The files staged and committed without `git commit`, which looks at every file of the home
    (half a second for 40,000): update-index, write-tree, commit-tree, update-ref. Whatever else
    was staged by hand goes in too. False, and nothing committed, if a step fails (no commit yet,
    a merge unfinished): `git commit` then tries, and says what is wrong."""
    if run_git(home, "update-index", "--add", "--remove", "--", *names).returncode:  # a file gone: removed
        return False
    tree = run_git(home, "write-tree")
    if tree.returncode:
        return False
    commit = run_git(home, "commit-tree", tree.stdout.strip(), "-p", "HEAD", "-m", message)
    if commit.returncode:
        return False
    moved = run_git(home, "update-ref", "-m", f"commit: {message}", "HEAD", commit.stdout.strip())
    return moved.returncode == 0


def _nothing_changed(done: subprocess.CompletedProcess[str]) -> bool:
    """The files were written as they already were (git has nothing to commit): not a failure."""
    said = done.stdout + done.stderr
    return done.returncode == 1 and ("nothing to commit" in said or "no changes added" in said)


# -- what a sync asks of the repository ---------------------------------------------------------
REMOTE = "origin"
BRANCH = "main"


def rev(home: Path, name: str) -> str | None:
    """The commit `name` stands for (HEAD, MERGE_HEAD, a remote branch), or None if there is none."""
    done = run_git(home, "rev-parse", "--quiet", "--verify", f"{name}^{{commit}}")
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def branch(home: Path) -> str:
    """The branch the home is on; an AspireError, with the way back, if it is on none."""
    done = run_git(home, "symbolic-ref", "--quiet", "--short", "HEAD")
    if done.returncode:
        raise AspireError(
            f"{home} is on no branch (a detached HEAD): put it back on one: git -C {home} switch {BRANCH}"
        )
    return done.stdout.strip()


def remote_url(home: Path) -> str | None:
    done = run_git(home, "config", "--get", f"remote.{REMOTE}.url")
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def shown(url: str | None) -> str:
    """A remote as it can be shown: a password in it (https://me:secret@host) is not."""
    import re

    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", url or "")
