"""The baseline every benchmark compares with: `jrnl --help`, a comparable Python CLI, installed into
a venv of the benchmarks' own (benchmarks/.work/jrnl-venv) on first use; never a project dependency."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"


def jrnl_executable() -> str:
    venv = WORK / "jrnl-venv"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        print(f"installing jrnl into {venv}...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "jrnl"], check=True)
    return str(jrnl)
