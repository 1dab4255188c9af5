"""What `aspire forget` does to a git home's history: every commit of every ref (branches, the
remote's as last fetched, tags, a stash) rewritten without the forgotten files, the commits left
empty dropped, the old ones and the reflog let go and pruned, so that no object of the repository
holds the text any more (git filter-branch with an index filter: git-filter-repo is not part of
git; filter-branch is, and it runs aspire's own `git rm`, nothing of the home's).

Other clones still hold the old history. The rewrite says which old commits first held the
forgotten files, in a commit of its own (lines `Aspire-Forgotten: <commit id>`: ids only, no name,
no date, no text), so that a sync can refuse to merge the old history back (refuse_old_history):
on the machine that still holds it, and on the one that forgot, while the remote still holds it.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

from aspire_cli.errors import AspireError
from aspire_cli.storage.git import REMOTE, GitFailed, branch, git_env, git_line, git_out, run_git, shown

MARK = "Aspire-Forgotten: "
_ALL_BUT_OLD = ("--exclude=refs/original/*", "--all")


def rewrite_without(
    home: Path, paths: list[str], member: str | None = None, erased: dict[str, set[str]] | None = None
) -> int:
    """`paths` (relative, with /; a folder stands for all in it) taken out of every commit; the old
    commits that first held them named in a commit on top. With `member` (a person forgotten whole),
    their entry taken out of every version of team.toml, and their id out of every commit message;
    `erased` (employee: the days of their records that go): those records' names out of every
    message. The number of commits rewritten."""
    git_dir = Path(git_out(home, "rev-parse", "--absolute-git-dir").strip())
    earlier = _forgotten_in(home, "HEAD")  # an earlier forget's commit is empty: pruned, and named again
    work = git_dir / "aspire-forget"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(mode=0o700)
    try:
        done = run_git(
            home,
            *("filter-branch", "--force", "--prune-empty", "-d", str(work / "scratch")),
            *_filters(work, paths, member, erased or {}),
            *("--", "--all"),
            env=git_env(FILTER_BRANCH_SQUELCH_WARNING="1"),
        )
        if done.returncode:
            raise GitFailed(f"could not rewrite the history: {git_line(done)}")
        first, rewritten = _first_rewritten(home)
        if first:
            lines = "".join(f"{MARK}{commit}\n" for commit in sorted(first | earlier))
            message = f"forget: records erased; the history before was rewritten\n\n{lines}"
            git_out(home, "commit", "--quiet", "--allow-empty", "--message", message)
        _let_go(home, git_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rewritten


def _filters(work: Path, paths: list[str], member: str | None, erased: dict[str, set[str]]) -> list[str]:
    """filter-branch's filters: aspire's own `git rm` of `paths` (from a file: no length limit),
    team.toml without `member`, and a sed script for the messages."""
    listed = work / "paths"
    listed.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
    remove = f"git rm -r -q --cached --ignore-unmatch --pathspec-from-file={shlex.quote(str(listed))}"
    remove = remove if paths else ":"  # a member with no records: their entry and id alone
    filters = ["--index-filter", f"{remove}\n{_team_without(member, work)}" if member else remove]
    script = _message_script(member, erased)
    if script:
        (work / "messages.sed").write_text(script, encoding="utf-8")
        filters += ["--msg-filter", f"sed -E -f {shlex.quote(str(work / 'messages.sed'))}"]
    return filters


def _message_script(member: str | None, erased: dict[str, set[str]]) -> str:
    """sed -E: `member` as a word (an id: letters, digits and -) put as (someone); each erased record
    named in a message (alice 2015-03-01-talk, records/alice/2015-03-01-talk.toml) put as erased."""
    lines = []
    if member is not None:
        lines += [":a", f"s/(^|[^a-z0-9-]){member}([^a-z0-9-]|$)/\\1(someone)\\2/", "ta"]
    for employee, days in sorted(erased.items()):
        for day in sorted(days):
            if not (_ID.fullmatch(employee) and _DAY.fullmatch(day)):
                continue  # cannot be: both come from names aspire parsed
            lines.append(f"s#(^|[^a-z0-9-]){employee} {day}[-a-z0-9]*#\\1{employee} (an erased record)#g")
            lines.append(
                f"s#records/{employee}/(\\.versions/)?{day}[^ ,;]*#records/{employee}/(an erased record)#g"
            )
    return "".join(f"{line}\n" for line in lines)


_ID = re.compile(r"[a-z0-9-]+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _team_without(member: str, work: Path) -> str:
    """Shell, run by filter-branch for each commit: its team.toml without `member`, each version
    rewritten once (by scrub_member) and remembered by its blob id."""
    import sys

    cache = work / "teams"
    cache.mkdir(mode=0o700)
    python = f"{shlex.quote(sys.executable)} -c {shlex.quote(_SCRUB)} {shlex.quote(member)}"
    seen = f"{shlex.quote(str(cache))}/$b"
    return (
        "if b=$(git rev-parse -q --verify :team.toml); then "
        f'test -s {seen} || git cat-file blob "$b" | {python} | git hash-object -w --stdin > {seen} && '
        f"git update-index --cacheinfo 100644,$(cat {seen}),team.toml; fi"
    )


_SCRUB = "from aspire_cli.storage.history_rewrite import scrub_member; scrub_member()"


def scrub_member() -> None:
    """(python -c, with the member's id) team.toml's text on stdin, written on stdout without that
    member; as it came if it cannot be read as a roster."""
    import sys

    from aspire_cli.storage.toml_read import TomlError, load_bytes
    from aspire_cli.storage.toml_write import toml_text

    data = sys.stdin.buffer.read()
    try:
        team = load_bytes(data)
        members = team.get("members")
        if isinstance(members, dict) and members.pop(sys.argv[1], None) is not None:
            data = toml_text(team).encode("utf-8")
    except (TomlError, TypeError, ValueError):
        pass
    sys.stdout.buffer.write(data)


def _first_rewritten(home: Path) -> tuple[set[str], int]:
    """The old commits that were rewritten and whose parents were not (the first to hold a forgotten
    file, on each line of history), and how many were rewritten."""
    old_refs = git_out(home, "for-each-ref", "--format=%(objectname)", "refs/original/").split()
    if not old_refs:
        return set(), 0
    now = set(git_out(home, "rev-list", *_ALL_BUT_OLD).split())
    parents = {}
    for line in git_out(home, "rev-list", "--parents", *old_refs).splitlines():
        commit, *its = line.split()
        parents[commit] = its
    rewritten = {commit for commit in parents if commit not in now}
    first = {commit for commit in rewritten if not any(p in rewritten for p in parents[commit])}
    return first, len(rewritten)


def _let_go(home: Path, git_dir: Path) -> None:
    """The old commits let go (the refs filter-branch kept, the reflog, FETCH_HEAD and ORIG_HEAD)
    and every object no ref reaches pruned, packed ones included."""
    old = git_out(home, "for-each-ref", "--format=%(refname)", "refs/original/").split()
    if old:
        done = run_git(home, "update-ref", "--stdin", input="".join(f"delete {ref}\n" for ref in old))
        if done.returncode:
            raise GitFailed(f"could not let go of the old history: {git_line(done)}")
    for name in ("ORIG_HEAD", "FETCH_HEAD"):
        (git_dir / name).unlink(missing_ok=True)
    git_out(home, "reflog", "expire", "--expire=now", "--expire-unreachable=now", "--all")
    git_out(home, "gc", "--quiet", "--prune=now")


# -- a sync meets the old history -----------------------------------------------------------------
def refuse_old_history(home: Path, theirs: str, url: str) -> None:
    """Before a sync merges `theirs`: an AspireError if one side holds history the other forgot
    (this home, or the remote, still has a commit an `aspire forget` rewrote away)."""
    came = _forgotten_in(home, f"HEAD..{theirs}")
    if came and _reaches(home, "HEAD", came):
        raise AspireError(
            f"{shown(url)} was rewritten by aspire forget on another machine, to erase records this "
            "home still holds; a sync would bring them back. Nothing changed. Move this folder "
            f"aside, make a fresh copy (aspire --home NEW sync init {shown(url)}, then aspire --home "
            "NEW sync), copy anything recorded here since into it, then delete this folder"
        )
    ours = _forgotten_in(home, f"{theirs}..HEAD")
    if ours and _reaches(home, theirs, ours):
        raise AspireError(
            f"{shown(url)} still holds records aspire forget erased here, and a sync would bring them "
            f"back; nothing changed. Replace its history with this home's: git -C {home} push "
            f"--force-with-lease {REMOTE} HEAD:{branch(home)}"
        )


def _forgotten_in(home: Path, commits: str) -> set[str]:
    """The old commits named by the forget commits in the range."""
    done = run_git(home, "log", "--format=%B", "--fixed-strings", f"--grep={MARK}", commits)
    if done.returncode:
        return set()
    return {
        line.removeprefix(MARK).strip()
        for line in done.stdout.splitlines()
        if line.startswith(MARK) and len(line.removeprefix(MARK).strip()) in (40, 64)
    }


def _reaches(home: Path, tip: str, commits: set[str]) -> bool:
    return not commits.isdisjoint(git_out(home, "rev-list", tip).split())


def paths_ever(home: Path, folder: Path) -> list[str]:
    """Every name any commit of any ref ever held in `folder` (relative to it, with /)."""
    base = folder.relative_to(home).as_posix()
    out = git_out(
        home,
        *("log", "--all", "--full-history", "--no-renames", "-m", "--name-only", "--format="),
        *("--", f"{base}/"),
    )
    return sorted({line[len(base) + 1 :] for line in out.splitlines() if line.startswith(f"{base}/")})
