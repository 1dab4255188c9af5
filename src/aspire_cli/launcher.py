"""The `aspire` console script.

Typer, with the pydantic adapters it builds for every parameter, takes several times longer to import
than Python takes to start. `aspire due` runs from shell start-up files and cron, `aspire talk` starts
with an employee waiting, and `aspire team list` should be as instant: a plain request for one of
these (the options below, nothing else) is answered here without Typer. Anything else, including
every `--help` and every mistake, goes to the Typer app, which owns the interface and its error
messages; both paths call the same code.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aspire_cli.store import Store

# command: (flags, options taking a value, positional EMPLOYEE: None, "optional" or "required")
PLAIN_COMMANDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "due": (("--json", "--brief"), ("--as-of", "--within"), None),
    "team list": ((), (), None),
    "talk": (("--fresh",), ("--date",), "optional"),
    "prep": (("--fresh",), ("--date",), "required"),
}


class Request:
    """A plain request: the command, --home, the options given and the employee."""

    def __init__(self, command: str, home: str | None) -> None:
        self.command = command
        self.home = home
        self.options: dict[str, str | bool] = {}
        self.employee: str | None = None


def main() -> None:
    request = parse_request(sys.argv[1:])
    if request is not None:
        from aspire_cli.errors import reporting

        sys.exit(reporting(lambda: run(request)))
    from aspire_cli.cli import app

    app(prog_name="aspire")


def parse_request(args: list[str]) -> Request | None:
    """The request, if `args` is a plain `[--home PATH] COMMAND ...` of PLAIN_COMMANDS; else None."""
    words = _split_equals(args)
    home = None
    if len(words) >= 2 and words[0] == "--home":
        home, words = words[1], words[2:]
    if words[:2] == ["team", "list"]:
        words = ["team list", *words[2:]]
    if not words or words[0] not in PLAIN_COMMANDS:
        return None
    request = Request(words[0], home)
    flags, valued, positional = PLAIN_COMMANDS[request.command]
    rest = words[1:]
    while rest:
        word, rest = rest[0], rest[1:]
        if word in flags:
            request.options[word] = True
        elif word in valued and rest:
            request.options[word], rest = rest[0], rest[1:]
        elif positional and request.employee is None and not word.startswith("-"):
            request.employee = word
        else:
            return None
    if positional == "required" and request.employee is None:
        return None
    if "--json" in request.options and "--brief" in request.options:
        return None  # a conflict: Typer words the error
    within = request.options.get("--within", "30")
    if not (isinstance(within, str) and within.isdigit()):
        return None  # Typer words that error
    return request


def _split_equals(args: list[str]) -> list[str]:
    words: list[str] = []
    for arg in args:
        name, sep, value = arg.partition("=")
        words += [name, value] if sep and name.startswith("--") else [arg]
    return words


def run(request: Request) -> int:
    """The request's exit code; its errors are the caller's (errors.reporting, as in the Typer app)."""
    from aspire_cli.paths import resolve_home
    from aspire_cli.store import open_store

    store = open_store(resolve_home(request.home))
    if request.command == "due":
        return _due(store, request)
    if request.command == "team list":
        from aspire_cli.listings import run_team_list

        return run_team_list(store)
    from aspire_cli.discussion import run_discussion

    day = request.options.get("--date")
    fresh = bool(request.options.get("--fresh"))
    run_discussion(
        store, request.command, request.employee, day if isinstance(day, str) else None, None, fresh
    )
    return 0


def _due(store: Store, request: Request) -> int:
    from datetime import date

    from aspire_cli.ids import parse_day
    from aspire_cli.listings import run_due

    as_of = request.options.get("--as-of")
    day = parse_day(as_of, "--as-of") if isinstance(as_of, str) else date.today()
    within = int(str(request.options.get("--within", "30")))
    as_json, brief = bool(request.options.get("--json")), bool(request.options.get("--brief"))
    return run_due(store, day, within, as_json=as_json, brief_line=brief)
