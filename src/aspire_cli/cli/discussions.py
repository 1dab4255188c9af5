"""`aspire prep` and `aspire talk`, as the Typer app declares them."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from aspire_cli.cli import values
from aspire_cli.cli.params import (
    AgainOpt,
    AnswersOpt,
    EmployeeArg,
    FreshOpt,
    PlainCommand,
    QuestionsOpt,
    employee_argument,
    example,
    runs,
)
from aspire_cli.commands import discussions
from aspire_cli.domain.ids import EmployeeId

app = typer.Typer()  # added to the app without a name: its commands are aspire's own


@app.command(cls=PlainCommand, epilog=example("aspire prep alice --date 2026-11-20"))
@runs(discussions.prep)
def prep(
    ctx: typer.Context,
    employee: EmployeeArg,
    date_: Annotated[
        date | None,
        typer.Option(
            "--date", parser=values.day, metavar="YYYY-MM-DD", help="When you prepared (default: today)."
        ),
    ] = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
    questions: QuestionsOpt = None,
    again: AgainOpt = False,
) -> None:
    """Before the meeting: questions about the employee's potential and needs."""


@app.command(cls=PlainCommand, epilog=example("aspire talk alice --from alice-2026-12-03-answers.toml"))
@runs(discussions.talk)
def talk(
    ctx: typer.Context,
    employee: Annotated[
        EmployeeId | None,
        employee_argument("The employee's id; leave out to pick from your team."),
    ] = None,
    date_: Annotated[
        date | None,
        typer.Option(
            "--date",
            parser=values.day,
            metavar="YYYY-MM-DD",
            help="When the discussion was held (default: today).",
        ),
    ] = None,
    answers: AnswersOpt = None,
    fresh: FreshOpt = False,
    questions: QuestionsOpt = None,
    again: AgainOpt = False,
    hide_prep: Annotated[
        bool,
        typer.Option(
            "--hide-prep",
            help="Draw none of your prep notes, for a screen the employee can see (always: "
            "aspire config set prep_notes hidden).",
        ),
    ] = False,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="The employee's own answers, from the form or template of aspire invite: shown before "
            "each question and kept in the record as their words.",
        ),
    ] = None,
) -> None:
    """In the meeting: the employee's aspirations and the actions you agree, with your prep notes at hand."""
