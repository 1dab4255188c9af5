"""`aspire config [show] | set KEY VALUE | unset KEY`, as the Typer app declares them."""

from __future__ import annotations

from typing import Annotated

import typer

from aspire_cli.cli.params import JsonOpt, PlainCommand, example, runs
from aspire_cli.cli.usage import ShowsUnlessToldOtherwise
from aspire_cli.commands import settings

app = typer.Typer(
    cls=ShowsUnlessToldOtherwise,
    help="Your settings, where each comes from, and changing one (the default: show them).",
    epilog=example("aspire config set cadence_months 6"),
    rich_markup_mode=None,
)


def _keys(incomplete: str) -> list[str]:
    from aspire_cli.storage.settings import KEYS

    return [key for key in KEYS if key.startswith(incomplete)]


KeyArg = Annotated[
    str,
    typer.Argument(
        metavar="KEY",
        help="leader, cadence_months, due_soon_days, prep_notes, identity or retention_years.",
        autocompletion=_keys,
        show_default=False,
    ),
]


@app.command("show", cls=PlainCommand, epilog=example("aspire config --json"))
@runs(settings.show)
def show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your settings, and where each comes from (this is what `aspire config` runs).

    leader, cadence_months, due_soon_days, prep_notes, identity and retention_years are read from
    <home>/config.toml, then from ASPIRE_LEADER, ASPIRE_CADENCE, ASPIRE_DUE_SOON, ASPIRE_PREP_NOTES,
    ASPIRE_IDENTITY and ASPIRE_RETENTION_YEARS, which win; home from --home, ASPIRE_HOME or your
    user data folder.
    """


@app.command("set", cls=PlainCommand, epilog=example('aspire config set leader "Dana Lee"'))
@runs(settings.set_)
def set_(
    ctx: typer.Context,
    key: KeyArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="Its value, checked as config.toml is.")],
) -> None:
    """Set one setting in <home>/config.toml (its other lines and comments are kept)."""


@app.command("unset", cls=PlainCommand, epilog=example("aspire config unset due_soon_days"))
@runs(settings.unset)
def unset(ctx: typer.Context, key: KeyArg) -> None:
    """Remove one setting from <home>/config.toml: its default applies again."""
