"""`aspire report`, `aspire export` and `aspire share`: the team, every talk, and one employee's
summary, written to the screen or a file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home


def report(home: Home, as_of: str | None, format_: str, out: str | None) -> int:
    from datetime import date

    from aspire_cli.commands.report import run_report
    from aspire_cli.domain.ids import parse_day

    home.resolve()
    _format(format_, ("table", "md", "csv", "json", "html"), "report")
    today = date.today()
    day = parse_day(as_of, "--as-of") if as_of is not None else today
    return run_report(home.store, day, format_, out, today)


def export(home: Home, format_: str, out: str | None, include_prep: bool, since: str | None) -> int:
    from aspire_cli.commands.export import run_export
    from aspire_cli.domain.ids import parse_day

    home.resolve()
    _format(format_, ("csv", "json"), "export")
    day = parse_day(since, "--since") if since is not None else None
    return run_export(home.store, format_, out, include_prep, day)


def share(home: Home, employee: str, out: str | None, format_: str) -> int:
    from aspire_cli.commands.share import run_share

    home.resolve()
    _format(format_, ("md", "html"), "share")
    return run_share(home.store, employee, out, format_)


def _format(given: str, known: tuple[str, ...], command: str) -> None:
    if given not in known:
        raise usage_mistake(f"--format '{given}': must be one of {', '.join(known)}", command)
