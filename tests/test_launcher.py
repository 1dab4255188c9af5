"""The launcher answers plain requests itself and leaves everything else to the Typer app."""

import pytest

from aspire_cli.launcher import parse_request


@pytest.mark.parametrize(
    ("args", "command", "options", "employee"),
    [
        (["due"], "due", {}, None),
        (
            ["--home", "/h", "due", "--json", "--as-of=2026-01-01"],
            "due",
            {"--json": True, "--as-of": "2026-01-01"},
            None,
        ),
        (["due", "--within", "7", "--brief"], "due", {"--within": "7", "--brief": True}, None),
        (["team", "list"], "team list", {}, None),
        (["talk"], "talk", {}, None),
        (["talk", "alice", "--date", "2026-02-30"], "talk", {"--date": "2026-02-30"}, "alice"),
        (["--home=/h", "prep", "--fresh", "bob"], "prep", {"--fresh": True}, "bob"),
    ],
)
def test_plain_requests_are_answered_without_typer(args, command, options, employee):
    request = parse_request(args)
    assert request is not None
    assert (request.command, request.options, request.employee) == (command, options, employee)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-h"],
        ["--version"],
        ["due", "--help"],
        ["due", "-h"],
        ["due", "--within", "soon"],
        ["due", "--within"],
        ["due", "extra"],
        ["due", "--bogus"],
        ["prep"],
        ["talk", "a", "b"],
        ["talk", "alice", "--answers", "x.toml"],
        ["team"],
        ["team", "add", "x"],
        ["team", "list", "-h"],
        ["drafts"],
        ["--home"],
        ["talk", "--date"],
        ["due", "--json", "--brief"],
        ["due", "--brief", "--within", "3", "--json"],
    ],
)
def test_everything_else_goes_to_the_typer_app(args):
    assert parse_request(args) is None
