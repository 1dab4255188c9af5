"""Benchmark aspire as a user meets it: whole processes, started cold, on synthetic homes.

Builds a home per team size in benchmarks/.work/ with the project's own models and writers (reused
while its generator version holds), then times `aspire --help`, `aspire due` and its variants,
`aspire team list`, the time to the first question of `aspire talk`, and an in-process draft save,
against two baselines: bare Python and `jrnl --help` (installed in a venv of its own). Prints the
figures, then a PASS/FAIL line per target. Exits non-zero only when a command itself fails.

    pip install . pexpect && python benchmarks/run.py [--sizes 100,1000,10000] [--runs 9]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pexpect
from baseline import jrnl_executable  # beside this script

from aspire_cli.domain.models import Member, Record, Team
from aspire_cli.domain.questions import Action, Answer, QuestionSet
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.store import Store
from aspire_cli.storage.toml_write import toml_text
from aspire_cli.views.record_text import record_markdown

WORK = Path(__file__).resolve().parent / ".work"
GENERATOR_VERSION = "aspire-bench-home 2"  # 2: records of the version 2 question sets
YEARS_OF_RECORDS = 10
WARMUP_RUNS = 2
DRAFT_SAVES = 50
TALK_EMPLOYEE = "emp-00002"
ENV_EXTRA = {"NO_COLOR": "1", "COLUMNS": "100", "PROMPT_TOOLKIT_NO_CPR": "1"}


class CommandFailed(Exception):
    """A benchmarked command exited non-zero or did not behave as expected."""


# -- synthetic homes ---------------------------------------------------------------------------------
def answer_variants(qset: QuestionSet, today: date) -> list[dict[str, Answer]]:
    """A few complete, validated answer sets per question set, shared by all records."""
    long_texts = [
        "Solid and steady.",
        "Strong on delivery; wants *more* scope.\nAsked about the [lead] role - twice.",
        "Paragraph one, with a # and a | pipe.\n\nParagraph two:\n- a dash line\n1. a numbered line",
    ]
    lead = Action(action="Lead the Q3 migration", measure="Shipped on time", due=today + timedelta(days=90))
    course = Action(action="Presentation skills course", measure="Course completed")
    mentor = Action(action="Mentor a new hire", measure="Mentee onboarded", due=today + timedelta(days=60))
    actions = [(lead,), (course, mentor), (mentor,)]
    variants = []
    for n, text in enumerate(long_texts):
        raw: dict[str, object] = {}
        for question in qset.questions:
            if question.kind == "choice":
                raw[question.id] = question.choices[n % len(question.choices)]
            elif question.kind == "actions":
                raw[question.id] = actions[n]
            else:
                raw[question.id] = f"{question.text}\n{text}"
        variants.append(qset.validate_answers(raw))
    return variants


def record_days(rng: random.Random, cadence: int, today: date, never_held: bool) -> list[tuple[date, str]]:
    """Ten years of yearly (prep, talk) days; the latest talk's age picks its status as of today."""
    cycle = round(cadence * 30.44)
    roll = rng.random()
    if roll < 0.15:  # overdue
        age = rng.randint(cycle + 10, cycle + 400)
    elif roll < 0.30:  # due soon (within 30 days)
        age = rng.randint(cycle - 25, cycle - 3)
    else:  # ok
        age = rng.randint(10, cycle - 45)
    last_talk = today - timedelta(days=age)
    days = []
    for years_back in range(YEARS_OF_RECORDS - 1, -1, -1):
        jitter = 0 if years_back == 0 else rng.randint(-30, 30)
        talk = last_talk - timedelta(days=365 * years_back + jitter)
        days.append((talk - timedelta(days=rng.randint(2, 10)), "prep"))
        if not never_held:
            days.append((talk, "talk"))
    return days


def new_record(kind: str, employee: str, day: date, qset: QuestionSet, answers: dict[str, Answer]) -> Record:
    return Record(
        kind=kind,
        employee=employee,
        date=day,
        question_set=qset.id,
        question_set_version=qset.version,
        answers=answers,
    )


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def build_home(home: Path, size: int) -> None:
    """N employees with ten years of preps and talks, written in the store's own layout and formats."""
    started = time.perf_counter()
    print(f"building {home} ({size} employees)...", flush=True)
    shutil.rmtree(home, ignore_errors=True)
    store = Store(home)
    today = date.today()
    qsets = {kind: load_question_set(kind) for kind in ("prep", "talk")}
    variants = {kind: answer_variants(qset, today) for kind, qset in qsets.items()}
    members = {}
    home.mkdir(mode=0o700)
    store.records.root.mkdir(mode=0o700)
    for i in range(1, size + 1):
        employee, name = f"emp-{i:05d}", f"Employee {i:05d}"
        cadence = 6 if i % 7 == 0 else 12
        rng = random.Random(f"{GENERATOR_VERSION}/{employee}")
        days = record_days(rng, cadence, today, never_held=i % 50 == 0)
        members[employee] = Member(name=name, cadence_months=cadence, added=days[0][0])
        folder = store.records.folder(employee)
        folder.mkdir(mode=0o700)
        for n, (day, kind) in enumerate(days):
            qset = qsets[kind]
            record = new_record(kind, employee, day, qset, variants[kind][(i + n) % len(variants[kind])])
            stem = folder / f"{day.isoformat()}-{kind}"
            write_private(stem.with_suffix(".toml"), toml_text(record.to_toml_data()))
            write_private(stem.with_suffix(".md"), record_markdown(record, qset, name))
        if i % max(1, size // 10) == 0:
            print(f"  {i}/{size} employees, {time.perf_counter() - started:.0f} s", flush=True)
    store.team.write(Team(members=members))
    check_home(home, size)
    (home / ".complete").write_text(GENERATOR_VERSION + "\n", encoding="utf-8")
    print(f"built {home} in {time.perf_counter() - started:.1f} s", flush=True)


def check_home(home: Path, size: int) -> None:
    never_held = size // 50
    expected = 2 * (2 * YEARS_OF_RECORDS * (size - never_held) + YEARS_OF_RECORDS * never_held)
    found = sum(len(files) for _, _, files in os.walk(home / "records"))
    if found != expected:
        raise CommandFailed(f"{home}: {found} record files, expected {expected}")


def ensure_home(size: int) -> Path:
    home = WORK / f"home-{size}"
    marker = home / ".complete"
    if not (marker.is_file() and marker.read_text(encoding="utf-8").strip() == GENERATOR_VERSION):
        build_home(home, size)
    return home


# -- running and timing processes --------------------------------------------------------------------
def bench_env() -> dict[str, str]:
    env = {**os.environ, **ENV_EXTRA}
    env.pop("ASPIRE_HOME", None)
    # as on a user's machine, where pip compiles the package on install: without its bytecode every
    # run would compile every module again (some 30 ms here, where PYTHONDONTWRITEBYTECODE is set)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Linux carries the peak RSS of the process that starts a command into the command's own ru_maxrss (exec
# keeps the old address space's high-water mark), so commands are not started by this script, which holds
# pydantic and the question sets, but by this small Python: it times each run and reports its rusage.
SPAWNER = """
import json, os, sys, time
runs, remove, argv = int(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3:]
quiet = [(os.POSIX_SPAWN_OPEN, fd, os.devnull, os.O_RDWR, 0) for fd in (0, 1, 2)]
results = []
for _ in range(runs):
    for path in remove:  # e.g. the caches, to time a cold start
        if os.path.exists(path):
            os.unlink(path)
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=quiet)
    _, status, usage = os.wait4(pid, 0)
    results.append([time.perf_counter() - started, os.waitstatus_to_exitcode(status), usage.ru_maxrss])
print(json.dumps(results))
"""


def time_command(
    argv: list[str], env: dict[str, str], runs: int, remove: tuple[Path, ...] = ()
) -> tuple[float, float]:
    """Median wall time in ms, and the max peak memory in MiB, of `runs` runs after the warm-ups;
    the files in `remove` are deleted before every run."""
    paths = json.dumps([str(p) for p in remove])
    spawner = [sys.executable, "-I", "-S", "-c", SPAWNER, str(WARMUP_RUNS + runs), paths, *argv]
    report = subprocess.run(spawner, env=env, stdout=subprocess.PIPE, text=True, check=True).stdout
    results = json.loads(report)
    if any(code for _, code, _ in results):
        rerun = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        raise CommandFailed(f"`{' '.join(argv)}` exited {rerun.returncode}:\n{rerun.stderr.strip()}")
    timed = results[WARMUP_RUNS:]
    return statistics.median(t for t, _, _ in timed) * 1000, max(rss for _, _, rss in timed) / 1024


def talk_first_question(aspire: str, home: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning `aspire talk` until its first question shows, and until its answer
    prompt is drawn (ready for typing)."""
    Store(home).drafts.delete(TALK_EMPLOYEE, "talk")  # a draft would add a resume prompt first
    started = time.perf_counter()
    args = ["--home", str(home), "talk", TALK_EMPLOYEE]
    child = pexpect.spawn(aspire, args, env=env, encoding="utf-8", dimensions=(40, 120), timeout=30)
    try:
        child.expect(r"1/\d+")  # the first question, of however many the set asks
        shown = time.perf_counter() - started
        child.expect("Answer:")
        ready = time.perf_counter() - started
        child.sendcontrol("c")
        child.expect(pexpect.EOF)
    except (pexpect.EOF, pexpect.TIMEOUT):
        raise CommandFailed(f"`aspire talk` never showed its first question:\n{child.before}") from None
    finally:
        child.close(force=True)
    return shown, ready


def time_talks(
    aspire: str, homes: dict[int, Path], env: dict[str, str], runs: int
) -> dict[int, tuple[float, float]]:
    """Per size, the median ms to the first question on screen and to its prompt being ready.

    The sizes take turns run by run, so that a machine that speeds up or slows down during the
    benchmark cannot pass for a difference between team sizes."""
    timings: dict[int, list[tuple[float, float]]] = {size: [] for size in homes}
    for run in range(WARMUP_RUNS + runs):
        for size, home in homes.items():
            timing = talk_first_question(aspire, home, env)
            if run >= WARMUP_RUNS:
                timings[size].append(timing)
    return {
        size: (
            statistics.median(shown for shown, _ in found) * 1000,
            statistics.median(ready for _, ready in found) * 1000,
        )
        for size, found in timings.items()
    }


def time_draft_saves(home: Path) -> tuple[float, float]:
    """Median and max ms of store.drafts.save for a talk with all but its last answer, in process."""
    qset = load_question_set("talk")
    raw = dict(answer_variants(qset, date.today())[1])
    raw.pop(qset.questions[-1].id)
    record = new_record("talk", TALK_EMPLOYEE, date.today(), qset, qset.validate_answers(raw, complete=False))
    store = Store(home)
    times = []
    for _ in range(DRAFT_SAVES):
        started = time.perf_counter()
        store.drafts.save(record)
        times.append((time.perf_counter() - started) * 1000)
    store.drafts.delete(TALK_EMPLOYEE, "talk")
    return statistics.median(times), max(times)


def time_writes(aspire: str, home: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """Median ms of each writing command, in turns so that each run undoes the one before:
    `team add` then `team remove` of a scratch member, `team edit` of a real one, and a
    `talk --answers` for the scratch member (its record removed after each run, untimed)."""
    talk = answers_file(home)
    steps = {
        "team add": ["team", "add", "bench-zz", "--name", "Scratch"],
        "talk --answers": ["talk", "bench-zz", "--answers", str(talk)],
        "team remove": ["team", "remove", "bench-zz"],
        "team edit": ["team", "edit", TALK_EMPLOYEE, "--cadence", "12"],
    }
    times: dict[str, list[float]] = {command: [] for command in steps}
    for run in range(WARMUP_RUNS + runs):
        for command, args in steps.items():
            started = time.perf_counter()
            done = subprocess.run(
                [aspire, "--home", str(home), *args], env=env, capture_output=True, text=True
            )
            took = (time.perf_counter() - started) * 1000
            if done.returncode:
                raise CommandFailed(f"`aspire {' '.join(args)}` exited {done.returncode}:\n{done.stderr}")
            if run >= WARMUP_RUNS:
                times[command].append(took)
        shutil.rmtree(home / "records" / "bench-zz", ignore_errors=True)
    talk.unlink()
    return {command: statistics.median(found) for command, found in times.items()}


def time_actions_done(aspire: str, home: Path, env: dict[str, str], runs: int) -> float:
    """Median ms of `aspire actions done` on one of TALK_EMPLOYEE's actions; the follow-up file it
    writes is removed after each run (untimed), so the home stays as built."""
    folder = home / "records" / TALK_EMPLOYEE
    times = []
    for run in range(WARMUP_RUNS + runs):
        before = set(folder.iterdir())
        started = time.perf_counter()
        done = subprocess.run(
            [aspire, "--home", str(home), "actions", "done", TALK_EMPLOYEE, "1", "--note", "bench"],
            env=env,
            capture_output=True,
            text=True,
        )
        took = (time.perf_counter() - started) * 1000
        for path in set(folder.iterdir()) - before:
            path.unlink()
        if done.returncode:
            raise CommandFailed(f"`aspire actions done` exited {done.returncode}:\n{done.stderr}")
        if run >= WARMUP_RUNS:
            times.append(took)
    return statistics.median(times)


BRIEF_TIMER = """
import io, sys, time
from datetime import date
from pathlib import Path
import aspire_cli.interview.session  # what `aspire talk` has loaded by the time it shows the brief
from rich.console import Console
from aspire_cli.interview.session import Discussion
from aspire_cli.storage.store import Store
started = time.perf_counter()
from aspire_cli.interview import screen as discussion_screen
d = Discussion(Store(Path(sys.argv[1])), Console(file=io.StringIO(), width=100), "talk", None, date.today())
discussion_screen.show_brief(d, sys.argv[2], date.today())
print((time.perf_counter() - started) * 1000)
"""


def time_brief(home: Path, env: dict[str, str]) -> float:
    """Median ms the brief adds to `aspire talk`: its imports, its read through the (warm) index and
    its drawing, in a new process that has already loaded what `talk` loads before it."""
    times = []
    for _ in range(WARMUP_RUNS + 5):
        argv = [sys.executable, "-c", BRIEF_TIMER, str(home), TALK_EMPLOYEE]
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times[WARMUP_RUNS:])


def completion_env(env: dict[str, str], home: Path) -> dict[str, str]:
    """What bash's completion script sets to complete `aspire show emp-000<TAB>`."""
    line = f"aspire --home {home} show emp-000"
    return {**env, "_ASPIRE_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": "4"}


def time_git_write(aspire: str, home: Path, env: dict[str, str], runs: int) -> float:
    """Median ms of `team edit` in a copy of the home made a git repository by `aspire sync init`
    (made once, kept in .work/), the commit of each write included."""
    git_home = WORK / f"{home.name}-git"
    if not (git_home / ".git").is_dir():
        shutil.rmtree(git_home, ignore_errors=True)
        shutil.copytree(home, git_home, symlinks=True)
        subprocess.run(
            [aspire, "--home", str(git_home), "sync", "init"], env=env, capture_output=True, check=True
        )
    times = []
    for run in range(WARMUP_RUNS + runs):
        args = [
            aspire,
            "--home",
            str(git_home),
            "team",
            "edit",
            TALK_EMPLOYEE,
            "--cadence",
            str(6 + run % 2 * 6),
        ]
        started = time.perf_counter()
        done = subprocess.run(args, env=env, capture_output=True, text=True)
        took = (time.perf_counter() - started) * 1000
        if done.returncode:
            raise CommandFailed(f"`aspire team edit` in a git home exited {done.returncode}:\n{done.stderr}")
        if run >= WARMUP_RUNS:
            times.append(took)
    return statistics.median(times)


def answers_file(home: Path) -> Path:
    qset = load_question_set("talk")
    answers = answer_variants(qset, date.today())[0]
    record = new_record("talk", "bench-zz", date.today(), qset, answers)
    path = home.parent / f"answers-{home.name}.toml"
    path.write_text(toml_text(record.to_toml_data()["answers"]), encoding="utf-8")
    return path


def time_due_after_a_new_talk(aspire: str, home: Path, env: dict[str, str], runs: int) -> float:
    """Median ms of `aspire due` right after a new talk is written (untimed) for one member: the
    index refreshes that member only. The talk is removed again after each run."""
    qset = load_question_set("talk")
    record = new_record("talk", TALK_EMPLOYEE, date.today(), qset, answer_variants(qset, date.today())[0])
    store = Store(home)
    times = []
    for _ in range(runs):
        path = store.records.write(record, "talk")
        started = time.perf_counter()
        subprocess.run([aspire, "--home", str(home), "due"], env=env, capture_output=True, check=True)
        times.append((time.perf_counter() - started) * 1000)
        path.unlink()
        path.with_suffix(".md").unlink()
    return statistics.median(times)


def time_reading_every_record(home: Path) -> float:
    """Ms to read and validate every record of the home from scratch, as a whole-index rebuild must:
    each file read (regular files only), parsed and checked against its question set."""
    store = Store(home)
    qsets = {kind: load_question_set(kind) for kind in ("prep", "talk")}
    roster = store.team.roster()
    started = time.perf_counter()
    for employee in roster:
        for found in store.records.listed(employee):
            store.records.read(found.path, qsets[found.kind])
    return (time.perf_counter() - started) * 1000


def aspire_executable() -> str:
    beside = Path(sys.executable).parent / "aspire"
    found = str(beside) if beside.exists() else shutil.which("aspire")
    if not found:
        sys.exit("aspire is not installed in this environment: pip install . pexpect")
    return found


# -- the run and its report --------------------------------------------------------------------------
PYTHON, JRNL, DUE = "python -c pass", "jrnl --help", "aspire due"
DUE_COLD = "aspire due (no index)"
DUE_AFTER_WRITE = "aspire due (after a new talk)"
READ_ALL = "every record read (in process)"
LISTINGS = ("due", "due --json", "due --brief", "team list", "drafts")
WRITES = ("team add", "team remove", "team edit", "talk --answers")
LOOKING_BACK = (f"show {TALK_EMPLOYEE}", f"history {TALK_EMPLOYEE}", f"history {TALK_EMPLOYEE} --json")
ACTIONS = ("actions", "actions --json")
ACTIONS_DONE = "aspire actions done"
BRIEF = "the brief (in process)"
TEAM_VIEW = ("report", "report --format json", "export --format csv")
ICS = "aspire due --ics"
EXPORT_COLD = "aspire export --format csv (no index)"
COMPLETION = "completion of an employee id"
GIT_WRITE = "aspire team edit (home in git)"
TALK, DRAFT = "aspire talk: question 1", "draft save"
TALK_READY = "aspire talk: prompt ready"
INVITE = f"aspire invite {TALK_EMPLOYEE}"


@dataclass
class Result:
    command: str
    size: int | None  # None: independent of team size
    ms: float  # median wall time
    peak_mib: float | None = None
    max_ms: float | None = None  # draft saves only


def measure(sizes: list[int], runs: int) -> list[Result]:
    env = bench_env()
    aspire = aspire_executable()
    homes = {size: ensure_home(size) for size in sizes}
    results: list[Result] = []

    def add(result: Result) -> None:
        results.append(result)
        print(f"  {result.command:<28} {result.size or '-':>6} {result.ms:9.1f} ms", flush=True)

    print(f"timing ({WARMUP_RUNS} warm-up + {runs} timed runs each)...", flush=True)
    add(Result(PYTHON, None, *time_command([sys.executable, "-c", "pass"], env, runs)))
    add(Result(JRNL, None, *time_command([jrnl_executable(), "--help"], env, runs)))
    add(Result("aspire --help", None, *time_command([aspire, "--help"], env, runs)))
    add(Result("aspire due --help", None, *time_command([aspire, "due", "--help"], env, runs)))
    for size, home in homes.items():
        for command in LISTINGS:
            argv = [aspire, "--home", str(home), *command.split()]
            add(Result(f"aspire {command}", size, *time_command(argv, env, runs)))
        for command in (*LOOKING_BACK, *ACTIONS):
            argv = [aspire, "--home", str(home), *command.split()]
            add(Result(f"aspire {command}", size, *time_command(argv, env, runs)))
        add(Result(ACTIONS_DONE, size, time_actions_done(aspire, home, env, runs)))
        add(Result(BRIEF, size, time_brief(home, env)))
        for command in TEAM_VIEW:
            argv = [aspire, "--home", str(home), *command.split()]
            add(Result(f"aspire {command}", size, *time_command(argv, env, runs)))
        invitations = WORK / f"invitations-{size}"
        invitations.mkdir(exist_ok=True)
        invite = [aspire, "--home", str(home), "invite", TALK_EMPLOYEE, "--out", str(invitations)]
        add(Result(INVITE, size, *time_command(invite, env, runs)))
        ics = [aspire, "--home", str(home), "due", "--ics", str(WORK / f"due-{size}.ics")]
        add(Result(ICS, size, *time_command(ics, env, runs)))
        cold_export = [aspire, "--home", str(home), "export", "--format", "csv"]
        index_file = (home / ".index.sqlite3",)
        add(Result(EXPORT_COLD, size, *time_command(cold_export, env, max(1, runs // 3), remove=index_file)))
        add(Result(COMPLETION, size, *time_command([aspire], completion_env(env, home), runs)))
        for command, ms in time_writes(aspire, home, env, runs).items():
            add(Result(f"aspire {command}", size, ms))
        index = (home / ".index.sqlite3",)
        cold = [aspire, "--home", str(home), "due"]
        add(Result(DUE_COLD, size, *time_command(cold, env, max(1, runs // 3), remove=index)))
        add(Result(DUE_AFTER_WRITE, size, time_due_after_a_new_talk(aspire, home, env, runs)))
        add(Result(READ_ALL, size, time_reading_every_record(home)))
        median_ms, max_ms = time_draft_saves(home)
        add(Result(DRAFT, size, median_ms, max_ms=max_ms))
    if 1000 in homes:
        add(Result(GIT_WRITE, 1000, time_git_write(aspire, homes[1000], env, runs)))
    for size, (shown_ms, ready_ms) in time_talks(aspire, homes, env, runs).items():
        add(Result(TALK, size, shown_ms))
        add(Result(TALK_READY, size, ready_ms))
    return results


def find(results: list[Result], command: str, size: int | None = None) -> Result | None:
    return next((r for r in results if r.command == command and r.size == size), None)


def table_cells(results: list[Result]) -> list[list[str]]:
    python, jrnl = find(results, PYTHON), find(results, JRNL)
    assert python is not None and jrnl is not None
    cells = [["command", "employees", "median ms", "x python", "x jrnl", "peak MiB"]]
    for r in results:
        in_process = r.command in (DRAFT, BRIEF)
        cells.append(
            [
                f"{r.command} (in process, max {r.max_ms:.1f} ms)" if r.command == DRAFT else r.command,
                str(r.size or "-"),
                f"{r.ms:.1f}",
                "-" if in_process else f"{r.ms / python.ms:.2f}",
                "-" if in_process else f"{r.ms / jrnl.ms:.2f}",
                "-" if r.peak_mib is None else f"{r.peak_mib:.1f}",
            ]
        )
    return cells


def print_table(cells: list[list[str]]) -> None:
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))]
    for line in [cells[0], ["-" * w for w in widths], *cells[1:]]:
        numbers = [cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True)]
        print("  ".join([line[0].ljust(widths[0]), *numbers]))


def print_markdown(cells: list[list[str]]) -> None:
    print("| " + " | ".join(cells[0]) + " |")
    print("| --- |" + " ---: |" * (len(cells[0]) - 1))
    for line in cells[1:]:
        print("| " + " | ".join(line) + " |")


def verdict(
    label: str, value: float | None, limit: float | None, unit: str = "ms", strict: bool = False
) -> None:
    """One PASS/FAIL line (value <= limit, or < when `strict`); SKIP when a size it needs was not run."""
    if value is None or limit is None:
        print(f"SKIP  {label} (needs a size that was not run)")
    else:
        word = "PASS" if (value < limit if strict else value <= limit) else "FAIL"
        print(f"{word}  {label}: {value:.1f} {unit} (limit {limit:.1f} {unit})")


def check_targets(results: list[Result]) -> None:
    """The targets of the read-path issue: ratios to `jrnl --help` in the same run."""

    def ms(command: str, size: int | None = None) -> float | None:
        found = find(results, command, size)
        return found.ms if found else None

    jrnl = ms(JRNL) or 0
    print("\ntargets:")
    for command in LISTINGS:
        verdict(f"aspire {command} at 1000 <= 0.4 x jrnl --help", ms(f"aspire {command}", 1000), 0.4 * jrnl)
    for command in WRITES:
        verdict(f"aspire {command} at 1000 <= 0.8 x jrnl --help", ms(f"aspire {command}", 1000), 0.8 * jrnl)
    for command in ("aspire --help", "aspire due --help"):
        verdict(f"{command} <= 0.5 x jrnl --help", ms(command), 0.5 * jrnl)
    verdict(f"{DUE_COLD} at 1000 <= 1.5 x jrnl --help", ms(DUE_COLD, 1000), 1.5 * jrnl)
    verdict(f"{DUE_COLD} at 10000 <= 2 s", ms(DUE_COLD, 10000), 2000)
    verdict(f"{READ_ALL} at 1000 (20,000 records) <= 1.5 s", ms(READ_ALL, 1000), 1500)
    verdict(f"{DUE_AFTER_WRITE} at 10000 <= 1.2 x jrnl --help", ms(DUE_AFTER_WRITE, 10000), 1.2 * jrnl)
    print("\ntargets of the history issue:")
    for command in LOOKING_BACK:
        verdict(f"aspire {command} at 1000 <= 0.5 x jrnl --help", ms(f"aspire {command}", 1000), 0.5 * jrnl)
    for command in ACTIONS:
        verdict(f"aspire {command} at 1000 <= 0.6 x jrnl --help", ms(f"aspire {command}", 1000), 0.6 * jrnl)
    verdict(f"{ACTIONS_DONE} at 1000 <= 0.8 x jrnl --help", ms(ACTIONS_DONE, 1000), 0.8 * jrnl)
    verdict(f"{BRIEF} at 1000 <= 30 ms", ms(BRIEF, 1000), 30)
    print("\ntargets of the team-view issue:")
    for command in ("report", "report --format json"):
        verdict(f"aspire {command} at 1000 <= 0.6 x jrnl --help", ms(f"aspire {command}", 1000), 0.6 * jrnl)
    verdict(f"{ICS} at 1000 <= 0.8 x jrnl --help", ms(ICS, 1000), 0.8 * jrnl)
    print("\ntargets of the employee's-side issue:")
    verdict(f"{INVITE} at 1000 <= 0.5 x jrnl --help", ms(INVITE, 1000), 0.5 * jrnl)
    verdict(
        "aspire export --format csv at 1000 <= 2 x jrnl --help",
        ms("aspire export --format csv", 1000),
        2 * jrnl,
    )
    verdict(f"{EXPORT_COLD} at 1000 <= 1.5 s", ms(EXPORT_COLD, 1000), 1500)
    verdict(f"{COMPLETION} at 1000 <= 0.4 x jrnl --help", ms(COMPLETION, 1000), 0.4 * jrnl)
    print("\ntargets of the sync issue:")
    plain, in_git = ms("aspire team edit", 1000), ms(GIT_WRITE, 1000)
    extra = None if plain is None or in_git is None else in_git - plain
    verdict("a write in a git home costs <= 0.5 x jrnl --help more (team edit, 1000)", extra, 0.5 * jrnl)
    print()
    for size in sorted({r.size for r in results if r.command == TALK}):
        verdict(f"{TALK} at {size} <= 1.4 x jrnl --help", ms(TALK, size), 1.4 * jrnl)
    for r in results:
        if r.command == DRAFT:
            verdict(f"draft save max at {r.size} < 20 ms", r.max_ms, 20, strict=True)
    for command in LISTINGS:
        found = find(results, f"aspire {command}", 10000)
        verdict(
            f"aspire {command} at 10000 peak memory <= 60 MiB", found.peak_mib if found else None, 60, "MiB"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="team sizes, comma-separated")
    parser.add_argument("--only-size", type=int, metavar="N", help="run a single size (overrides --sizes)")
    parser.add_argument("--runs", type=int, default=9, help="timed runs per command (after 2 warm-ups)")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    args = parser.parse_args()
    args.sizes = (
        [args.only_size]
        if args.only_size is not None
        else [int(s) for s in args.sizes.split(",") if s.strip()]
    )
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        parser.error("--runs and every size must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    try:
        results = measure(args.sizes, args.runs)
    except (CommandFailed, subprocess.CalledProcessError) as exc:
        print(f"\nerror: {exc}", file=sys.stderr)
        return 1
    print(
        f"\nmachine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{datetime.now():%Y-%m-%d %H:%M}\n"
    )
    cells = table_cells(results)
    print_table(cells)
    check_targets(results)
    if args.markdown:
        print()
        print_markdown(cells)
    return 0


if __name__ == "__main__":
    sys.exit(main())
