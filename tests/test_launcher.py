"""The launcher answers plain requests itself and leaves everything else to the Typer app; its
table of the interface is the Typer app's, generated from it and checked here."""

import inspect
import pprint

import pytest
import typer.main
from typer._click.core import Command
from typer._click.types import IntParamType, IntRange, StringParamType
from typer.core import TyperArgument, TyperGroup, TyperOption

from aspire_cli.cli.app import app
from aspire_cli.cli.launcher import GRAMMAR, function_name, parse_request
from aspire_cli.commands import dispatch as commands


def _kind(option: TyperOption) -> str:
    """How the launcher reads the option (see launcher.GRAMMAR)."""
    if option.is_eager or option.callback is not None or option.multiple or option.nargs != 1:
        return "typer"
    if option.is_flag:
        return "flag"
    if type(option.type) is IntParamType:
        return "int"
    if isinstance(option.type, IntRange):
        plain = option.type.min in (None, 0) and option.type.max is None and not option.type.min_open
        return "int" if plain and not option.type.clamp else "typer"
    return "str" if type(option.type) is StringParamType else "typer"


def _entry(command: Command):
    options, arguments = {}, []
    for param in command.params:
        if isinstance(param, TyperOption):
            for name in [*param.opts, *param.secondary_opts]:
                options[name] = (param.name, _kind(param))
        else:
            assert isinstance(param, TyperArgument) and param.nargs == 1, (
                "the launcher reads one word per argument"
            )
            arguments.append((param.name, param.required))
    defaults = {param.name: param.default for param in command.params}
    return (dict(sorted(options.items())), tuple(arguments), dict(sorted(defaults.items())))


def grammar_of_the_typer_app():
    """launcher.GRAMMAR as it must be: every command of the Typer app, its options and arguments."""
    root = typer.main.get_command(app)
    grammar = {"": _entry(root)}

    def walk(group: TyperGroup, path: str) -> None:
        for name, command in group.commands.items():
            if isinstance(command, TyperGroup):
                assert not command.params, "the launcher reads no options between a group and its command"
                walk(command, f"{path}{name} ")
            else:
                grammar[f"{path}{name}"] = _entry(command)

    walk(root, "")
    return dict(sorted(grammar.items()))


def test_the_launchers_table_is_the_typer_apps():
    expected = grammar_of_the_typer_app()
    assert expected == GRAMMAR, (
        "launcher.GRAMMAR differs from the Typer app; paste this in its place:\n"
        + pprint.pformat(expected, width=110, sort_dicts=False)
    )


def test_the_launchers_default_commands_are_the_typer_apps():
    """`aspire actions alice` runs `actions list` on both paths."""
    from aspire_cli.cli.launcher import DEFAULT_COMMANDS

    root = typer.main.get_command(app)
    defaults = {
        name: group.default_command
        for name, group in root.commands.items()
        if isinstance(group, TyperGroup) and hasattr(group, "default_command")
    }
    assert defaults == DEFAULT_COMMANDS
    request = parse_request(["actions", "alice", "--all"])
    assert request is not None and request.command == "actions list"
    assert request.params["employee"] == "alice" and request.params["show_all"] is True


@pytest.mark.parametrize("command", [name for name in GRAMMAR if name])
def test_each_command_calls_the_same_function_on_both_paths(command):
    """The launcher calls commands.<name>(home, **parameters); so does the Typer app's command."""
    function = getattr(commands, function_name(command))
    defaults = GRAMMAR[command][2]
    assert list(inspect.signature(function).parameters) == ["home", *_typer_parameters(command)]
    assert set(defaults) == set(_typer_parameters(command))


def _typer_parameters(command: str) -> list[str]:
    found = typer.main.get_command(app)
    for word in command.split():
        found = found.commands[word]
    return [param.name for param in found.params]


@pytest.mark.parametrize(
    ("args", "command", "home", "given"),
    [
        (["due"], "due", None, {}),
        (
            ["--home", "/h", "due", "--json", "--as-of=2026-01-01"],
            "due",
            "/h",
            {"as_json": True, "as_of": "2026-01-01"},
        ),
        (["due", "--within", "7", "--brief"], "due", None, {"within": 7, "brief": True}),
        (["team", "list"], "team list", None, {}),
        (["talk"], "talk", None, {}),
        (
            ["talk", "alice", "--date", "2026-02-30"],
            "talk",
            None,
            {"date_": "2026-02-30", "employee": "alice"},
        ),
        (["--home=/h", "prep", "--fresh", "bob"], "prep", "/h", {"fresh": True, "employee": "bob"}),
        (["talk", "alice", "--answers", "-"], "talk", None, {"answers": "-", "employee": "alice"}),
        (["drafts"], "drafts", None, {}),
        (["team", "add", "x", "--cadence", "6"], "team add", None, {"employee": "x", "cadence": 6}),
        (["team", "edit", "x", "--name="], "team edit", None, {"employee": "x", "name": ""}),
        (["team", "remove", "x"], "team remove", None, {"employee": "x"}),
        (["--home=", "due", "--json", "--brief"], "due", "", {"as_json": True, "brief": True}),
    ],
)
def test_plain_requests_are_answered_without_typer(args, command, home, given):
    request = parse_request(args)
    assert request is not None
    assert (request.command, request.home) == (command, home)
    assert request.params == {**GRAMMAR[command][2], **given}


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
        ["due", "--within", "-1"],
        ["due", "--within"],
        ["due", "--json=yes"],
        ["due", "--json", "--json"],
        ["due", "--", "x"],
        ["due", "extra"],
        ["due", "--bogus"],
        ["prep"],
        ["talk", "a", "b"],
        ["talk", "--date", "--fresh"],
        ["team"],
        ["team", "add"],
        ["team", "add", "x", "--cadence", "twelve"],
        ["team", "list", "-h"],
        ["team", "lst"],
        ["--home"],
        ["--home", "/h", "--home", "/i", "due"],
        ["--version"],
        ["due", "--home", "/h"],
        ["talk", "--date"],
    ],
)
def test_everything_else_goes_to_the_typer_app(args):
    assert parse_request(args) is None
