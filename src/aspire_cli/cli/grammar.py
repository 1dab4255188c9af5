"""The launcher's table of aspire's interface, generated from the Typer app: tests/unit/test_launcher.py
fails whenever the two differ (and `python tests/unit/test_launcher.py` writes GRAMMAR here again), so
an option declared in the app cannot be missed here. Do not edit GRAMMAR by hand.

Each command: the function it runs (the very one its Typer declaration runs, see cli/params.runs),
its options {name: (parameter, kind)}, its arguments ((parameter, required, kind), ...) and the
defaults of its parameters. kind: "flag"; "str"; "strs" (text, the option repeated for each value:
their list); "int" (a whole number >= 0, as typed digits); a
function of cli/values.py, the parameter's parser (the same as the Typer app's); "typer" (left to
the Typer app: an eager option, one with a callback, a type or range the launcher does not read).
"" is the app itself, whose options come before the command.

Loaded on every run of the launcher: the modules of `commands` import nothing heavy at the top.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from aspire_cli.cli import values
from aspire_cli.commands import (
    archives,
    discussions,
    documents,
    follow_ups,
    listing,
    question_sets,
    records,
    settings,
    syncing,
    team,
)

Kind = str | Callable[[str], object]


class Command(NamedTuple):
    runs: Callable[..., int] | None  # None for "", the app itself
    options: dict[str, tuple[str, Kind]]
    arguments: tuple[tuple[str, bool, Kind], ...]
    defaults: dict[str, object]


GRAMMAR: dict[str, Command] = {
    "": Command(
        None,
        {
            "--home": ("home", "str"),
            "--install-completion": ("install_completion", "typer"),
            "--show-completion": ("show_completion", "typer"),
            "--version": ("version", "typer"),
        },
        (),
        {"home": None, "install_completion": None, "show_completion": None, "version": False},
    ),
    "actions done": Command(
        follow_ups.done,
        {"--date": ("date_", values.day), "--note": ("note", "str")},
        (("employee", True, values.employee), ("number", True, "str")),
        {"date_": None, "employee": None, "note": None, "number": None},
    ),
    "actions drop": Command(
        follow_ups.drop,
        {"--date": ("date_", values.day), "--note": ("note", "str")},
        (("employee", True, values.employee), ("number", True, "str")),
        {"date_": None, "employee": None, "note": None, "number": None},
    ),
    "actions list": Command(
        follow_ups.list_actions,
        {"--all": ("show_all", "flag"), "--as-of": ("as_of", values.as_of), "--json": ("as_json", "flag")},
        (("employee", False, values.employee),),
        {"as_json": False, "as_of": None, "employee": None, "show_all": False},
    ),
    "actions reopen": Command(
        follow_ups.reopen,
        {"--date": ("date_", values.day)},
        (("employee", True, values.employee), ("number", True, "str")),
        {"date_": None, "employee": None, "number": None},
    ),
    "config set": Command(
        settings.set_, {}, (("key", True, "str"), ("value", True, "str")), {"key": None, "value": None}
    ),
    "config show": Command(settings.show, {"--json": ("as_json", "flag")}, (), {"as_json": False}),
    "config unset": Command(settings.unset, {}, (("key", True, "str"),), {"key": None}),
    "delete": Command(
        records.delete,
        {"--date": ("date_", values.record_day), "--kind": ("kind", "str"), "--yes": ("yes", "flag")},
        (("employee", True, values.employee),),
        {"date_": None, "employee": None, "kind": None, "yes": False},
    ),
    "drafts": Command(listing.drafts, {"--json": ("as_json", "flag")}, (), {"as_json": False}),
    "due": Command(
        listing.due,
        {
            "--as-of": ("as_of", values.as_of),
            "--brief": ("brief", "flag"),
            "--ics": ("ics", "str"),
            "--json": ("as_json", "flag"),
            "--prep-days": ("prep_days", "int"),
            "--within": ("within", "int"),
        },
        (),
        {"as_json": False, "as_of": None, "brief": False, "ics": None, "prep_days": None, "within": None},
    ),
    "edit": Command(
        records.edit,
        {"--date": ("date_", values.record_day), "--kind": ("kind", "str")},
        (("employee", True, values.employee),),
        {"date_": None, "employee": None, "kind": None},
    ),
    "export": Command(
        documents.export,
        {
            "--format": ("format_", "str"),
            "--include-prep": ("include_prep", "flag"),
            "--out": ("out", "str"),
            "--person": ("person", values.employee),
            "--since": ("since", values.since),
        },
        (),
        {"format_": None, "include_prep": False, "out": None, "person": None, "since": None},
    ),
    "forget": Command(
        records.forget,
        {"--before": ("before", values.before), "--expired": ("expired", "flag"), "--yes": ("yes", "flag")},
        (("employee", False, values.employee),),
        {"before": None, "employee": None, "expired": False, "yes": False},
    ),
    "handover": Command(
        archives.hand_over,
        {"--include-prep": ("include_prep", "flag"), "--out": ("out", "str"), "--to": ("to", "strs")},
        (("employee", True, values.employee),),
        {"employee": None, "include_prep": False, "out": None, "to": None},
    ),
    "history": Command(
        records.history,
        {"--json": ("as_json", "flag")},
        (("employee", True, values.employee),),
        {"as_json": False, "employee": None},
    ),
    "import": Command(
        archives.take_in,
        {"--identity": ("identity", "str")},
        (("file", True, "str"),),
        {"file": None, "identity": None},
    ),
    "invite": Command(
        documents.invite,
        {"--due": ("due", "flag"), "--out": ("out", "str"), "--within": ("within", "int")},
        (("employee", False, values.employee),),
        {"due": False, "employee": None, "out": None, "within": None},
    ),
    "prep": Command(
        discussions.prep,
        {
            "--again": ("again", "flag"),
            "--answers": ("answers", "str"),
            "--date": ("date_", values.day),
            "--fresh": ("fresh", "flag"),
            "--questions": ("questions", "str"),
        },
        (("employee", True, values.employee),),
        {"again": False, "answers": None, "date_": None, "employee": None, "fresh": False, "questions": None},
    ),
    "questions list": Command(question_sets.list_sets, {}, (), {}),
    "questions show": Command(question_sets.show, {}, (("set_id", True, "str"),), {"set_id": None}),
    "questions validate": Command(question_sets.validate, {}, (("file", True, "str"),), {"file": None}),
    "report": Command(
        documents.report,
        {"--as-of": ("as_of", values.as_of), "--format": ("format_", "str"), "--out": ("out", "str")},
        (),
        {"as_of": None, "format_": "table", "out": None},
    ),
    "restore": Command(
        records.restore,
        {"--date": ("date_", values.record_day), "--kind": ("kind", "str")},
        (("employee", True, values.employee),),
        {"date_": None, "employee": None, "kind": None},
    ),
    "share": Command(
        documents.share,
        {"--format": ("format_", "str"), "--out": ("out", "str")},
        (("employee", True, values.employee),),
        {"employee": None, "format_": "md", "out": None},
    ),
    "show": Command(
        records.show,
        {"--date": ("date_", values.record_day), "--kind": ("kind", "str")},
        (("employee", True, values.employee),),
        {"date_": None, "employee": None, "kind": None},
    ),
    "sync compact": Command(syncing.compact, {"--verbose": ("verbose", "flag")}, (), {"verbose": False}),
    "sync init": Command(
        syncing.init,
        {
            "--encrypt": ("encrypt", "flag"),
            "--identity": ("identity", "str"),
            "--recipient": ("recipient", "strs"),
            "--verbose": ("verbose", "flag"),
        },
        (("remote", False, "str"),),
        {"encrypt": False, "identity": None, "recipient": None, "remote": None, "verbose": False},
    ),
    "sync now": Command(syncing.now, {"--verbose": ("verbose", "flag")}, (), {"verbose": False}),
    "sync recipients": Command(
        syncing.recipients,
        {},
        (("action", False, "str"), ("key", False, "str")),
        {"action": "list", "key": None},
    ),
    "sync resolve": Command(
        syncing.resolve,
        {"--keep": ("keep", "str"), "--verbose": ("verbose", "flag")},
        (("employee", False, values.employee),),
        {"employee": None, "keep": None, "verbose": False},
    ),
    "sync status": Command(
        syncing.status,
        {"--json": ("as_json", "flag"), "--verbose": ("verbose", "flag")},
        (),
        {"as_json": False, "verbose": False},
    ),
    "talk": Command(
        discussions.talk,
        {
            "--again": ("again", "flag"),
            "--answers": ("answers", "str"),
            "--date": ("date_", values.day),
            "--fresh": ("fresh", "flag"),
            "--from": ("from_", "str"),
            "--hide-prep": ("hide_prep", "flag"),
            "--questions": ("questions", "str"),
        },
        (("employee", False, values.employee),),
        {
            "again": False,
            "answers": None,
            "date_": None,
            "employee": None,
            "fresh": False,
            "from_": None,
            "hide_prep": False,
            "questions": None,
        },
    ),
    "team add": Command(
        team.add,
        {"--cadence": ("cadence", "int"), "--name": ("name", "str")},
        (("employee", True, values.employee),),
        {"cadence": None, "employee": None, "name": None},
    ),
    "team edit": Command(
        team.edit,
        {"--cadence": ("cadence", "int"), "--name": ("name", "str")},
        (("employee", True, values.employee),),
        {"cadence": None, "employee": None, "name": None},
    ),
    "team list": Command(team.list_members, {"--json": ("as_json", "flag")}, (), {"as_json": False}),
    "team remove": Command(team.remove, {}, (("employee", True, values.employee),), {"employee": None}),
}

# A group's command run when none is named (usage.ListsUnlessToldOtherwise); checked by the test too.
DEFAULT_COMMANDS = {"actions": "list", "config": "show", "sync": "now"}

# Every EMPLOYEE argument completes from the roster (cli/params.py), but for someone who is not on
# it yet; tests/promises/test_completion.py checks this against the Typer app.
NEW_EMPLOYEE_COMMANDS = ("team add",)
