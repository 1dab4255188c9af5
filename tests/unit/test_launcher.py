"""The launcher answers plain requests itself and leaves everything else to the Typer app; its
table of the interface is the Typer app's, generated from it and checked here."""

import inspect
import pprint
import sys
from datetime import date
from pathlib import Path

import pytest
import typer.main
from typer._click.core import Command as ClickCommand
from typer._click.types import FuncParamType, IntParamType, IntRange, StringParamType
from typer.core import TyperArgument, TyperGroup, TyperOption

from aspire_cli.cli.app import app
from aspire_cli.cli.grammar import GRAMMAR, Command
from aspire_cli.cli.launcher import parse_request
from aspire_cli.domain.ids import EmployeeId


def _kind(option: TyperOption):
    """How the launcher reads the option (see cli/grammar.py)."""
    if option.is_eager or option.callback is not None or option.nargs != 1:
        return "typer"
    if option.multiple:  # --to KEY --to KEY: their list, when each is plain text
        return "strs" if type(option.type) is StringParamType else "typer"
    return "flag" if option.is_flag else _value_kind(option)


def _value_kind(param):
    """How the launcher reads a value: "str", "int", the parameter's own parser, or "typer"."""
    if isinstance(param.type, FuncParamType):
        return param.type.func  # typer.Option(parser=...): one of cli/values.py
    if type(param.type) is IntParamType:
        return "int"
    if isinstance(param.type, IntRange):
        plain = param.type.min in (None, 0) and param.type.max is None and not param.type.min_open
        return "int" if plain and not param.type.clamp else "typer"
    return "str" if type(param.type) is StringParamType else "typer"


def _entry(command: ClickCommand) -> Command:
    options, arguments = {}, []
    for param in command.params:
        if isinstance(param, TyperOption):
            for name in [*param.opts, *param.secondary_opts]:
                options[name] = (param.name, _kind(param))
        else:
            assert isinstance(param, TyperArgument) and param.nargs == 1, (
                "the launcher reads one word per argument"
            )
            kind = _value_kind(param)
            assert kind == "str" or callable(kind), "the launcher reads an argument as text, or parses it"
            arguments.append((param.name, param.required, kind))
    defaults = {param.name: param.default for param in command.params}
    runs = getattr(command.callback, "runs", None)  # cli.params.runs: the function the command runs
    return Command(runs, dict(sorted(options.items())), tuple(arguments), dict(sorted(defaults.items())))


def grammar_of_the_typer_app() -> dict[str, Command]:
    """cli/grammar.py's GRAMMAR as it must be: every command of the Typer app, the function it runs,
    its options and arguments."""
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


class _Named:
    """A function as the grammar's source names it: `team.add`, `values.day` (its module is imported
    there)."""

    def __init__(self, function) -> None:
        self.function = function

    def __repr__(self) -> str:
        return f"{self.function.__module__.rpartition('.')[2]}.{self.function.__name__}"


def grammar_source(grammar: dict[str, Command]) -> str:
    """The GRAMMAR assignment to paste into cli/grammar.py (then `ruff format` it)."""

    def name(kind):
        return _Named(kind) if callable(kind) else kind

    named = {
        command: (
            name(entry.runs),
            {option: (param, name(kind)) for option, (param, kind) in entry.options.items()},
            tuple((param, required, name(kind)) for param, required, kind in entry.arguments),
            entry.defaults,
        )
        for command, entry in grammar.items()
    }
    text = pprint.pformat(named, width=110, sort_dicts=False)
    for command in grammar:
        text = text.replace(f"{command!r}: (", f"{command!r}: Command(", 1)
    return f"GRAMMAR: dict[str, Command] = {text}\n"


def test_the_launchers_table_is_the_typer_apps():
    expected = grammar_of_the_typer_app()
    assert expected == GRAMMAR, (
        "cli/grammar.py's GRAMMAR differs from the Typer app; paste this in its place "
        "(or run: python tests/unit/test_launcher.py):\n" + grammar_source(expected)
    )


def test_each_command_runs_one_function_with_the_parameters_the_typer_app_declares():
    """The launcher calls entry.runs(home, **parameters); so does the Typer app's command."""
    for command, entry in GRAMMAR.items():
        if not command:
            assert entry.runs is None
            continue
        assert entry.runs.__module__.startswith("aspire_cli.commands."), command
        assert list(inspect.signature(entry.runs).parameters) == ["home", *_typer_parameters(command)]
        assert set(entry.defaults) == set(_typer_parameters(command))


def test_the_launchers_default_commands_are_the_typer_apps():
    """`aspire actions alice` runs `actions list` on both paths."""
    from aspire_cli.cli.grammar import DEFAULT_COMMANDS

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
            {"as_json": True, "as_of": date(2026, 1, 1)},
        ),
        (["due", "--within", "7", "--brief"], "due", None, {"within": 7, "brief": True}),
        (["team", "list"], "team list", None, {}),
        (["talk"], "talk", None, {}),
        (
            ["talk", "alice", "--date", "2026-02-28"],
            "talk",
            None,
            {"date_": date(2026, 2, 28), "employee": "alice"},
        ),
        (["--home=/h", "prep", "--fresh", "bob"], "prep", "/h", {"fresh": True, "employee": "bob"}),
        (["talk", "alice", "--answers", "-"], "talk", None, {"answers": "-", "employee": "alice"}),
        (["drafts"], "drafts", None, {}),
        (["team", "add", "x", "--cadence", "6"], "team add", None, {"employee": "x", "cadence": 6}),
        (["team", "edit", "x", "--name="], "team edit", None, {"employee": "x", "name": ""}),
        (["team", "remove", "x"], "team remove", None, {"employee": "x"}),
        (["--home=", "due", "--json", "--brief"], "due", "", {"as_json": True, "brief": True}),
        (
            ["handover", "alice", "--out", "a.age", "--to", "age1x", "--to=ssh-ed25519 AAAA"],
            "handover",
            None,
            {"employee": "alice", "out": "a.age", "to": ["age1x", "ssh-ed25519 AAAA"]},
        ),
    ],
)
def test_plain_requests_are_answered_without_typer(args, command, home, given):
    request = parse_request(args)
    assert request is not None
    assert (request.command, request.home) == (command, home)
    assert request.params == {**GRAMMAR[command].defaults, **given}
    employee = request.params.get("employee")
    assert employee is None or type(employee) is EmployeeId  # typed once, here, as by the Typer app


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
        ["talk", "alice", "--date", "2026-02-30"],  # a value its parser refuses: the Typer app words it
        ["show", "Alice"],
        ["due", "--as-of", "soon"],
    ],
)
def test_everything_else_goes_to_the_typer_app(args):
    assert parse_request(args) is None


if __name__ == "__main__":  # python tests/unit/test_launcher.py: write the GRAMMAR of the Typer app in place
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, where support is, as under pytest
    from support.paths import REPO

    grammar = REPO / "src/aspire_cli/cli/grammar.py"
    text = grammar.read_text(encoding="utf-8")
    start, end = text.index("GRAMMAR: dict[str, Command] = {"), text.index("\n}\n", text.index("GRAMMAR")) + 3
    grammar.write_text(
        text[:start] + grammar_source(grammar_of_the_typer_app()) + text[end:], encoding="utf-8"
    )
    print(f"wrote {grammar}; now run: ruff format {grammar}", file=sys.stderr)
