"""The Typer app: reads options, calls the core, renders. No business logic here."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer._click.exceptions import UsageError  # Typer 0.26+ vendors Click: its classes live here

from aspire_cli import __version__
from aspire_cli.errors import BadInput
from aspire_cli.ids import parse_day
from aspire_cli.paths import resolve_home
from aspire_cli.safe_text import one_line
from aspire_cli.store import Store, open_store
from aspire_cli.usage import PlainCommand, ReportingGroup

if TYPE_CHECKING:
    from aspire_cli.models import Member


# Plain help and one-line usage errors (rich_markup_mode=None): Typer's Rich help draws multi-line
# panels and loads Rich and markdown-it, which roughly doubles the start-up time of `aspire --help`.
app = typer.Typer(
    cls=ReportingGroup,
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
PrepDateOpt = Annotated[
    str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When you prepared (default: today).")
]
NameOpt = Annotated[str | None, typer.Option("--name", metavar="NAME", help='Full name, e.g. "Alice Smith".')]
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


def _cadence(ctx: typer.Context, months: int | None) -> int | None:
    """1-60 months, checked here rather than by Typer's min/max, whose words are pydantic's."""
    from aspire_cli.team import check_cadence

    try:
        return None if months is None else check_cadence(months)
    except BadInput as exc:
        raise UsageError(exc.message, ctx) from None


CadenceOpt = Annotated[
    int | None,
    typer.Option(
        "--cadence",
        metavar="MONTHS",
        callback=_cadence,
        help="Months between discussions, 1-60 (12 = yearly, 6 = twice a year).",
    ),
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
        str | None,
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


@team_app.command("add", cls=PlainCommand)
def team_add(
    ctx: typer.Context, employee: EmployeeArg, name: NameOpt = None, cadence: CadenceOpt = 12
) -> None:
    """Add someone to your team."""
    from aspire_cli.team import add_member

    member = add_member(_store(ctx), employee, name or "", cadence or 12, date.today())
    print(f"Added {employee}{f' ({member.name})' if member.name else ''}: discussions {_every(member)}.")


@team_app.command("edit", cls=PlainCommand)
def team_edit(
    ctx: typer.Context, employee: EmployeeArg, name: NameOpt = None, cadence: CadenceOpt = None
) -> None:
    """Change someone's name or how often you meet."""
    from aspire_cli.team import edit_member

    if name is None and cadence is None:
        ctx.fail("say what to change: --name NAME, --cadence MONTHS or both")
    before, after = edit_member(_store(ctx), employee, name, cadence)
    print(f"{employee}: {_changes(before, after)}.")


def _every(member: Member) -> str:
    months = member.cadence_months
    return "every year" if months == 12 else f"every {months} month{'s' if months != 1 else ''}"


def _changes(before: Member, after: Member) -> str:
    changes = []
    if after.name != before.name:
        changes.append(f"name '{before.name}' -> '{after.name}'" if before.name else f"name '{after.name}'")
    if after.cadence_months != before.cadence_months:
        changes.append(f"discussions {_every(after)} (was {_every(before)})")
    return ", ".join(changes) or "no change, it was already so"


@team_app.command("list", cls=PlainCommand)
def team_list(ctx: typer.Context) -> None:
    """Show your team."""
    from aspire_cli.listings import run_team_list

    raise typer.Exit(run_team_list(_store(ctx)))


@team_app.command("remove", cls=PlainCommand)
def team_remove(ctx: typer.Context, employee: EmployeeArg) -> None:
    """Take someone off your team; their records stay."""
    from aspire_cli.team import remove_member

    store = _store(ctx)
    remove_member(store, employee)
    folder = store.records_dir(employee)
    print(one_line(f"Removed {employee} from your team; their records stay in {folder}."))


def _discussion(
    ctx: typer.Context, kind: str, employee: str | None, day: str | None, answers: str | None, fresh: bool
) -> None:
    from aspire_cli.discussion import run_discussion

    run_discussion(_store(ctx), kind, employee, day, answers, fresh)


@app.command(cls=PlainCommand)
def prep(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: PrepDateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """Before the meeting: five questions about the employee."""
    _discussion(ctx, "prep", employee, date_, answers, fresh)


@app.command(cls=PlainCommand)
def talk(
    ctx: typer.Context,
    employee: Annotated[
        str | None,
        typer.Argument(metavar="EMPLOYEE", help="The employee's id; leave out to pick from your team."),
    ] = None,
    date_: DateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
) -> None:
    """In the meeting: eight questions, with your prep notes at hand."""
    _discussion(ctx, "talk", employee, date_, answers, fresh)


@app.command(cls=PlainCommand)
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

    if as_json and brief:
        ctx.fail("--json and --brief do not go together: pick one")
    day = parse_day(as_of, "--as-of") if as_of else date.today()
    raise typer.Exit(run_due(_store(ctx), day, within, as_json=as_json, brief_line=brief))


@app.command()
def drafts(ctx: typer.Context) -> None:
    """Unfinished interviews, and how to resume them."""
    from aspire_cli.listings import run_drafts

    raise typer.Exit(run_drafts(_store(ctx)))
