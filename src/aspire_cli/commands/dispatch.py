"""What each command does once its words are parsed: one function per command, called alike by the
Typer app (cli.py) and by the launcher's fast path (launcher.py), so that both run the same code.

Each function takes `home` (the raw --home, None when not given) and then the command's parameters,
named as the Typer app names them (tests/test_launcher.py checks that), and returns the exit code.
Nothing heavy is imported here at the top: a command imports what it needs when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aspire_cli.errors import BadInput

if TYPE_CHECKING:
    from pathlib import Path

    from aspire_cli.domain.models import Member
    from aspire_cli.storage.settings import Settings
    from aspire_cli.storage.store import Store


def usage_mistake(problem: str, command: str) -> BadInput:
    """A mistake in the command line, in the words of every other: what is wrong, and the help to read."""
    return BadInput(f"{problem}; see: aspire {command} --help")


def due(
    home: str | None, as_of: str | None, within: int | None, as_json: bool, brief: bool, ics: str | None
) -> int:
    from datetime import date

    from aspire_cli.domain.ids import parse_day
    from aspire_cli.views.listings import run_due

    if as_json and brief:
        raise usage_mistake("--json and --brief do not go together: pick one", "due")
    if ics is not None:
        _check_ics(ics, within, as_json, brief)
    found = _settings(home, quiet=brief)  # --brief: one line on stderr, exit 0, whatever is wrong
    if found is None:
        return 0
    day = parse_day(as_of, "--as-of") if as_of is not None else date.today()
    store = _store(found.home.value)
    if ics is not None:
        from datetime import UTC, datetime

        from aspire_cli.views.calendar import run_ics

        return run_ics(store, day, ics, date.today(), datetime.now(UTC))
    window = found.due_soon_days.value if within is None else within
    return run_due(store, day, window, as_json=as_json, brief_line=brief)


def _check_ics(ics: str, within: int | None, as_json: bool, brief: bool) -> None:
    if not ics:
        raise usage_mistake("--ics is empty: give a file name, e.g. --ics due.ics, or - for stdout", "due")
    other = "--json" if as_json else "--brief" if brief else None
    if other:
        raise usage_mistake(f"--ics and {other} do not go together: pick one", "due")
    if within is not None:
        raise usage_mistake("--within does nothing with --ics: every member gets an event", "due")


def _settings(home: str | None, *, quiet: bool = False) -> Settings | None:
    """The settings in force. With `quiet` (for --brief, which runs in every new shell and must not
    fail it), a broken config.toml or variable is one line on stderr and None; a bad --home is not."""
    import os

    from aspire_cli.errors import AspireError
    from aspire_cli.storage.settings import home_setting, settings_at

    where = home_setting(home, os.environ)
    try:
        return settings_at(where, os.environ)
    except AspireError as exc:
        if not quiet:
            raise
        import sys

        from aspire_cli.safe_text import one_line

        print(f"aspire: {one_line(exc.message)}", file=sys.stderr)
        return None


def _settings_in_force(home: str | None) -> Settings:
    found = _settings(home)
    assert found is not None  # raised instead
    return found


def config(home: str | None, as_json: bool) -> int:
    from aspire_cli.views.settings import run_config

    return run_config(_settings_in_force(home), as_json=as_json)


def drafts(home: str | None) -> int:
    from aspire_cli.views.listings import run_drafts

    return run_drafts(_store(_home(home)))


def team_list(home: str | None) -> int:
    from aspire_cli.views.listings import run_team_list

    return run_team_list(_store(_home(home)))


def team_add(home: str | None, employee: str, name: str | None, cadence: int | None) -> int:
    from datetime import date

    from aspire_cli.storage.roster import add_member

    if cadence is not None:
        _check_cadence(cadence, "team add")
    found = _settings_in_force(home)
    months = found.cadence_months.value if cadence is None else cadence
    member = add_member(_store(found.home.value), employee, name or "", months, date.today())
    print(f"Added {employee}{f' ({member.name})' if member.name else ''}: discussions {_every(member)}.")
    return 0


def team_edit(home: str | None, employee: str, name: str | None, cadence: int | None) -> int:
    from aspire_cli.storage.roster import edit_member

    where = _home(home)
    if cadence is not None:
        _check_cadence(cadence, "team edit")
    if name is None and cadence is None:
        raise usage_mistake("say what to change: --name NAME, --cadence MONTHS or both", "team edit")
    before, after = edit_member(_store(where), employee, name, cadence)
    print(f"{employee}: {_changes(before, after)}.")
    return 0


def team_remove(home: str | None, employee: str) -> int:
    from aspire_cli.safe_text import one_line
    from aspire_cli.storage.roster import remove_member

    store = _store(_home(home))
    remove_member(store, employee)
    folder = store.records_dir(employee)
    kept = f"their records stay in {folder}" if store.list_records(employee) else "they had no records"
    print(one_line(f"Removed {employee} from your team; {kept}."))
    return 0


def prep(
    home: str | None,
    employee: str,
    date_: str | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
) -> int:
    return _discussion(home, "prep", employee, date_, answers, fresh, questions)


def talk(
    home: str | None,
    employee: str | None,
    date_: str | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
) -> int:
    return _discussion(home, "talk", employee, date_, answers, fresh, questions)


def _discussion(
    home: str | None,
    kind: str,
    employee: str | None,
    day: str | None,
    answers: str | None,
    fresh: bool,
    questions: str | None,
) -> int:
    from aspire_cli.interview.session import run_discussion

    run_discussion(_store(_home(home)), kind, employee, day, answers, fresh, questions)
    return 0


def questions_list(home: str | None) -> int:
    from aspire_cli.commands.questions import run_list

    return run_list(_store(_home(home)))


def questions_show(home: str | None, set_id: str) -> int:
    from aspire_cli.commands.questions import run_show

    return run_show(_store(_home(home)), set_id)


def questions_validate(home: str | None, file: str) -> int:
    from aspire_cli.commands.questions import run_validate

    return run_validate(_store(_home(home)), file)


def _home(home: str | None) -> Path:
    from aspire_cli.storage.paths import resolve_home

    return resolve_home(home)


def _store(where: Path) -> Store:
    from aspire_cli.storage.store import open_store

    return open_store(where)


def _check_cadence(months: int, command: str) -> None:
    """1-60 months: checked here, in aspire's words, rather than by a range on the option (whose
    words would be Click's, and only on the Typer path)."""
    from aspire_cli.storage.roster import check_cadence

    try:
        check_cadence(months)
    except BadInput as exc:
        raise usage_mistake(exc.message, command) from None


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


def show(home: str | None, employee: str, date_: str | None, kind: str | None) -> int:
    from aspire_cli.views.show import run_show

    where = _home(home)
    return run_show(_store(where), employee, date_, _kind(kind, "show"))


def history(home: str | None, employee: str, as_json: bool) -> int:
    from datetime import date

    from aspire_cli.commands.history import run_history

    return run_history(_store(_home(home)), employee, as_json, date.today())


def edit(home: str | None, employee: str, date_: str | None, kind: str | None) -> int:
    from aspire_cli.commands.edit import run_edit

    where = _home(home)
    return run_edit(_store(where), employee, date_, _kind(kind, "edit"))


def actions_list(
    home: str | None, employee: str | None, show_all: bool, as_json: bool, as_of: str | None
) -> int:
    from datetime import date

    from aspire_cli.commands.actions import run_actions
    from aspire_cli.domain.ids import parse_day

    where = _home(home)
    day = parse_day(as_of, "--as-of") if as_of is not None else date.today()
    return run_actions(_store(where), employee, show_all=show_all, as_json=as_json, today=day)


def actions_done(home: str | None, employee: str, number: str, date_: str | None, note: str | None) -> int:
    return _follow_up(home, employee, number, "done", date_, note)


def actions_drop(home: str | None, employee: str, number: str, note: str | None) -> int:
    return _follow_up(home, employee, number, "dropped", None, note)


def actions_reopen(home: str | None, employee: str, number: str) -> int:
    return _follow_up(home, employee, number, "open", None, None)


def _follow_up(
    home: str | None, employee: str, number: str, status: str, day: str | None, note: str | None
) -> int:
    from datetime import date

    from aspire_cli.commands.actions import record_follow_up

    where = _home(home)
    verb = {"done": "done", "dropped": "drop", "open": "reopen"}[status]
    if not (number.isascii() and number.isdigit() and int(number) > 0):
        raise usage_mistake(f"NUMBER '{number}' is not an action number (1, 2, 3...)", f"actions {verb}")
    return record_follow_up(_store(where), employee, int(number), status, day, note, date.today())


def _kind(kind: str | None, command: str) -> str | None:
    if kind is not None and kind not in ("prep", "talk"):
        raise usage_mistake(f"--kind '{kind}': must be prep or talk", command)
    return kind


def report(home: str | None, as_of: str | None, format_: str, out: str | None) -> int:
    from datetime import date

    from aspire_cli.commands.report import run_report
    from aspire_cli.domain.ids import parse_day

    where = _home(home)
    _format(format_, ("table", "md", "csv", "json", "html"), "report")
    today = date.today()
    day = parse_day(as_of, "--as-of") if as_of is not None else today
    return run_report(_store(where), day, format_, out, today)


def export(home: str | None, format_: str, out: str | None, include_prep: bool, since: str | None) -> int:
    from aspire_cli.commands.export import run_export
    from aspire_cli.domain.ids import parse_day

    where = _home(home)
    _format(format_, ("csv", "json"), "export")
    day = parse_day(since, "--since") if since is not None else None
    return run_export(_store(where), format_, out, include_prep, day)


def share(home: str | None, employee: str, out: str | None, format_: str) -> int:
    from aspire_cli.commands.share import run_share

    where = _home(home)
    _format(format_, ("md", "html"), "share")
    return run_share(_store(where), employee, out, format_)


def handover(home: str | None, employee: str, out: str, include_prep: bool) -> int:
    from aspire_cli.commands.handover import run_handover

    return run_handover(_store(_home(home)), employee, out, include_prep)


def import_(home: str | None, file: str) -> int:
    from aspire_cli.commands.handover import run_import

    return run_import(_store(_home(home)), file)


def sync_init(home: str | None, remote: str | None) -> int:
    from aspire_cli.commands.sync import run_init

    return run_init(_store(_home(home)), remote)


def sync_now(home: str | None) -> int:
    from aspire_cli.commands.sync import run_sync

    return run_sync(_store(_home(home)))


def sync_status(home: str | None) -> int:
    from aspire_cli.commands.sync import run_status

    return run_status(_store(_home(home)))


def _format(given: str, known: tuple[str, ...], command: str) -> None:
    if given not in known:
        raise usage_mistake(f"--format '{given}': must be one of {', '.join(known)}", command)
