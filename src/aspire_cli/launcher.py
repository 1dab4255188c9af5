"""The `aspire` console script: one place that turns errors into a line and an exit code."""

from __future__ import annotations

import sys

from aspire_cli.errors import AspireError


def main() -> None:
    try:
        from aspire_cli.cli import app

        app(prog_name="aspire")
    except AspireError as exc:
        fail(exc)


def fail(exc: AspireError) -> None:
    """One line on stderr, coloured on a terminal, and the error's exit code."""
    import os

    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    label = "\x1b[31merror:\x1b[0m" if colour else "error:"
    if exc.exit_code == 130:
        label = "\x1b[33mstopped:\x1b[0m" if colour else "stopped:"
    print(f"{label} {exc.message}", file=sys.stderr)
    sys.exit(exc.exit_code)
