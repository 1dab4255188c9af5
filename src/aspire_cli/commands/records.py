"""`aspire show`, `aspire history`, `aspire edit`, `aspire delete` and `aspire restore`: one record, every
record, a record corrected, taken away, brought back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.commands.command_line import usage_mistake

if TYPE_CHECKING:
    from datetime import date

    from aspire_cli.commands.command_line import Home
    from aspire_cli.domain.ids import EmployeeId, RecordDay


def show(home: Home, employee: EmployeeId, date_: RecordDay | None, kind: str | None) -> int:
    from aspire_cli.views.show import run_show

    return run_show(home.store, employee, date_, _kind(kind, "show"))


def history(home: Home, employee: EmployeeId, as_json: bool) -> int:
    from datetime import date

    from aspire_cli.commands.history import run_history

    return run_history(home.store, employee, as_json, date.today())


def edit(home: Home, employee: EmployeeId, date_: RecordDay | None, kind: str | None) -> int:
    from aspire_cli.commands.edit import run_edit

    return run_edit(home.store, employee, date_, _kind(kind, "edit"))


def delete(home: Home, employee: EmployeeId, date_: RecordDay | None, kind: str | None, yes: bool) -> int:
    from aspire_cli.commands.delete import run_delete

    return run_delete(home.store, employee, date_, _kind(kind, "delete"), yes)


def restore(home: Home, employee: EmployeeId, date_: RecordDay | None, kind: str | None) -> int:
    from aspire_cli.commands.restore import run_restore

    return run_restore(home.store, employee, date_, _kind(kind, "restore"))


def _kind(kind: str | None, command: str) -> str | None:
    if kind is not None and kind not in ("prep", "talk"):
        raise usage_mistake(f"--kind '{kind}': must be prep or talk", command)
    return kind


def forget(home: Home, employee: EmployeeId | None, before: date | None, expired: bool, yes: bool) -> int:
    from datetime import date

    from aspire_cli.commands.forget import run_forget

    home.resolve()
    settings = lambda: home.settings  # noqa: E731 (read only when the command needs them)
    return run_forget(home.store, employee, before, expired, yes, settings, date.today())
