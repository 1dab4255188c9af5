"""Which TOML parser should aspire read with? Times tomllib, tomli, rtoml and toml_rs on real records.

The records are written by aspire's own writer (files.toml_text of validated Records): a short talk, a
prep and a talk with multi-line answers and [[answers.actions]] tables, a talk whose answers hold a
carriage return (written with escaped one-line strings), a record with a 100 kB answer, and the talk
question set. For each document and parser it prints the best per-call time (microseconds, the
minimum over repeats of the mean of a batch, which is what a quiet machine gives), checks the parser
returned what tomllib returns, then prints each module's import time (`python -X importtime`,
median of several fresh processes). A parser that is not installed is skipped.

    pip install tomli rtoml toml-rs && python benchmarks/toml_parsers.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import importlib
import platform
import re
import statistics
import subprocess
import sys
import timeit
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from aspire_cli.domain.models import Record
from aspire_cli.domain.questions import Action, Answer, QuestionSet
from aspire_cli.storage.question_sets import load_question_set
from aspire_cli.storage.toml_write import toml_text

ROOT = Path(__file__).resolve().parent.parent
PARSERS = ["tomllib", "tomli", "rtoml", "toml_rs"]
Loads = Callable[[str], dict[str, Any]]
IMPORT_CONTEXTS = {
    "alone": "",
    "after datetime, re, typing": "import datetime, re, typing, string",
    "after pydantic, aspire models": "import pydantic, aspire_cli.domain.models",  # reading a record
}

LONG_TEXTS = [
    "Solid and steady.",
    "Strong on delivery; wants *more* scope.\nAsked about the [lead] role - twice.",
    "Paragraph one, with a # and a | pipe.\n\nParagraph two:\n- a dash line\n1. a numbered line\n"
    'Quoted: "yes", a backslash \\ and a tab\tin it; unicode: café, 日本語, 🎉.',
]


def answers(qset: QuestionSet, n: int, text: str | None = None, long: str = "") -> dict[str, Answer]:
    lead = Action(action="Lead the Q3 migration", measure="Shipped on time", due=date(2027, 3, 31))
    course = Action(action="Presentation skills course", measure="Course completed")
    mentor = Action(action="Mentor a new hire", measure="Mentee onboarded", due=date(2027, 1, 15))
    actions = [(lead,), (course, mentor), (lead, course, mentor)][n % 3]
    raw: dict[str, object] = {}
    for question in qset.questions:
        if long and question.kind == "long_text" and long not in raw.values():
            raw[question.id] = long
            continue
        if question.kind == "choice":
            raw[question.id] = question.choices[n % len(question.choices)]
        elif question.kind == "actions":
            raw[question.id] = actions
        else:
            raw[question.id] = text if text is not None else f"{question.text}\n{LONG_TEXTS[n % 3]}"
    return qset.validate_answers(raw)


def record_text(kind: str, n: int, text: str | None = None, long: str = "") -> str:
    qset = load_question_set(kind)
    record = Record(
        kind=kind,
        employee=f"emp-{n:05d}",
        date=date(2026, 1 + n % 12, 10),
        question_set=qset.id,
        question_set_version=qset.version,
        answers=answers(qset, n, text, long),
    )
    return toml_text(record.to_toml_data())


def documents() -> dict[str, str]:
    return {
        "talk, short answers": record_text("talk", 0, "Lead a team"),
        "prep, multi-line": record_text("prep", 1),
        "talk, multi-line + 3 actions": record_text("talk", 2),
        "talk, answers with \\r": record_text("talk", 1, "line one\r\nline two\rthree"),
        "talk, one 100 kB answer": record_text("talk", 2, long=("Grow the platform team. " * 4200)[:100_000]),
        "questions/talk.toml": (ROOT / "questions" / "talk.toml").read_text(encoding="utf-8"),
    }


def parsers() -> dict[str, Loads]:
    found: dict[str, Loads] = {}
    for name in PARSERS:
        try:
            module = importlib.import_module(name)
        except ImportError:
            print(f"({name} is not installed: skipped)")
            continue
        version = getattr(module, "__version__", platform.python_version())
        if name == "toml_rs":  # what aspire would call: TOML 1.0, the version tomllib reads
            found[f"toml_rs {version} (1.0.0)"] = lambda s, m=module: m.loads(s, toml_version="1.0.0")
        else:
            found[f"{name} {version}"] = module.loads
    return found


def best_us(loads: Loads, text: str, repeat: int) -> float:
    timer = timeit.Timer(lambda: loads(text))
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def import_ms(module: str, runs: int, before: str = "") -> float | None:
    """Median cumulative import time of `module` in a fresh interpreter, from -X importtime, after
    importing `before` (whose cost, shared with the rest of aspire, is then not counted)."""
    times = []
    for _ in range(runs):
        code = f"{before}; import {module}" if before else f"import {module}"
        command = [sys.executable, "-X", "importtime", "-c", code]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            return None
        pattern = rf"^import time:\s+\d+ \|\s+(\d+) \|\s?{re.escape(module)}$"
        match = re.search(pattern, done.stderr, re.MULTILINE)
        times.append(int(match.group(1)) / 1000 if match else 0.0)
    return statistics.median(times)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=7, help="timed batches per figure (default 7)")
    options.add_argument("--import-runs", type=int, default=9, help="processes per import time")
    args = options.parse_args()

    import tomllib

    docs = documents()
    found = parsers()
    print(f"Python {platform.python_version()} on {platform.machine()} {platform.system()}\n")
    width = max(map(len, docs))
    print(f"{'per call, µs':<{width}} {'bytes':>7} " + " ".join(f"{name:>24}" for name in found))
    for title, text in docs.items():
        expected = tomllib.loads(text)
        cells = []
        for loads in found.values():
            same = loads(text) == expected
            cells.append(f"{best_us(loads, text, args.repeat):>22.1f}{'  ' if same else ' ≠'}")
        print(f"{title:<{width}} {len(text.encode()):>7} " + " ".join(cells))
    print("(≠: the parser returned something other than tomllib's result)\n")

    print(f"{'import, ms (median)':<{width}} " + " ".join(f"{name:>24}" for name in found))
    for title, before in IMPORT_CONTEXTS.items():
        cells = []
        for name in found:
            ms = import_ms(name.split()[0], args.import_runs, before)
            cells.append(f"{'n/a' if ms is None else f'{ms:.2f}':>24}")
        print(f"{title:<{width}} " + " ".join(cells))


if __name__ == "__main__":
    main()
