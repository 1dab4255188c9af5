"""`aspire questions list | show | validate`, as the Typer app declares them."""

from __future__ import annotations

from typing import Annotated

import typer

from aspire_cli.cli.params import PlainCommand, example, runs
from aspire_cli.commands import question_sets

app = typer.Typer(
    help="The question sets: the shipped ones, and your own in <home>/questions/.",
    epilog=example("aspire questions show talk"),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("list", cls=PlainCommand, epilog=example("aspire questions list"))
@runs(question_sets.list_sets)
def list_sets(ctx: typer.Context) -> None:
    """The question sets in force: shipped, or your own in their place."""


@app.command("show", cls=PlainCommand, epilog=example("aspire questions show prep"))
@runs(question_sets.show)
def show(
    ctx: typer.Context,
    set_id: Annotated[str, typer.Argument(metavar="SET", help="The set's id: prep, talk, or one of yours.")],
) -> None:
    """Every question of a set, with its id, kind and guidance."""


@app.command("validate", cls=PlainCommand, epilog=example("aspire questions validate my-talk.toml"))
@runs(question_sets.validate)
def validate(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="A question set file (TOML).")],
) -> None:
    """Check a question set file: one line per problem, naming the question."""
