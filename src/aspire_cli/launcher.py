"""The `aspire` console script.

`aspire due` runs from shell start-up files and cron, so it must start in a blink. Typer and pydantic
alone take several times longer to import than Python takes to start, so a plain `due` request (the
options below, nothing else) is answered here without them; anything else, including `--help` and
every mistake, goes to the Typer app, which owns the interface and its error messages.
"""

from __future__ import annotations

import sys


class DueRequest:
    """What `aspire [--home PATH] due [--as-of DAY] [--within DAYS] [--json] [--brief]` asks for."""

    def __init__(self) -> None:
        self.home: str | None = None
        self.as_of: str | None = None
        self.within = 30
        self.as_json = False
        self.brief = False


def main() -> None:
    request = parse_due_request(sys.argv[1:])
    if request is not None:
        sys.exit(run_due_request(request))
    from aspire_cli.cli import app

    app(prog_name="aspire")


def parse_due_request(args: list[str]) -> DueRequest | None:
    """The request, if `args` is exactly `[--home PATH] due [due options]`; None for anything else."""
    request = DueRequest()
    words = _split_equals(args)
    if len(words) >= 2 and words[0] == "--home":
        request.home = words[1]
        words = words[2:]
    if not words or words[0] != "due":
        return None
    words = words[1:]
    while words:
        option, words = words[0], words[1:]
        if option in ("--json", "--brief"):
            setattr(request, "as_json" if option == "--json" else "brief", True)
        elif option in ("--as-of", "--within") and words:
            value, words = words[0], words[1:]
            if option == "--as-of":
                request.as_of = value
            elif value.isdigit():
                request.within = int(value)
            else:
                return None
        else:
            return None
    return request


def _split_equals(args: list[str]) -> list[str]:
    words: list[str] = []
    for arg in args:
        name, sep, value = arg.partition("=")
        words += [name, value] if sep and name in ("--home", "--as-of", "--within") else [arg]
    return words


def run_due_request(request: DueRequest) -> int:
    from datetime import date

    from aspire_cli.due_command import run_due
    from aspire_cli.errors import AspireError, report, warn
    from aspire_cli.ids import parse_day
    from aspire_cli.paths import resolve_home
    from aspire_cli.store import Store

    try:
        as_of = parse_day(request.as_of, "--as-of") if request.as_of is not None else date.today()
        store = Store(resolve_home(request.home))
        warning = store.ensure_home()
        if warning:
            warn(warning)
        return run_due(store, as_of, request.within, as_json=request.as_json, brief_line=request.brief)
    except AspireError as exc:
        report(exc)
        return exc.exit_code
