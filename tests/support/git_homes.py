"""Two leaders' machines and a bare remote, made in a test's own folder: what test_sync and the
trust-boundary tests share. git runs with no identity and no settings of the machine's own."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ANSWERS = """\
short_term_aspiration = "Lead a small team"
long_term_aspiration = "Director of engineering"
aspiration_level = "one level up"
knows_path = "Partly"
willing = "yes"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
"""
MARKERS = ("<<<<<<<", ">>>>>>>", "\n=======\n")


@pytest.fixture
def git_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """git as on a machine where it was never set up: no user.name, no user.email."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


@pytest.fixture
def remote(tmp_path: Path, git_of_its_own: None) -> Path:
    path = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(path)], check=True)
    return path


class Machine:
    """One leader's machine: a home, and aspire run on it."""

    def __init__(self, aspire, home: Path) -> None:
        self.run, self.home = aspire, home

    def __call__(self, *args: str, input: str | None = None, code: int | None = 0):
        """aspire run on this machine; its exit status checked unless `code` is None."""
        result = self.run("--home", str(self.home), *args, input=input)
        assert code is None or result.exit_code == code, (args, result.stdout, result.stderr)
        return result

    def talk(self, employee: str, day: str):
        return self("talk", employee, "--date", day, "--answers", "-", input=ANSWERS)

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(self.home), *args], check=True, capture_output=True, text=True
        ).stdout

    def log(self) -> list[str]:
        return self.git("log", "--format=%s").splitlines()

    def tracked(self) -> list[str]:
        return self.git("ls-files").splitlines()

    def files(self) -> dict[str, str]:
        return {
            str(path.relative_to(self.home)): path.read_text(errors="replace")
            for path in self.home.rglob("*")
            if path.is_file() and ".git" not in path.relative_to(self.home).parts[:1]
        }


@pytest.fixture
def a(aspire, tmp_path: Path, git_of_its_own: None) -> Machine:
    return Machine(aspire, tmp_path / "a")


@pytest.fixture
def b(aspire, tmp_path: Path, git_of_its_own: None) -> Machine:
    return Machine(aspire, tmp_path / "b")


@pytest.fixture
def both(a: Machine, b: Machine, remote: Path) -> tuple[Machine, Machine]:
    """Machine a holds alice and has sent her; machine b joined on an empty home and brought her in."""
    a("team", "add", "alice", "--name", "Alice Smith")
    a("sync", "init", str(remote))
    a("sync")
    b("sync", "init", str(remote))
    b("sync")
    a("sync")
    return a, b


def one_line(stderr: str, *fragments: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, stderr)
    return lines[0]


def no_markers(machine: Machine) -> None:
    for name, text in machine.files().items():
        assert not any(marker in text for marker in MARKERS), (name, text)


def edit_on_both(a: Machine, b: Machine, monkeypatch: pytest.MonkeyPatch, day: str = "2026-11-20") -> None:
    """alice's talk of `day` edited on both machines, neither synced since: a's says Feedback, b's
    Listening where both said Delegation."""
    monkeypatch.setenv("EDITOR", "sed -i s/Delegation/Feedback/")
    a("edit", "alice", "--date", day)
    monkeypatch.setenv("EDITOR", "sed -i s/Delegation/Listening/")
    b("edit", "alice", "--date", day)


def conflict_on_both(a: Machine, b: Machine, monkeypatch: pytest.MonkeyPatch):
    """alice's talk of 2026-11-20 held on a and synced to b, then edited on both (edit_on_both) and
    synced, a first: b's sync, which keeps both versions."""
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    edit_on_both(a, b, monkeypatch)
    a("sync")
    return b("sync")
