"""The Typer app: the one declaration of aspire's commands, options and help.

Each command hands its parameters to the function of the same name in `commands`, which the
launcher's fast path calls too; the launcher's table of this interface is generated from this app
and checked against it by tests/test_launcher.py.
"""

from __future__ import annotations

from typing import Annotated

import typer

from aspire_cli import __version__
from aspire_cli.cli.usage import (
    ListsUnlessToldOtherwise,
    PlainCommand,
    ReportingGroup,
    SyncsUnlessToldOtherwise,
)
from aspire_cli.commands import dispatch as commands


def example(command_line: str) -> str:
    """The last lines of a command's help: one example, on a line of its own however narrow the
    terminal (Click leaves a paragraph that starts with \\b as it is)."""
    return f"\b\nExample: {command_line}"


# Plain help and one-line usage errors (rich_markup_mode=None): Typer's Rich help draws multi-line
# panels and loads Rich and markdown-it, which roughly doubles the start-up time of `aspire --help`.
app = typer.Typer(
    cls=ReportingGroup,
    help="Prepare, hold and record career aspiration discussions with every employee, every year.",
    epilog=example("aspire talk alice"),
    no_args_is_help=True,
    # Typer's own --install-completion/--show-completion guess the shell (shellingham); aspire's,
    # on `main` below, are told it. The completing itself is Typer's (usage.ReportingGroup.main).
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
team_app = typer.Typer(
    help="Who you hold discussions with, and how often.",
    epilog=example('aspire team add alice --name "Alice Smith"'),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(team_app, name="team")
actions_app = typer.Typer(
    cls=ListsUnlessToldOtherwise,
    help="The actions agreed in talks: list them (the default), mark them done, dropped or open again.",
    epilog=example("aspire actions alice --all"),
    rich_markup_mode=None,
)
app.add_typer(actions_app, name="actions")
questions_app = typer.Typer(
    help="The question sets: the shipped ones, and your own in <home>/questions/.",
    epilog=example("aspire questions show talk"),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(questions_app, name="questions")
sync_app = typer.Typer(
    cls=SyncsUnlessToldOtherwise,
    help="Keep your aspire folder in git and in step with a private remote (the default: sync now).",
    epilog=example("aspire sync"),
    rich_markup_mode=None,
)
app.add_typer(sync_app, name="sync")


def _team(ctx: typer.Context, incomplete: str) -> list[str]:
    """An EMPLOYEE argument completes to the ids on the roster, of the --home given on the line
    (the launcher answers most such requests itself: see completion.py)."""
    from aspire_cli.cli.completion import employee_ids

    home = ctx.find_root().params.get("home")
    return employee_ids(home if isinstance(home, str) else None, incomplete)


EmployeeArg = Annotated[
    str,
    typer.Argument(
        metavar="EMPLOYEE", help="The employee's short id, e.g. alice or bob-lee.", autocompletion=_team
    ),
]
NewEmployeeArg = Annotated[  # not on the team yet: nothing to complete
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
CadenceOpt = Annotated[
    int | None,
    typer.Option(
        "--cadence",
        metavar="MONTHS",  # 1-60: checked by commands.team_add/team_edit, in aspire's words
        help="Months between discussions, 1-60 (12 = yearly, 6 = twice a year).",
    ),
]


KindOpt = Annotated[
    str | None, typer.Option("--kind", metavar="prep|talk", help="Which kind of record (default: talk).")
]
RecordDateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD[-N]",
        help="The record of that day (default: the latest); the second of one day is YYYY-MM-DD-2.",
    ),
]
NumberArg = Annotated[
    str, typer.Argument(metavar="NUMBER", help="The action's number, as `aspire actions` shows it.")
]
NoteOpt = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A word on how it went.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON, for scripts.")]


def _version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:  # resilient: a shell completing the line, not running it
        print(f"aspire {__version__}")
        raise typer.Exit()


def _install_completion(ctx: typer.Context, shell: str | None) -> None:
    if shell is not None and not ctx.resilient_parsing:
        from aspire_cli.cli.completion_scripts import install

        print(install(_shell(shell, "--install-completion")))
        raise typer.Exit()


def _show_completion(ctx: typer.Context, shell: str | None) -> None:
    if shell is not None and not ctx.resilient_parsing:
        from aspire_cli.cli.completion_scripts import script

        print(script(_shell(shell, "--show-completion")))
        raise typer.Exit()


def _shell(shell: str, option: str) -> str:
    from aspire_cli.cli.completion import SHELLS
    from aspire_cli.errors import BadInput

    if shell not in SHELLS:
        raise BadInput(f"{option} '{shell}': must be bash, zsh or fish; see: aspire --help")
    return shell


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
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            callback=_install_completion,
            is_eager=True,
            help="Complete commands, options and employee ids in SHELL (bash, zsh or fish) from now on.",
        ),
    ] = None,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=_show_completion,
            is_eager=True,
            help="Print the completion script for SHELL, to install it your own way.",
        ),
    ] = None,
) -> None:
    ctx.obj = home  # resolved by the command that runs (help needs no home)


@team_app.command(
    "add", cls=PlainCommand, epilog=example('aspire team add bob-lee --name "Bob Lee" --cadence 6')
)
def team_add(
    ctx: typer.Context, employee: NewEmployeeArg, name: NameOpt = None, cadence: CadenceOpt = None
) -> None:
    """Add someone to your team.

    Without --cadence, discussions are every cadence_months of your settings: 12 unless
    `aspire config` shows otherwise.
    """
    raise typer.Exit(commands.team_add(ctx.obj, employee, name, cadence))


@team_app.command("edit", cls=PlainCommand, epilog=example("aspire team edit alice --cadence 6"))
def team_edit(
    ctx: typer.Context, employee: EmployeeArg, name: NameOpt = None, cadence: CadenceOpt = None
) -> None:
    """Change someone's name or how often you meet."""
    raise typer.Exit(commands.team_edit(ctx.obj, employee, name, cadence))


@team_app.command("list", cls=PlainCommand, epilog=example("aspire team list"))
def team_list(ctx: typer.Context) -> None:
    """Show your team."""
    raise typer.Exit(commands.team_list(ctx.obj))


@team_app.command("remove", cls=PlainCommand, epilog=example("aspire team remove bob-lee"))
def team_remove(ctx: typer.Context, employee: EmployeeArg) -> None:
    """Take someone off your team; their records stay."""
    raise typer.Exit(commands.team_remove(ctx.obj, employee))


@app.command(cls=PlainCommand, epilog=example("aspire prep alice --date 2026-11-20"))
def prep(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: PrepDateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
    questions: QuestionsOpt = None,
) -> None:
    """Before the meeting: questions about the employee's potential and needs."""
    raise typer.Exit(commands.prep(ctx.obj, employee, date_, answers, fresh, questions))


@app.command(cls=PlainCommand, epilog=example("aspire talk alice --answers talk.toml"))
def talk(
    ctx: typer.Context,
    employee: Annotated[
        str | None,
        typer.Argument(
            metavar="EMPLOYEE",
            help="The employee's id; leave out to pick from your team.",
            autocompletion=_team,
        ),
    ] = None,
    date_: DateOpt = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
    questions: QuestionsOpt = None,
) -> None:
    """In the meeting: the employee's aspirations and the actions you agree, with your prep notes at hand."""
    raise typer.Exit(commands.talk(ctx.obj, employee, date_, answers, fresh, questions))


@app.command(cls=PlainCommand, epilog=example("aspire due --within 14"))
def due(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Check as of this day (default: today)."),
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            min=0,
            metavar="DAYS",
            help="Count as due soon within this many days (default: due_soon_days, see aspire config).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the rows as a JSON array, for scripts and cron.")
    ] = False,
    brief: Annotated[
        bool,
        typer.Option(
            "--brief", help="One line, or nothing when all is well (for your shell's startup file)."
        ),
    ] = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar="FILE",
            help="Write each member's next discussion to an iCalendar file to import ('-': stdout).",
        ),
    ] = None,
) -> None:
    """Whose discussion is overdue or due soon, most urgent first."""
    raise typer.Exit(commands.due(ctx.obj, as_of, within, as_json, brief, ics))


@app.command(cls=PlainCommand, epilog=example("aspire config --json"))
def config(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your settings, and where each comes from.

    leader, cadence_months and due_soon_days are read from <home>/config.toml, then from
    ASPIRE_LEADER, ASPIRE_CADENCE and ASPIRE_DUE_SOON, which win; home from --home, ASPIRE_HOME or
    your user data folder.
    """
    raise typer.Exit(commands.config(ctx.obj, as_json))


@app.command(epilog=example("aspire drafts"))
def drafts(ctx: typer.Context) -> None:
    """Unfinished interviews, and how to resume them."""
    raise typer.Exit(commands.drafts(ctx.obj))


@app.command(cls=PlainCommand, epilog=example("aspire show alice --date 2026-11-26-2"))
def show(
    ctx: typer.Context, employee: EmployeeArg, date_: RecordDateOpt = None, kind: KindOpt = None
) -> None:
    """One discussion as it was recorded (the latest talk by default), with its actions' status."""
    raise typer.Exit(commands.show(ctx.obj, employee, date_, kind))


@app.command(cls=PlainCommand, epilog=example("aspire history alice --json"))
def history(ctx: typer.Context, employee: EmployeeArg, as_json: JsonOpt = False) -> None:
    """Every discussion with someone, newest first, with what changed since the one before."""
    raise typer.Exit(commands.history(ctx.obj, employee, as_json))


@app.command(cls=PlainCommand, epilog=example("aspire edit alice --kind prep --date 2026-11-20"))
def edit(
    ctx: typer.Context, employee: EmployeeArg, date_: RecordDateOpt = None, kind: KindOpt = None
) -> None:
    """Correct a record in your editor ($VISUAL or $EDITOR); it is checked before it is kept."""
    raise typer.Exit(commands.edit(ctx.obj, employee, date_, kind))


@actions_app.command("list", cls=PlainCommand, epilog=example("aspire actions list --as-of 2027-06-30"))
def actions_list(
    ctx: typer.Context,
    employee: Annotated[
        str | None,
        typer.Argument(
            metavar="EMPLOYEE",
            help="Only this employee's actions (default: the whole team).",
            autocompletion=_team,
        ),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Done and dropped actions too.")] = False,
    as_json: JsonOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Overdue as of this day (default: today)."),
    ] = None,
) -> None:
    """Open actions, overdue first, then by due date (this is what `aspire actions` runs)."""
    raise typer.Exit(commands.actions_list(ctx.obj, employee, show_all, as_json, as_of))


@actions_app.command(
    "done", cls=PlainCommand, epilog=example('aspire actions done alice 2 --note "First guild session held"')
)
def actions_done(
    ctx: typer.Context,
    employee: EmployeeArg,
    number: NumberArg,
    date_: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When it was done (default: today).")
    ] = None,
    note: NoteOpt = None,
) -> None:
    """Mark an action done."""
    raise typer.Exit(commands.actions_done(ctx.obj, employee, number, date_, note))


@actions_app.command(
    "drop", cls=PlainCommand, epilog=example('aspire actions drop alice 3 --note "The guild was wound up"')
)
def actions_drop(ctx: typer.Context, employee: EmployeeArg, number: NumberArg, note: NoteOpt = None) -> None:
    """Drop an action that no longer makes sense."""
    raise typer.Exit(commands.actions_drop(ctx.obj, employee, number, note))


@actions_app.command("reopen", cls=PlainCommand, epilog=example("aspire actions reopen alice 2"))
def actions_reopen(ctx: typer.Context, employee: EmployeeArg, number: NumberArg) -> None:
    """Open a done or dropped action again."""
    raise typer.Exit(commands.actions_reopen(ctx.obj, employee, number))


@questions_app.command("list", cls=PlainCommand, epilog=example("aspire questions list"))
def questions_list(ctx: typer.Context) -> None:
    """The question sets in force: shipped, or your own in their place."""
    raise typer.Exit(commands.questions_list(ctx.obj))


@questions_app.command("show", cls=PlainCommand, epilog=example("aspire questions show prep"))
def questions_show(
    ctx: typer.Context,
    set_id: Annotated[str, typer.Argument(metavar="SET", help="The set's id: prep, talk, or one of yours.")],
) -> None:
    """Every question of a set, with its id, kind and guidance."""
    raise typer.Exit(commands.questions_show(ctx.obj, set_id))


@questions_app.command("validate", cls=PlainCommand, epilog=example("aspire questions validate my-talk.toml"))
def questions_validate(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A question set file (TOML).")],
) -> None:
    """Check a question set file: one line per problem, naming the question."""
    raise typer.Exit(commands.questions_validate(ctx.obj, file))


OutOpt = Annotated[
    str | None,
    typer.Option("--out", metavar="FILE", help="Write to FILE instead of the screen ('-': stdout)."),
]


@app.command(cls=PlainCommand, epilog=example("aspire report --format html --out team.html"))
def report(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", metavar="YYYY-MM-DD", help="As of this day (default: today).")
    ] = None,
    format_: Annotated[
        str,
        typer.Option("--format", metavar="table|md|csv|json|html", help="What to write (default: table)."),
    ] = "table",
    out: OutOpt = None,
) -> None:
    """Your team at a glance: due dates, aspirations beside your view, and a potential-by-readiness grid."""
    raise typer.Exit(commands.report(ctx.obj, as_of, format_, out))


@app.command(cls=PlainCommand, epilog=example("aspire export --since 2026-01-01 --out talks.csv"))
def export(
    ctx: typer.Context,
    format_: Annotated[
        str, typer.Option("--format", metavar="csv|json", help="What to write (default: csv).")
    ] = "csv",
    out: OutOpt = None,
    include_prep: Annotated[
        bool,
        typer.Option("--include-prep", help="Your prep notes too (your private view: left out by default)."),
    ] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only discussions on or after this day."),
    ] = None,
) -> None:
    """Every talk as one row, for a spreadsheet or an HR system."""
    raise typer.Exit(commands.export(ctx.obj, format_, out, include_prep, since))


@app.command(cls=PlainCommand, epilog=example("aspire share alice --format html --out alice.html"))
def share(
    ctx: typer.Context,
    employee: EmployeeArg,
    out: OutOpt = None,
    format_: Annotated[
        str, typer.Option("--format", metavar="md|html", help="What to write (default: md).")
    ] = "md",
) -> None:
    """The employee's own summary of their latest talk, to hand to them (never your prep notes)."""
    raise typer.Exit(commands.share(ctx.obj, employee, out, format_))


@app.command(cls=PlainCommand, epilog=example("aspire handover alice --out alice.tar.gz"))
def handover(
    ctx: typer.Context,
    employee: EmployeeArg,
    out: Annotated[str, typer.Option("--out", metavar="FILE", help="The archive to write.")],
    include_prep: Annotated[
        bool,
        typer.Option("--include-prep", help="Your prep notes too (your private view: left out by default)."),
    ] = False,
) -> None:
    """One archive of an employee's talks and follow-ups, for their next leader."""
    raise typer.Exit(commands.handover(ctx.obj, employee, out, include_prep))


@app.command("import", cls=PlainCommand, epilog=example("aspire import alice.tar.gz"))
def import_(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="An archive made by aspire handover.")],
) -> None:
    """Take in an employee's records from their previous leader's hand-over archive."""
    raise typer.Exit(commands.import_(ctx.obj, file))


@sync_app.command(
    "init", cls=PlainCommand, epilog=example("aspire sync init git@example.com:you/aspire-notes.git")
)
def sync_init(
    ctx: typer.Context,
    remote: Annotated[
        str | None, typer.Argument(metavar="REMOTE", help="A git remote URL (a private repository).")
    ] = None,
) -> None:
    """Make your aspire folder a git repository (or join one): every change becomes a commit."""
    raise typer.Exit(commands.sync_init(ctx.obj, remote))


@sync_app.command("now", cls=PlainCommand, epilog=example("aspire sync now"))
def sync_now(ctx: typer.Context) -> None:
    """Commit, fetch, merge and push; say what came in (this is what `aspire sync` runs)."""
    raise typer.Exit(commands.sync_now(ctx.obj))


@sync_app.command("status", cls=PlainCommand, epilog=example("aspire sync status"))
def sync_status(ctx: typer.Context) -> None:
    """Whether your folder is a repository, its remote, commits ahead and behind, anything uncommitted."""
    raise typer.Exit(commands.sync_status(ctx.obj))
