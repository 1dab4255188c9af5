"""`aspire report`, `aspire export`, `aspire share` and `aspire invite`: the team, every talk, one
employee's summary, and their invitation, written to the screen or to files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId


def report(home: Home, as_of: date | None, format_: str, out: str | None) -> int:
    from datetime import date

    from aspire_cli.commands.report import run_report

    home.resolve()
    _format(format_, ("table", "md", "csv", "json", "html"), "report")
    today = date.today()
    return run_report(home.store, home.settings, as_of or today, format_, out, today)


def export(
    home: Home,
    format_: str | None,
    out: str | None,
    include_prep: bool,
    since: date | None,
    person: EmployeeId | None,
) -> int:
    home.resolve()
    if person is not None:
        return _export_person(home, person, format_, out, include_prep, since)
    from aspire_cli.commands.export import run_export

    _format(format_ or "csv", ("csv", "json"), "export")
    return run_export(home.store, format_ or "csv", out, include_prep, since)


def _export_person(
    home: Home,
    person: EmployeeId,
    format_: str | None,
    out: str | None,
    include_prep: bool,
    since: date | None,
) -> int:
    """--person: one JSON document, everything held; the options that choose part of it refused."""
    from datetime import UTC, datetime

    from aspire_cli.commands.export_person import run_export_person

    if format_ not in (None, "json"):
        raise usage_mistake(f"--person writes JSON only: leave out --format {format_}", "export")
    for given, option in ((include_prep, "--include-prep"), (since is not None, "--since")):
        if given:
            raise usage_mistake(
                f"--person exports everything held, prep notes and all: leave out {option}", "export"
            )
    return run_export_person(home.store, person, out, datetime.now(UTC).replace(microsecond=0))


def share(home: Home, employee: EmployeeId, out: str | None, format_: str) -> int:
    from aspire_cli.commands.share import run_share

    home.resolve()
    _format(format_, ("md", "html"), "share")
    return run_share(home.store, home.settings.leader.value, employee, out, format_)


def invite(home: Home, employee: EmployeeId | None, out: str | None, due: bool, within: int | None) -> int:
    from datetime import date

    from aspire_cli.commands.invite import run_invite

    home.resolve()
    if within is not None and not due:
        raise usage_mistake("--within goes with --due", "invite")
    days = home.settings.due_soon_days.value if within is None else within
    return run_invite(home.store, home.settings.leader.value, employee, out, due, days, date.today())


def _format(given: str, known: tuple[str, ...], command: str) -> None:
    if given not in known:
        raise usage_mistake(f"--format '{given}': must be one of {', '.join(known)}", command)
