"""How a command is declared in the Typer app, and the parameters several commands share.

A command is declared once, in the module of its group: its name, help and example on the Typer
decorator, its parameters (name, type, help) in the signature of the function below it, and the
function of `commands` it runs in `@runs(...)`. Nothing else declares it: the launcher's grammar
(cli/grammar.py) is generated from the app, and carries the same function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Annotated, Any

import typer

from aspire_cli.cli import values
from aspire_cli.cli.usage import PlainCommand
from aspire_cli.domain.ids import EmployeeId, RecordDay

__all__ = ["PlainCommand", "example", "runs"]


def example(command_line: str) -> str:
    """The last lines of a command's help: one example, on a line of its own however narrow the
    terminal (Click leaves a paragraph that starts with \\b as it is)."""
    return f"\b\nExample: {command_line}"


def runs(command: Callable[..., int]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The Typer command declared by the function below runs `command`: with the home (ctx.obj, a
    commands.command_line.Home), then the declared parameters by name, as the launcher calls it too.
    The declaring function's body is its help; tests/unit/test_launcher.py checks the names match."""

    def declared(declaration: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(declaration)  # Typer reads the declaration's signature and help
        def callback(ctx: typer.Context, **params: Any) -> None:
            raise typer.Exit(command(ctx.obj, **params))

        callback.runs = command  # type: ignore[attr-defined]  # read by the grammar's generator
        return callback

    return declared


def team_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """An EMPLOYEE argument completes to the ids on the roster, of the --home given on the line
    (the launcher answers most such requests itself: see completion.py)."""
    from aspire_cli.cli.completion import employee_ids

    home = ctx.find_root().params.get("home")
    return employee_ids(home if isinstance(home, str) else None, incomplete)


EMPLOYEE_HELP = "The employee's short id, e.g. alice or bob-lee."


def employee_argument(help: str) -> Any:
    """An EMPLOYEE argument of the team: completed from the roster, parsed into an EmployeeId."""
    return typer.Argument(metavar="EMPLOYEE", help=help, autocompletion=team_ids, parser=values.employee)


def as_of_option(help: str) -> Any:
    """--as-of YYYY-MM-DD, parsed into a date; what it sets the day of is the command's to say."""
    return typer.Option("--as-of", parser=values.as_of, metavar="YYYY-MM-DD", help=help)


def within_option(help: str) -> Any:
    """--within DAYS: how many days ahead counts as due soon (`due`, `invite --due`)."""
    return typer.Option("--within", min=0, metavar="DAYS", help=help)


EmployeeArg = Annotated[EmployeeId, employee_argument(EMPLOYEE_HELP)]
NewEmployeeArg = Annotated[  # not on the team yet: nothing to complete
    EmployeeId, typer.Argument(metavar="EMPLOYEE", help=EMPLOYEE_HELP, parser=values.employee)
]


AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Answers as TOML keyed by question id ('-' reads stdin); no prompts.",
    ),
]
QuestionsOpt = Annotated[
    str | None,
    typer.Option(
        "--questions",
        metavar="FILE",
        help="Ask this question set (a TOML file) for this one discussion.",
    ),
]
FreshOpt = Annotated[
    bool, typer.Option("--fresh", help="Discard an unfinished draft (after asking) and start over.")
]
AgainOpt = Annotated[
    bool,
    typer.Option(
        "--again", help="Record another on a day that already has one (saved as -2), without asking."
    ),
]
NameOpt = Annotated[str | None, typer.Option("--name", metavar="NAME", help='Full name, e.g. "Alice Smith".')]
CadenceOpt = Annotated[
    int | None,
    typer.Option(
        "--cadence",
        metavar="MONTHS",  # 1-60: checked by commands.team, in aspire's words
        help="Months between discussions, 1-60 (12 = yearly, 6 = twice a year).",
    ),
]
KindOpt = Annotated[
    str | None, typer.Option("--kind", metavar="prep|talk", help="Which kind of record (default: talk).")
]


def record_date_option(help: str) -> Any:
    """--date YYYY-MM-DD[-N]: a record by its day (the Nth of that day), parsed into a RecordDay."""
    return typer.Option("--date", parser=values.record_day, metavar="YYYY-MM-DD[-N]", help=help)


RecordDateOpt = Annotated[
    RecordDay | None,
    record_date_option(
        "The record of that day (default: the latest); the second of one day is YYYY-MM-DD-2."
    ),
]
NumberArg = Annotated[
    str, typer.Argument(metavar="NUMBER", help="The action's number, as `aspire actions` shows it.")
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A word on how it went.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")]
VerboseOpt = Annotated[
    bool, typer.Option("--verbose", help="Print each git command it runs, on stderr (or set ASPIRE_DEBUG=1).")
]
OutOpt = Annotated[
    str | None,
    typer.Option("--out", metavar="FILE", help="Write to FILE instead of the screen ('-': stdout)."),
]
IncludePrepOpt = Annotated[
    bool,
    typer.Option("--include-prep", help="Your prep notes too (your private view: left out by default)."),
]


def public_keys_option(name: str, whose: str, repeat_for: str) -> Any:
    """A repeatable option naming public keys to seal to (handover --to, sync init --recipient)."""
    return typer.Option(
        name, metavar="KEY", help=f"{whose} (age1... or an ssh-ed25519 line); repeat for {repeat_for}"
    )


IdentityOpt = Annotated[
    str | None,
    typer.Option(
        "--identity",
        metavar="FILE",
        help="The private key that opens what was sealed to you: an age identity file or an "
        "unencrypted ssh-ed25519 key (default: the identity setting, else ~/.ssh/id_ed25519).",
    ),
]
