"""What an encrypted remote adds to a write and a sync: one `talk --answers` then `aspire sync`, at
1,000 members, in a copy of the home syncing to a plain bare remote and in one syncing to an
encrypted one (`sync init REMOTE --encrypt`), in alternating rounds so that both see the same machine.
The target (issue 19): the encrypted write-and-sync at most 2x the plain one.

    python benchmarks/sealed_sync.py [--size 1000] [--rounds 3] [--runs 3] [--fresh]

The copies, their remotes and the key are made once in .work/ (the first sync of each sends the
whole home, untimed); --fresh makes them again. run.py runs this case too, at 1,000.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import TALK_EMPLOYEE, WORK, answers_file, aspire_executable, bench_env, ensure_home

KINDS = ("plain", "encrypted")


def synced_copy(aspire: str, home: Path, env: dict[str, str], kind: str, fresh: bool = False) -> Path:
    """A copy of `home` syncing to a bare remote of its own, plain or encrypted, first sync done."""
    copy, remote = WORK / f"{home.name}-sync-{kind}", WORK / f"{home.name}-sync-{kind}.git"
    if fresh or not (copy / ".git").is_dir():
        for path in (copy, remote):
            shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(home, copy, symlinks=True)
        subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
        init = [aspire, "--home", str(copy), "sync", "init", str(remote)]
        if kind == "encrypted":
            key = WORK / "bench_ed25519"
            if not key.exists():
                subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
            public = key.with_name(key.name + ".pub").read_text().strip()
            init += ["--encrypt", "--identity", str(key), "--recipient", public]
        subprocess.run(init, env=env, capture_output=True, check=True)
        subprocess.run([aspire, "--home", str(copy), "sync"], env=env, capture_output=True, check=True)
    return copy


def time_write_and_sync(aspire: str, home: Path, env: dict[str, str], kind: str, runs: int) -> float:
    """Median ms of one `talk --answers --again` then one `aspire sync`, in the copy of `kind`."""
    copy = synced_copy(aspire, home, env, kind)
    answers = answers_file(home)
    talk = [aspire, "--home", str(copy), "talk", TALK_EMPLOYEE, "--again", "--answers", str(answers)]
    sync = [aspire, "--home", str(copy), "sync"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for argv in (talk, sync):
            done = subprocess.run(argv, env=env, capture_output=True, text=True)
            if done.returncode:
                raise RuntimeError(f"{' '.join(argv[3:5])} ({kind}) exited {done.returncode}: {done.stderr}")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3, help="timed write-and-syncs per round and kind")
    parser.add_argument("--fresh", action="store_true", help="make the copies and their remotes again")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env, aspire = bench_env(), aspire_executable()
    home = ensure_home(args.size)
    for kind in KINDS:
        synced_copy(aspire, home, env, kind, fresh=args.fresh)
    found: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for round_ in range(args.rounds):
        for kind in KINDS if round_ % 2 == 0 else reversed(KINDS):
            found[kind].append(time_write_and_sync(aspire, home, env, kind, args.runs))
            print(f"  round {round_ + 1} {kind:<9} {found[kind][-1]:8.1f} ms", flush=True)
    plain, sealed = (statistics.median(found[kind]) for kind in KINDS)
    ratio = sealed / plain
    print(f"\ntalk + sync at {args.size}: plain {plain:.0f} ms, encrypted {sealed:.0f} ms: {ratio:.2f}x")
    print(f"target (encrypted <= 2 x plain): {'met' if ratio <= 2 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
