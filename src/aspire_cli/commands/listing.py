"""`aspire due` and `aspire drafts`: what is due, and what is unfinished. Both run on the
launcher's fast path: nothing heavy is imported before it is needed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.commands.command_line import Home
    from aspire_cli.storage.settings import Settings


def due(
    home: Home,
    as_of: date | None,
    within: int | None,
    as_json: bool,
    brief: bool,
    ics: str | None,
    prep_days: int | None,
) -> int:
    from datetime import date

    from aspire_cli.views.listings import run_due

    if as_json and brief:
        raise usage_mistake("--json and --brief do not go together: pick one", "due")
    if ics is not None:
        _check_ics(ics, within, as_json, brief, prep_days)
    elif prep_days is not None:
        raise usage_mistake("--prep-days goes with --ics: e.g. aspire due --ics due.ics --prep-days 7", "due")
    found = _settings(home, quiet=brief)  # --brief: one line on stderr, exit 0, whatever is wrong
    if found is None:
        return 0
    day = as_of or date.today()
    if ics is not None:
        from datetime import UTC, datetime

        from aspire_cli.views.calendar import run_ics

        return run_ics(home.store, day, ics, date.today(), datetime.now(UTC), prep_days)
    window = found.due_soon_days.value if within is None else within
    retention = found.retention_years.value
    return run_due(home.store, day, window, as_json=as_json, brief_line=brief, retention_years=retention)


def _check_ics(ics: str, within: int | None, as_json: bool, brief: bool, prep_days: int | None) -> None:
    if not ics:
        raise usage_mistake("--ics is empty: give a file name, e.g. --ics due.ics, or - for stdout", "due")
    other = "--json" if as_json else "--brief" if brief else None
    if other:
        raise usage_mistake(f"--ics and {other} do not go together: pick one", "due")
    if within is not None:
        raise usage_mistake("--within does nothing with --ics: every member gets an event", "due")
    if prep_days is not None and prep_days < 1:
        raise usage_mistake(
            f"--prep-days {prep_days}: give the days before each discussion, 1 or more", "due"
        )


def _settings(home: Home, *, quiet: bool) -> Settings | None:
    """The settings in force. With `quiet` (for --brief, which runs in every new shell and must not
    fail it), a broken config.toml or variable is one line on stderr and None; a bad --home is not."""
    from aspire_cli.errors import AspireError

    home.resolve()  # a bad --home is never quiet
    try:
        return home.settings
    except AspireError as exc:
        if not quiet:
            raise
        import sys

        from aspire_cli.safe_text import one_line

        print(f"aspire: {one_line(exc.message)}", file=sys.stderr)
        return None


def drafts(home: Home, as_json: bool) -> int:
    from aspire_cli.views.listings import run_drafts

    return run_drafts(home.store, as_json=as_json)
