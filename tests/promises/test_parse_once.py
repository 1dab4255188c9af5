"""Parse once at the edge: the employee id and a --date typed on the command line are checked once,
by the command line, on the launcher's path as on the Typer app's, and handed down as typed values
that nothing below checks again (a file read is still validated as it is read)."""

import sys
import traceback
from datetime import date

import pytest
import typer.main
from support.answers import TALK_ANSWERS

from aspire_cli.cli.app import app
from aspire_cli.cli.launcher import parse_request, run
from aspire_cli.domain import ids
from aspire_cli.domain.ids import EmployeeId, RecordDay, check_employee_id


@pytest.fixture
def checks(monkeypatch):
    """Every check of an id or a day made while the test runs, but those of a file being read."""
    made = []

    def counted(name):
        original = getattr(ids, name)

        def check(text, *rest):
            reading = {"model_validate", "plain_team"}  # a file's ids, checked as the file is read
            if not any(frame.name in reading for frame in traceback.extract_stack()):
                made.append((name, text))
            return original(text, *rest)

        for module in list(sys.modules.values()):  # and where it was imported by name
            if module.__name__.startswith("aspire_cli") and getattr(module, name, None) is original:
                monkeypatch.setattr(module, name, check)

    counted("is_employee_id")
    counted("parse_day")
    return made


def test_an_id_and_a_date_typed_are_checked_once_on_the_typer_apps_path(aspire, tmp_path, checks):
    assert aspire("team", "add", "alice").exit_code == 0
    answers = tmp_path / "talk.toml"
    answers.write_text(TALK_ANSWERS, encoding="utf-8")
    checks.clear()
    result = aspire("talk", "alice", "--date", "2026-01-05", "--answers", str(answers))
    assert result.exit_code == 0, result.stderr
    assert sorted(checks) == [("is_employee_id", "alice"), ("parse_day", "2026-01-05")]


def test_an_id_and_a_date_typed_are_checked_once_on_the_launchers_path(aspire, tmp_path, checks):
    assert aspire("team", "add", "alice").exit_code == 0
    answers = tmp_path / "talk.toml"
    answers.write_text(TALK_ANSWERS, encoding="utf-8")
    checks.clear()
    request = parse_request(["talk", "alice", "--date", "2026-01-05", "--answers", str(answers)])
    assert request is not None and run(request) == 0
    assert sorted(checks) == [("is_employee_id", "alice"), ("parse_day", "2026-01-05")]
    checks.clear()
    request = parse_request(["actions", "done", "alice", "1", "--date", "2026-01-06"])
    assert request is not None and run(request) == 0
    assert sorted(checks) == [("is_employee_id", "alice"), ("parse_day", "2026-01-06")]


@pytest.mark.parametrize(
    ("args", "typed"),
    [
        (["actions", "done", "alice", "2", "--date", "2026-02-28"], {"date_": date(2026, 2, 28)}),
        (
            ["show", "alice", "--date", "2026-02-28-2"],
            {"date_": RecordDay(date(2026, 2, 28), 2, "2026-02-28-2")},
        ),
        (["report", "--as-of", "2026-02-28"], {"as_of": date(2026, 2, 28)}),
        (["export", "--since", "2026-02-28"], {"since": date(2026, 2, 28)}),
    ],
)
def test_both_paths_hand_the_command_the_same_typed_values(args, typed):
    request = parse_request(args)
    assert request is not None
    command = typer.main.get_command(app)
    words = list(args)
    while words[0] in getattr(command, "commands", {}):
        command = command.commands[words.pop(0)]
    params = command.make_context(args[0], words).params
    assert params == request.params
    assert {name: params[name] for name in typed} == typed
    if "employee" in params:
        assert type(params["employee"]) is type(request.params["employee"]) is EmployeeId


def test_an_id_already_checked_is_trusted():
    checked = check_employee_id("alice")
    assert type(checked) is EmployeeId and check_employee_id(checked) is checked
