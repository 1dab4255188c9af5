"""Shell completion: employee ids from the roster, and the launcher's quick answer for them.

Typer's completion answers every request (commands, options, an EMPLOYEE argument through
`employee_ids`), but only after Typer's import and the app's build, several times Python's own
start. Completing an employee id is the request a user makes most, so the launcher answers it
here: it finds that the word being completed is an EMPLOYEE argument (launcher.employee_completed,
with the launcher's table of the interface) and prints the roster's ids in the very format Typer's
shell scripts read (Typer 0.28's typer/_completion_classes.py: BashComplete, ZshComplete,
FishComplete). tests/promises/test_completion.py puts both answers side by side for many command lines, so
the two cannot drift apart. Everything else, and any line this does not follow, goes to Typer.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from aspire_cli.cli.launcher import COMPLETE_VAR, employee_completed

SHELLS = ("bash", "zsh", "fish")
SHELL_OPTIONS = ("--install-completion", "--show-completion")  # SHELL may be left out: $SHELL's, then
DETECT = ""  # the SHELL such an option is given when it is left out (see usage.ReportingGroup)


def shell_from_environment(environ: Mapping[str, str]) -> str | None:
    """The shell $SHELL names (/bin/bash, /usr/bin/zsh: by the file's name), if aspire completes in it."""
    name = environ.get("SHELL", "").rstrip("/").rsplit("/", 1)[-1]
    return name if name in SHELLS else None


def employee_ids(home: str | None, incomplete: str) -> list[str]:
    """The ids on the roster that start with `incomplete`, in order. Nothing when there is no home
    or its team file is broken: a completion never prints an error, never creates the home and
    never warns (the command that runs will)."""
    from aspire_cli.errors import AspireError
    from aspire_cli.storage.paths import resolve_home
    from aspire_cli.storage.store import Store

    try:
        store = Store(resolve_home(home))
        if not store.has_home():
            return []
        roster, _ = store.team.roster_report()  # through the index, as `aspire team list` reads it
    except (AspireError, OSError):
        return []
    return sorted(employee for employee in roster if employee.startswith(incomplete))


def answer_quickly(environ: Mapping[str, str] = os.environ) -> None:
    """Print the completions and exit, when the request is for an employee id; else return, and
    the Typer app answers."""
    answer = quick_answer(environ)
    if answer is not None:
        text, status = answer
        sys.stdout.write(text)
        sys.stdout.flush()
        sys.exit(status)


def quick_answer(environ: Mapping[str, str]) -> tuple[str, int] | None:
    """What Typer's completion would print, and its exit status, for a request to complete an
    employee id; None for any other request."""
    shell = environ.get(COMPLETE_VAR, "").removeprefix("complete_")
    if shell not in SHELLS or (shell == "bash" and not environ.get("COMP_CWORD", "").isdigit()):
        return None  # "source_bash", powershell, a variable missing: Typer's to answer
    args, incomplete = completion_args(shell, environ)
    incomplete = "" if incomplete == "=" else incomplete  # as Click has it: `--home=` split by bash
    found = employee_completed(args, incomplete)
    if found is None:
        return None
    ids = employee_ids(found.home, incomplete)
    if shell == "bash":
        return _lines(ids), 0
    if shell == "zsh":
        return _zsh(ids), 0
    return _fish(ids, environ.get("_TYPER_COMPLETE_FISH_ACTION", ""))


def completion_args(shell: str, environ: Mapping[str, str]) -> tuple[list[str], str]:
    """The words before the one being completed (the program's name left out), and that word, as
    Typer's completion classes read them from the variables their shell scripts set."""
    if shell == "bash":
        words = _split(environ.get("COMP_WORDS", ""))
        at = int(environ["COMP_CWORD"])
        return words[1:at], words[at] if at < len(words) else ""
    line = environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _split(line: str) -> list[str]:
    """The words of a command line as Click's split_arg_string has them: shlex, an unfinished
    quote or escape kept as typed."""
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        words.extend(lexer)
    except ValueError:
        words.append(lexer.token)
    return words


def _lines(values: list[str]) -> str:
    return "\n".join(values) + "\n"


def _zsh(values: list[str]) -> str:
    if not values:
        return "_files\n"
    quoted = "\n".join(f'"{_zsh_escape(value)}"' for value in values)
    return f"_arguments '*: :(({quoted}))'\n"


def _zsh_escape(value: str) -> str:
    return (
        value.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )


def _fish(values: list[str], action: str) -> tuple[str, int]:
    if action == "is-args":
        return "", 0 if values else 1  # whether to offer these rather than file names
    if action == "get-args" and values:
        return _lines(values), 0
    return "\n", 0
