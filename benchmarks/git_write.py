"""What a git home adds to a write, measured alone: `team edit` at 1,000 members in a plain home and
in the same home made a repository by `aspire sync init`, in alternating rounds so that both see the
same machine. The target (issue 15): the git home within 100 ms of the plain one.

    python benchmarks/git_write.py [--size 1000] [--rounds 5] [--runs 5] [--fresh]

--fresh makes the git copy again with this aspire's `sync init` (its rules, its first commit).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import jrnl_executable
from run import (
    TALK_EMPLOYEE,
    WORK,
    aspire_executable,
    bench_env,
    ensure_home,
    time_command,
    time_git_write,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env, aspire, home = bench_env(), aspire_executable(), ensure_home(args.size)
    if args.fresh:
        shutil.rmtree(WORK / f"{home.name}-git", ignore_errors=True)
    jrnl, _ = time_command([jrnl_executable(), "--help"], env, args.runs)
    plain, in_git = [], []
    for _ in range(args.rounds):
        edit = [aspire, "--home", str(home), "team", "edit", TALK_EMPLOYEE, "--cadence"]
        plain.append(statistics.median(time_command([*edit, c], env, 1)[0] for c in ("6", "12")))
        in_git.append(time_git_write(aspire, home, env, args.runs))
    p, g = statistics.median(plain), statistics.median(in_git)
    print(f"team edit, {args.size} members: plain home {p:.0f} ms, git home {g:.0f} ms, extra {g - p:.0f} ms")
    print(f"jrnl --help {jrnl:.0f} ms in the same run")
    print(f"target: extra <= 100 ms: {'met' if g - p <= 100 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
