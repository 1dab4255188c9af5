"""Start-up time of every aspire command, through the launcher and through the Typer app.

Each figure is the median of N runs, each a whole new process (started with posix_spawn, output to
/dev/null), after warm-up runs; ratios are to `jrnl --help`, a comparable Python CLI, timed in the
same run. Every command runs twice: as a user runs it (the `aspire` console script, whose launcher
may answer it without building the Typer app) and straight through the Typer app
(`python -c "from aspire_cli.cli.app import app; app()"`), so that the two paths can be compared.

Several installs can be measured in one run, e.g. one per Typer version, each an `aspire` script in
its own venv; the table names each by its venv's folder and its Typer version:

    python benchmarks/startup.py --aspire /work/venv/bin/aspire --aspire /tmp/t28/bin/aspire

--modules also runs each command once with PYTHONPROFILEIMPORTTIME and prints what it imported of
Typer, pydantic, Rich and questionary, and the cumulative import time of each.

Homes: a small one (10 members, a talk each) per install, built by that install's own
`team add` and `talk --answers`, in benchmarks/.work/startup-<n>/ (rebuilt every run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from baseline import jrnl_executable  # beside this script

WORK = Path(__file__).resolve().parent / ".work"
MEMBERS = 10
ENV_EXTRA = {"NO_COLOR": "1", "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm"}
TYPER_PATH = "import sys; from aspire_cli.cli.app import app; app(prog_name='aspire')"
WATCHED = ("typer", "pydantic", "rich", "questionary", "prompt_toolkit")
ANSWERS = """\
short_term_aspiration = "Lead a small team"
long_term_aspiration = "Director of engineering"
aspiration_level = "senior leadership"
knows_path = "Partly"
willing = "yes"
core_strength = "Architecture"
development_area = "Delegation"
next_assignment_wish = "More ownership"

[[actions]]
action = "Run the architecture guild"
measure = "Two sessions a month"
"""

# Started by a small Python of its own (not this script), so that nothing of this process's
# memory or imports is carried into the timed ones. Each round runs its argvs in order and times each.
SPAWNER = """
import json, os, sys, time
rounds, steps = int(sys.argv[1]), json.loads(sys.argv[2])
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
results = []
for _ in range(rounds):
    times = []
    for argv in steps:
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
        _, status, _ = os.wait4(pid, 0)
        times.append([time.perf_counter() - started, os.waitstatus_to_exitcode(status)])
    results.append(times)
print(json.dumps(results))
"""


class CommandFailed(Exception):
    """A timed command exited non-zero."""


@dataclass
class Install:
    """One `aspire` console script, its venv's Python and the Typer version it runs on."""

    script: str
    python: str
    typer: str
    home: Path

    @property
    def name(self) -> str:
        return f"{Path(self.script).parent.parent.name}, typer {self.typer}"

    def argv(self, path: str, args: list[str], home: Path | None = None) -> list[str]:
        """`aspire ARGS` through the launcher (path "launcher") or straight through the Typer app."""
        where = ["--home", str(home or self.home)]
        if path == "launcher":
            return [self.script, *where, *args]
        return [self.python, "-c", TYPER_PATH, *where, *args]

    @property
    def write_home(self) -> Path:
        """A copy of the home for the commands that change it, so that `due` stays warm."""
        return self.home.parent / "write-home"


def bench_env() -> dict[str, str]:
    env = {**os.environ, **ENV_EXTRA}
    env.pop("ASPIRE_HOME", None)
    return env


def time_steps(steps: list[list[str]], env: dict[str, str], runs: int, warmups: int) -> list[float]:
    """Median ms of each step of a round, over `runs` rounds after `warmups` rounds."""
    spawner = [sys.executable, "-I", "-S", "-c", SPAWNER, str(warmups + runs), json.dumps(steps)]
    report = subprocess.run(spawner, env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
    rounds = json.loads(report)
    for n, argv in enumerate(steps):
        if any(r[n][1] for r in rounds):
            rerun = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
            raise CommandFailed(f"`{' '.join(argv)}` exited {rerun.returncode}:\n{rerun.stderr.strip()}")
    timed = rounds[warmups:]
    return [statistics.median(r[n][0] for r in timed) * 1000 for n in range(len(steps))]


def find_install(script: str, n: int) -> Install:
    script = str(Path(script).absolute())  # not resolved: a venv's python is often a link
    python = str(Path(script).parent / "python")
    version = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(m.version('typer'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return Install(script, python, version, WORK / f"startup-{n}" / "home")


def build_home(install: Install, env: dict[str, str]) -> None:
    """MEMBERS members, each with one talk, written by the install's own commands."""
    shutil.rmtree(install.home.parent, ignore_errors=True)
    install.home.parent.mkdir(parents=True)
    answers = install.home.parent / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    for i in range(1, MEMBERS + 1):
        employee = f"emp-{i:02d}"
        for args in (
            ["team", "add", employee, "--name", f"Employee {i}"],
            ["talk", employee, "--date", f"2025-{i:02d}-10", "--answers", str(answers)],
        ):
            subprocess.run(install.argv("launcher", args), env=env, capture_output=True, check=True)
    shutil.copytree(install.home, install.write_home, symlinks=True)


READING = [
    ("--help", [["--help"]]),
    ("due --help", [["due", "--help"]]),
    ("team add --help", [["team", "add", "--help"]]),
    ("due", [["due"]]),
    ("due --json", [["due", "--json"]]),
    ("due --brief", [["due", "--brief"]]),
    ("team list", [["team", "list"]]),
    ("drafts", [["drafts"]]),
]
WRITING = [
    ("team add | team remove", [["team", "add", "new-one", "--name", "New"], ["team", "remove", "new-one"]]),
    (
        "team edit",
        [["team", "edit", "emp-01", "--cadence", "6"], ["team", "edit", "emp-01", "--cadence", "12"]],
    ),
]


def commands(install: Install, path: str) -> list[tuple[str, list[list[str]]]]:
    """(label, the argvs of its steps): "a | b" times each step apart; otherwise the steps take
    turns and count as one command (`team edit` sets a cadence, then sets it back)."""
    answers = str(install.home.parent / "answers.toml")
    talk = ["talk", "emp-01", "--date", "2020-01-10", "--answers", answers]
    reading = [(label, [install.argv(path, args) for args in steps]) for label, steps in READING]
    writing = [
        (label, [install.argv(path, args, install.write_home) for args in steps]) for label, steps in WRITING
    ]
    return [*reading, *writing, ("talk --answers", [install.argv(path, talk, install.write_home)])]


def talk_to_first_question(argv: list[str], env: dict[str, str], runs: int, warmups: int) -> float | None:
    """Median ms from spawning `talk EMPLOYEE` in a pseudo-terminal until its first question shows."""
    try:
        import pexpect
    except ImportError:
        return None
    times = []
    for n in range(warmups + runs):
        started = time.perf_counter()
        child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", dimensions=(40, 120), timeout=30)
        try:
            child.expect(r"1/\d+")  # the first question, of however many the set asks
            shown = time.perf_counter() - started
            child.sendcontrol("c")
            child.expect(pexpect.EOF)
        except (pexpect.EOF, pexpect.TIMEOUT):
            raise CommandFailed(
                f"`{' '.join(argv)}` never showed its first question:\n{child.before}"
            ) from None
        finally:
            child.close(force=True)
        if n >= warmups:
            times.append(shown)
    return statistics.median(times) * 1000


def imports_of(argv: list[str], env: dict[str, str]) -> str:
    """'typer 80 ms, pydantic 120 ms' (cumulative import time of each watched package, top level)."""
    done = subprocess.run(
        argv, env={**env, "PYTHONPROFILEIMPORTTIME": "1"}, capture_output=True, text=True, check=False
    )
    found: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or line.startswith("import time: self"):
            continue
        _, cumulative, name = (part.strip() for part in line[len("import time:") :].split("|"))
        package = name.split(".")[0]
        if package in WATCHED and name == package:
            found[package] = found.get(package, 0) + int(cumulative)
    return ", ".join(f"{p} {us / 1000:.0f} ms" for p, us in found.items()) or "none of them"


@dataclass
class Row:
    label: str
    ms: float


def measure(installs: list[Install], runs: int, warmups: int, modules: bool) -> list[Row]:
    """Every command once per round, round after round: a machine that slows down or speeds up
    during the run slows or speeds all of them alike, and the ratios hold."""
    env = bench_env()
    labels: list[str] = ["python -c pass", "jrnl --help"]
    steps: list[list[str]] = [[sys.executable, "-c", "pass"], [jrnl_executable(), "--help"]]
    for install in installs:
        build_home(install, env)
        for path in ("launcher", "typer"):
            for label, argvs in commands(install, path):
                names = label.split(" | ") if " | " in label else [label] * len(argvs)
                for name, argv in zip(names, argvs, strict=True):
                    labels.append(f"[{install.name}] {path:8} aspire {name}")
                    steps.append(argv)
                    if modules:
                        print(f"{labels[-1]}\n      imports: {imports_of(steps[-1], env)}", flush=True)
    print(f"timing {len(steps)} commands, {warmups} warm-up + {runs} timed rounds...", flush=True)
    timings = time_steps(steps, env, runs, warmups)
    found: dict[str, list[float]] = {}
    for label, ms in zip(labels, timings, strict=True):
        found.setdefault(label, []).append(ms)
    rows = [Row(label, statistics.median(values)) for label, values in found.items()]
    for install in installs:
        for path in ("launcher", "typer"):
            argv = install.argv(path, ["talk", "emp-02"])
            ms = talk_to_first_question(argv, env, max(3, runs // 2), 1)
            if ms is not None:
                rows.append(Row(f"[{install.name}] {path:8} aspire talk: question 1", ms))
    return rows


def print_table(rows: list[Row]) -> None:
    python = next(r.ms for r in rows if r.label == "python -c pass")
    jrnl = next(r.ms for r in rows if r.label == "jrnl --help")
    width = max(len(r.label) for r in rows)
    print(f"\n{'command':<{width}}  {'median ms':>9}  {'x python':>8}  {'x jrnl':>6}")
    for r in rows:
        print(f"{r.label:<{width}}  {r.ms:9.1f}  {r.ms / python:8.2f}  {r.ms / jrnl:6.2f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aspire", action="append", metavar="SCRIPT", help="an aspire script (repeatable)")
    parser.add_argument("--runs", type=int, default=9, help="timed runs per command")
    parser.add_argument("--warmups", type=int, default=2, help="untimed runs before them")
    parser.add_argument("--modules", action="store_true", help="also show what each command imports")
    args = parser.parse_args()
    if not args.aspire:
        beside = Path(sys.executable).parent / "aspire"
        args.aspire = [str(beside) if beside.exists() else shutil.which("aspire") or "aspire"]
    return args


def main() -> int:
    args = parse_args()
    installs = [find_install(script, n) for n, script in enumerate(args.aspire)]
    try:
        rows = measure(installs, args.runs, args.warmups, args.modules)
    except (CommandFailed, subprocess.CalledProcessError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
