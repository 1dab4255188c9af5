"""A run of aspire that reports, as it exits, every module it imported and every file it opened:
what the guards of the speed budget check."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import atexit, json, sys
opened = []
sys.addaudithook(lambda event, args: event == "open" and opened.append(str(args[0])))
report = lambda: print(json.dumps({"modules": sorted(sys.modules), "opened": opened}), file=sys.stderr)
atexit.register(report)
sys.argv = ["aspire", *sys.argv[1:]]
from aspire_cli.cli.launcher import main
main()
"""
PROMPT_LIBRARIES = {"questionary", "prompt_toolkit"}
HEAVY = PROMPT_LIBRARIES | {"pydantic", "typer", "rich"}


def probe(
    home: Path, *args: str, columns: int = 100
) -> tuple[set[str], list[str], subprocess.CompletedProcess[str]]:
    env = dict(os.environ, ASPIRE_HOME=str(home), NO_COLOR="1", COLUMNS=str(columns))
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=60
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return {m.split(".")[0] for m in report["modules"]}, report["opened"], done
