"""The Typer app: reads options, calls the core, renders. No business logic here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from aspire_cli import __version__
from aspire_cli.errors import AspireError, report
from aspire_cli.ids import parse_day
from aspire_cli.paths import resolve_home
from aspire_cli.store import Store, open_store


class _ReportingGroup(TyperGroup):
    """Every AspireError from any command becomes one line on stderr and its exit code."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as interrupt:  # outside a prompt: Ctrl-C, or a signal during a talk
            from aspire_cli.interrupts import as_aborted

            stop = as_aborted(interrupt)
            report(stop)
            raise typer.Exit(stop.exit_code) from None
        except AspireError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None


# Plain help and one-line usage errors (rich_markup_mode=None): Typer's Rich help draws multi-line
# panels and loads Rich and markdown-it, which roughly doubles the start-up time of `aspire --help`.
app = typer.Typer(
    cls=_ReportingGroup,
    help="Prepare, hold and record career aspiration discussions with every employee, every year.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
team_app = typer.Typer(
    help="Who you hold discussions with, and how often.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(team_app, name="team")


EmployeeArg = Annotated[
    str, typer.Argument(metavar="EMPLOYEE", help="The employee's short id, e.g. alice or bob-lee.")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="When the discussion was held (default: today)."),
]
AnswersOpt = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar="FILE",
        help="Answers as TOML keyed by question id ('-' reads stdin); no prompts.",
    ),
]
FreshOpt = Annotated[
    bool, typer.Option("--fresh", help="Discard an unfinished draft (after asking) and start over.")
]


def _store(ctx: typer.Context) -> Store:
    home: Path = ctx.obj
    return open_store(home)


def _version(value: bool) -> None:
    if value:
        print(f"aspire {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    home: Annotated[
        Path | None,
        typer.Option(
            "--home",
            metavar="PATH",
            help="Your aspire folder (default: $ASPIRE_HOME, else your user data folder).",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    ctx.obj = resolve_home(home)


@team_app.command("add")
def team_add(
    ctx: typer.Context,
    employee: EmployeeArg,
    name: Annotated[str, typer.Option("--name", help='Full name, e.g. "Alice Smith".')] = "",
    cadence: Annotated[
        int,
        typer.Option(
            "--cadence",
            min=1,
            max=60,
            metavar="MONTHS",
            help="Months between discussions (6 = twice a year).",
        ),
    ] = 12,
) -> None:
    """Add someone to your team."""
    from aspire_cli.team import add_member

    add_member(_store(ctx), employee, name, cadence, date.today())
    every = "every year" if cadence == 12 else f"every {cadence} months"
    print(f"Added {employee}{f' ({name})' if name else ''}: discussions {every}.")


@team_app.command("list")
def team_list(ctx: typer.Context) -> None:
    """Show your team."""
    from aspire_cli.listings import run_team_list

    run_team_list(_store(ctx))


@team_app.command("remove")
def team_remove(ctx: typer.Context, employee: EmployeeArg) -> None:
    """Take someone off your team; their records stay."""
    from aspire_cli.team import remove_member

    store = _store(ctx)
    remove_member(store, employee)
    print(f"Removed {employee} from your team; their records stay in {store.records_dir(employee)}.")


def _discussion(
    ctx: typer.Context, kind: str, employee: str | None, day: str | None, answers: str | None, fresh: bool
) -> None:
    from aspire_cli.discussion import run_discussion

    run_discussion(_store(ctx), kind, employee, day, answers, fresh)


@app.command()
def prep(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: DateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """Before the meeting: five questions about the employee."""
    _discussion(ctx, "prep", employee, date_, answers, fresh)


@app.command()
def talk(
    ctx: typer.Context,
    employee: Annotated[
        str | None,
        typer.Argument(metavar="[EMPLOYEE]", help="The employee's id; leave out to pick from your team."),
    ] = None,
    date_: DateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """In the meeting: eight questions, with your prep notes at hand."""
    _discussion(ctx, "talk", employee, date_, answers, fresh)


@app.command()
def due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Check as of this day (default: today)."),
    ] = None,
    within: Annotated[
        int, typer.Option("--within", min=0, metavar="DAYS", help="Count as due soon within this many days.")
    ] = 30,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the rows as a JSON array, for scripts and cron.")
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief", help="One line, or nothing when all is well (for your shell's startup file)."
        ),
    ] = False,
) -> None:
    """Whose discussion is overdue or due soon, most urgent first."""
    from aspire_cli.listings import run_due

    day = parse_day(as_of, "--as-of") if as_of else date.today()
    raise typer.Exit(run_due(_store(ctx), day, within, as_json=as_json, brief_line=brief))


@app.command()
def drafts(ctx: typer.Context) -> None:
    """Unfinished interviews, and how to resume them."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from aspire_cli.questions import load_question_set

    store = _store(ctx)
    paths = store.list_drafts()
    if not paths:
        print("No unfinished drafts.")
        return
    table = Table("Employee", "Kind", "Dated", "Answered", "Resume with")
    for path in paths:
        employee, _, kind = path.stem.partition(".")
        try:
            qset = load_question_set(kind)
            draft = store.read_draft(employee, kind, qset)
        except AspireError as exc:
            table.add_row(escape(employee), escape(kind), "", "[red]unreadable[/]", escape(exc.message))
            continue
        if draft is not None:
            answered = f"{len(draft.answers)} of {len(qset.questions)}"
            table.add_row(employee, kind, draft.date.isoformat(), answered, f"aspire {kind} {employee}")
    Console(highlight=False).print(table)
    print(f"Drafts are kept in {store.drafts_root}")
