"""The `aspire` console script.

Typer takes several times longer to import than Python takes to start, and `aspire due` runs from
shell start-up files and cron, `aspire talk` starts with an employee waiting. So a plain request
(a command, its options and arguments, nothing unusual) is read here, with the grammar of
grammar.py, and handed to the very function the Typer app's command runs (the grammar carries it).
Everything else, every `--help`, `--version` and every mistake, goes to the Typer app, which owns
the interface and its words.

The grammar is not a second declaration: it is generated from the Typer app, and
tests/unit/test_launcher.py fails (and writes it again on request) whenever the two differ, so an
option added to the app cannot be missed here.

A shell completing a word (COMPLETE_VAR set by the script `aspire --install-completion` installs)
is answered here too when the word is an employee id: the table says whether it is one, and
completion.py answers from the roster as the Typer app would (tests/promises/test_completion.py compares).
"""

from __future__ import annotations

import contextlib
import os
import sys

from aspire_cli.cli.grammar import DEFAULT_COMMANDS, GRAMMAR, NEW_EMPLOYEE_COMMANDS, Command, Kind
from aspire_cli.cli.help_text import HELP, WIDE
from aspire_cli.errors import AspireError

COMPLETE_VAR = "_ASPIRE_COMPLETE"  # set by the shell scripts of `aspire --install-completion`


class Request:
    """A plain request: the command, the raw --home (None when not given), its parameters."""

    def __init__(self, command: str, home: str | None, params: dict[str, object]) -> None:
        self.command = command
        self.home = home
        self.params = params
        self.entry: Command = GRAMMAR[command]


def main() -> None:
    if COMPLETE_VAR in os.environ:  # a shell asking for completions (see completion.py)
        from aspire_cli.cli.completion import answer_quickly

        answer_quickly()  # exits when the word is an employee id; else the Typer app answers
    text = known_help(sys.argv[1:])
    if text is not None:
        from aspire_cli.cli.reporting import reporting

        sys.exit(reporting(lambda: _print(text)))
    request = parse_request(sys.argv[1:])
    if request is not None:
        from aspire_cli.cli.reporting import reporting

        sys.exit(reporting(lambda: run(request)))
    _typer_app()


def _typer_app() -> None:
    from aspire_cli.cli.app import app

    app(prog_name="aspire")


def known_help(args: list[str]) -> str | None:
    """What the Typer app prints for `aspire [COMMAND ...] --help`, from help_text.py, when the
    terminal is wide enough for it to be that very text; else None (the Typer app prints it)."""
    if not args or args[-1] not in ("--help", "-h") or _columns() < WIDE:
        return None
    words = args[:-1]
    if any(not word.isidentifier() for word in words):  # an option, a value: the Typer app's
        return None
    return HELP.get(" ".join(words))


def _columns() -> int:
    """The terminal's width as Click's help formatter takes it (shutil.get_terminal_size, without
    importing shutil): $COLUMNS, else the terminal on stdout, else 80."""
    with contextlib.suppress(KeyError, ValueError):
        columns = int(os.environ["COLUMNS"])
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _print(text: str) -> int:
    sys.stdout.write(text)
    return 0


def parse_request(args: list[str]) -> Request | None:
    """The request, if `args` is a plain `[--home PATH] COMMAND [OPTIONS] [ARGUMENTS]`; else None."""
    read = _read(args)
    if read is None:
        return None
    request, words, _ = read
    arguments = request.entry.arguments
    if len(words) > len(arguments) or any(needed for _, needed, _ in arguments[len(words) :]):
        return None  # the Typer app words the mistake
    request.params.update((name, word) for (name, _, _), word in zip(arguments, words, strict=False))
    return request if _typed(request) else None


def _typed(request: Request) -> bool:
    """Turn each value given to a parameter with a parser (cli/values.py) into its typed value, as
    the Typer app's parameter does; False when one is wrong (the Typer app words it, in its order)."""
    parsers = {param: kind for param, kind in request.entry.options.values() if callable(kind)}
    parsers.update((name, kind) for name, _, kind in request.entry.arguments if callable(kind))
    try:
        for param, parse in parsers.items():
            value = request.params[param]
            if isinstance(value, str):
                request.params[param] = parse(value)
    except AspireError:
        return False
    return True


def employee_completed(args: list[str], incomplete: str) -> Request | None:
    """The request so far, if the word after `args` (`incomplete`, being typed) is an EMPLOYEE
    argument that completes from the roster, the line before it plain; else None (the Typer app
    answers). `aspire actions <TAB>` is not one: there the group's commands are offered too."""
    read = _read(args)
    if read is None or incomplete.startswith("-"):
        return None
    request, words, group_alone = read
    arguments = request.entry.arguments
    if group_alone or len(words) >= len(arguments) or arguments[len(words)][0] != "employee":
        return None
    return None if request.command in NEW_EMPLOYEE_COMMANDS else request


def _read(args: list[str]) -> tuple[Request, list[str], bool] | None:
    """The request with its options (not its arguments), the words for its arguments, and whether
    the line was a group alone (`aspire actions` is `aspire actions list`); None if not plain."""
    rest = list(args)
    root: dict[str, object] = {}
    while rest and rest[0].startswith("-"):
        if not _take_option(rest, GRAMMAR[""].options, root):
            return None
    group_alone = len(rest) == 1 and rest[0] in DEFAULT_COMMANDS
    if rest and rest[0] in DEFAULT_COMMANDS and not (len(rest) > 1 and f"{rest[0]} {rest[1]}" in GRAMMAR):
        rest.insert(1, DEFAULT_COMMANDS[rest[0]])  # `aspire actions alice`: `aspire actions list alice`
    command = next((" ".join(rest[:n]) for n in (2, 1) if " ".join(rest[:n]) in GRAMMAR), "")
    if not command:
        return None
    rest = rest[len(command.split()) :]
    options, defaults = GRAMMAR[command].options, GRAMMAR[command].defaults
    given: dict[str, object] = {}
    words = []
    while rest:
        if rest[0].startswith("-") and rest[0] != "-":  # "-" is a word: stdin, for --answers
            if not _take_option(rest, options, given):
                return None
        else:
            words.append(rest.pop(0))
    home = root.get("home")
    return (
        Request(command, home if isinstance(home, str) else None, {**defaults, **given}),
        words,
        group_alone,
    )


def _take_option(rest: list[str], options: dict[str, tuple[str, Kind]], given: dict[str, object]) -> bool:
    """Move the option at the head of `rest` (and its value) into `given`; False if it is not plain."""
    word = rest.pop(0)
    name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
    if name not in options or (options[name][0] in given and options[name][1] != "strs"):
        return False  # unknown, -h, or given twice: the Typer app's to answer
    param, kind = options[name]
    if kind == "flag" and not equals:
        given[param] = True
        return True
    if kind in ("flag", "typer"):
        return False  # a flag given a value, or the Typer app's to read
    if not equals:
        if not rest or (rest[0].startswith("-") and rest[0] != "-"):
            return False
        value = rest.pop(0)
    if kind == "int":
        if not (value.isascii() and value.isdigit()):
            return False
        given[param] = int(value)
    elif kind == "strs":  # an option given once for each value: their list
        given.setdefault(param, []).append(value)  # type: ignore[attr-defined]
    else:
        given[param] = value  # typed once the whole line is read (_typed)
    return True


def run(request: Request) -> int:
    """The request's exit code; its errors are the caller's (cli.reporting, as in the Typer app)."""
    from aspire_cli.commands.command_line import Home

    runs = request.entry.runs
    assert runs is not None  # "" is no command
    return runs(Home(request.home), **request.params)
