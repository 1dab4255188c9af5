"""Shell completion: commands, options and employee ids, through the variables Typer's shell scripts
set; the launcher's quick answer for an employee id, the same as the Typer app's; one example at the
end of every help."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import typer.main
from support.processes import aspire_script
from typer._click.shell_completion import _resolve_context, _resolve_incomplete
from typer.core import TyperArgument, TyperGroup

from aspire_cli.cli.app import app
from aspire_cli.cli.completion import quick_answer
from aspire_cli.cli.launcher import GRAMMAR, NEW_EMPLOYEE_COMMANDS, parse_request
from aspire_cli.storage.roster_changes import add_member
from aspire_cli.storage.store import Store

SHELL_VARIABLES = (
    "_ASPIRE_COMPLETE",
    "COMP_WORDS",
    "COMP_CWORD",
    "_TYPER_COMPLETE_ARGS",
    "_TYPER_COMPLETE_FISH_ACTION",
)
ROOT = typer.main.get_command(app)


def team(home: Path, *employees: str) -> None:
    for employee in employees:
        add_member(Store(home), employee, employee.title(), 12, date(2026, 1, 5))


@pytest.fixture
def roster(home: Path) -> Path:
    team(home, "alice", "bob-lee", "anna")
    return home


def bash(line: str | list[str]) -> dict[str, str]:
    """What Typer's bash script sets: the words typed so far, as bash split them (quotes kept), one
    a line (its IFS), the cursor in the last."""
    words = line.split(" ") if isinstance(line, str) else line
    return {
        "_ASPIRE_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(words),
        "COMP_CWORD": str(len(words) - 1),
    }


def zsh(line: str) -> dict[str, str]:
    return {"_ASPIRE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}


def fish(line: str, action: str = "get-args") -> dict[str, str]:
    return {
        "_ASPIRE_COMPLETE": "complete_fish",
        "_TYPER_COMPLETE_ARGS": line,
        "_TYPER_COMPLETE_FISH_ACTION": action,
    }


def shell_asks(variables: dict[str, str]) -> tuple[str, int]:
    """The installed script's answer, as the shell gets it (stdout, exit status)."""
    env = {k: v for k, v in os.environ.items() if k not in SHELL_VARIABLES} | variables
    done = subprocess.run([aspire_script()], env=env, capture_output=True, text=True, timeout=60)
    assert done.stderr == ""
    return done.stdout, done.returncode


def typer_answer(variables: dict[str, str]) -> tuple[str, int]:
    """The Typer app's answer, in this process (as the launcher hands the request over)."""
    import io

    with pytest.MonkeyPatch.context() as patch:
        for name in SHELL_VARIABLES:
            patch.delenv(name, raising=False)
        for name, value in variables.items():
            patch.setenv(name, value)
        out = io.StringIO()
        patch.setattr(sys, "stdout", out)
        with pytest.raises(SystemExit) as done:
            ROOT.main(prog_name="aspire")
    return out.getvalue(), int(done.value.code or 0)


# -- what a user gets, through the installed script -----------------------------------------------
def test_bash_completes_a_command_name(roster):
    assert shell_asks(bash("aspire sh")) == ("show\nshare\n", 0)
    assert shell_asks(bash("aspire team re")) == ("remove\n", 0)


def test_bash_completes_an_option(roster):
    assert shell_asks(bash("aspire due --j")) == ("--json\n", 0)
    assert shell_asks(bash("aspire --ho")) == ("--home\n", 0)


def test_bash_completes_an_employee_id_from_the_roster(roster):
    assert shell_asks(bash("aspire show a")) == ("alice\nanna\n", 0)
    assert shell_asks(bash("aspire actions done b")) == ("bob-lee\n", 0)
    assert shell_asks(bash("aspire talk ")) == ("alice\nanna\nbob-lee\n", 0)


def test_the_home_given_earlier_on_the_line_is_the_one_completed_from(roster, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    team(elsewhere, "carol", "alex")
    assert shell_asks(bash(f"aspire --home {elsewhere} history a")) == ("alex\n", 0)
    assert shell_asks(zsh(f"aspire --home={elsewhere} prep ")) == (
        '_arguments \'*: :(("alex"\n"carol"))\'\n',
        0,
    )
    assert shell_asks(bash("aspire history a")) == ("alice\nanna\n", 0)  # $ASPIRE_HOME's


def test_zsh_gets_commands_with_their_help_and_ids_plain(roster):
    out, status = shell_asks(zsh("aspire sh"))
    assert status == 0 and out.startswith('_arguments \'*: :(("show":"One discussion')
    assert '"share":"The employee' in out
    assert shell_asks(zsh("aspire due --br")) == (
        "_arguments '*: :((\"--brief\":\"One line, or nothing when all is well (for your shell''s "
        "startup file).\"))'\n",
        0,
    )
    within = "Count as due soon within this many days (default\\\\: due_soon_days, see aspire config)."
    assert shell_asks(zsh("aspire due --wi")) == (f'_arguments \'*: :(("--within":"{within}"))\'\n', 0)
    assert shell_asks(zsh("aspire edit a")) == ('_arguments \'*: :(("alice"\n"anna"))\'\n', 0)
    assert shell_asks(zsh("aspire edit x")) == ("_files\n", 0)


def test_fish_gets_the_ids_and_is_told_to_offer_them_rather_than_files(roster):
    assert shell_asks(fish("aspire share ")) == ("alice\nanna\nbob-lee\n", 0)
    assert shell_asks(fish("aspire share a", "is-args")) == ("", 0)
    assert shell_asks(fish("aspire share x", "is-args")) == ("", 1)
    out, status = shell_asks(fish("aspire sy"))
    assert (out, status) == ("sync\tKeep your aspire folder in git and in step...\n", 0)
    assert shell_asks(fish("aspire team list --")) == (
        "--json\tPrint JSON, for scripts.\n--help\tShow this message and exit.\n",
        0,
    )


def test_someone_not_on_the_team_yet_is_not_completed(roster):
    assert shell_asks(bash("aspire team add a")) == ("\n", 0)  # bash then offers file names
    assert shell_asks(bash("aspire team edit a")) == ("alice\nanna\n", 0)


def test_actions_offers_its_commands_and_the_team(roster):
    assert shell_asks(bash("aspire actions ")) == ("list\ndone\ndrop\nreopen\nalice\nanna\nbob-lee\n", 0)
    assert shell_asks(bash("aspire actions d")) == ("done\ndrop\n", 0)
    assert shell_asks(bash("aspire actions --a")) == ("--all\n--as-of\n", 0)
    assert shell_asks(bash("aspire actions --all a")) == ("alice\nanna\n", 0)
    assert shell_asks(bash("aspire sync ")) == ("init\nrecipients\ncompact\nnow\nstatus\nresolve\n", 0)


def test_completing_without_a_home_offers_nothing_and_creates_nothing(home):
    assert shell_asks(bash("aspire show ")) == ("\n", 0)
    assert not home.exists()


def test_completing_from_a_broken_team_file_offers_nothing_and_says_nothing(home):
    home.mkdir(mode=0o700)
    (home / "team.toml").write_text("schema = [", encoding="utf-8")
    assert shell_asks(bash("aspire show ")) == ("\n", 0)  # shell_asks checks stderr is empty


def test_completing_runs_nothing_on_the_line(roster, tmp_path):
    assert shell_asks(bash("aspire --version sh")) == ("show\nshare\n", 0)
    scratch = tmp_path / "user"
    env = bash("aspire --install-completion bash sh") | {"HOME": str(scratch)}
    assert shell_asks(env) == ("show\nshare\n", 0)
    assert not scratch.exists()


# -- the launcher's quick answer is the Typer app's -----------------------------------------------
def _fill(name: str) -> str:
    return {
        "employee": "alice",
        "number": "1",
        "set_id": "talk",
        "file": "x.toml",
        "remote": "r",
        "key": "leader",
        "value": "v",
        "action": "add",
    }[name]


def _lines() -> list[str]:
    """Command lines before the word being completed: every command, each of its arguments, each
    of its options (the next word being the option's value or not), and some odd ones."""
    lines = []
    for command, (_, options, arguments, _) in GRAMMAR.items():
        if not command:
            continue
        for position in range(len(arguments) + 1):
            before = [_fill(name) for name, *_ in arguments[:position]]
            lines.append(f"aspire {command} {' '.join(before)}".rstrip())
        for option, (_, kind) in options.items():
            if kind == "flag":
                lines.append(f"aspire {command} {option}")
            else:
                lines.extend((f"aspire {command} {option} 7", f"aspire {command} {option}=7"))
                lines.append(f"aspire {command} {option}")  # the word is its value
    return [
        *lines,
        "aspire actions",
        "aspire sync",
        "aspire actions alice",
        "aspire team",
        "aspire",
        *UNUSUAL,
    ]


# Lines the quick answer may leave to the Typer app even before an EMPLOYEE (no user types them)
UNUSUAL = ["aspire --version show", "aspire show --kind talk --kind prep", "aspire --home", "aspire bogus"]


def _completes_ids(words: list[str], incomplete: str) -> bool:
    """Whether the Typer app completes `incomplete` from the roster, found as it finds it: the
    parameter it goes to is an EMPLOYEE argument with a completion of its own (params.team_ids).
    The word after a group (`aspire actions <TAB>`) is the group's: the quick answer leaves it to
    the Typer app."""
    ctx = _resolve_context(ROOT, {}, "aspire", list(words))
    found, _ = _resolve_incomplete(ctx, list(words), incomplete)
    return (
        isinstance(found, TyperArgument)
        and found.metavar == "EMPLOYEE"
        and found._custom_shell_complete is not None
    )


LINES = _lines()
ASKS = {
    "bash": lambda line: bash(line),
    "zsh": lambda line: zsh(line),
    "fish": lambda line: fish(line),
    "fish is-args": lambda line: fish(line, "is-args"),
}


@pytest.mark.parametrize("line", LINES)
def test_the_quick_answer_is_the_typer_apps(roster, line):
    for incomplete in ("", "a", "al", "-", "="):
        ids = _completes_ids(line.split()[1:], incomplete)
        for shell, ask in ASKS.items():
            variables = ask(f"{line} {incomplete}")
            quick = quick_answer(variables)
            if line not in UNUSUAL or quick is not None:
                assert (quick is not None) == ids, (shell, incomplete)
            if quick is not None:
                assert quick == typer_answer(variables), (shell, incomplete)


def test_the_quick_answer_is_the_typer_apps_for_an_empty_or_missing_team(home, tmp_path):
    for ask in ASKS.values():
        variables = ask("aspire show a")
        assert quick_answer(variables) == typer_answer(variables)  # no home
    team(home)
    for ask in ASKS.values():
        variables = ask(f"aspire --home {tmp_path / 'none'} show ")
        assert quick_answer(variables) == typer_answer(variables)


def test_the_quick_answer_reads_the_line_as_the_shells_pass_it(roster):
    """Quotes and escapes as typed, an unfinished quote, a line ending in spaces."""
    quoted = roster.parent / "my home"
    team(quoted, "amir")
    cases = [
        bash(["aspire", "--home", f'"{quoted}"', "show", "a"]),
        bash(["aspire", "--home", str(quoted).replace(" ", "\\ "), "show", ""]),
        zsh(f"aspire --home {shlex.quote(str(quoted))} show "),
        zsh(f"aspire --home '{quoted}' show  "),
        fish(f"aspire --home {str(quoted).replace(' ', chr(92) + ' ')} show a"),
        zsh("aspire show 'a"),
    ]
    for variables in cases:
        quick = quick_answer(variables)
        assert quick is not None, variables
        assert quick == typer_answer(variables), variables


def test_the_commands_that_complete_no_id_are_the_typer_apps():
    """launcher.NEW_EMPLOYEE_COMMANDS: EMPLOYEE arguments without a completion, in the Typer app."""
    plain = []
    for command in GRAMMAR:
        found = ROOT
        for word in command.split():
            found = found.commands[word]
        plain.extend(
            command
            for param in found.params
            if isinstance(param, TyperArgument) and param.name == "employee"
            if param._custom_shell_complete is None
        )
    assert tuple(plain) == NEW_EMPLOYEE_COMMANDS


PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))
from aspire_cli.cli.launcher import main
main()
"""


@pytest.fixture(scope="module")
def settled_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("settled") / "home"
    team(home, "alice", "anna")
    time.sleep(2.1)  # the team file's stamp settles (files.STABLE_AFTER_NS), as between real runs
    return home


@pytest.mark.parametrize("ask", [bash, zsh, fish], ids=["bash", "zsh", "fish"])
def test_an_employee_id_is_completed_in_plain_python(settled_home, ask):
    env = {k: v for k, v in os.environ.items() if k not in SHELL_VARIABLES}
    env |= ask("aspire show a") | {"ASPIRE_HOME": str(settled_home)}
    for _ in range(2):  # the first run may learn the roster into the index
        done = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
        )
    assert "alice" in done.stdout and "anna" in done.stdout
    modules = {name.split(".")[0] for name in json.loads(done.stderr.strip().splitlines()[-1])}
    assert not modules & {"typer", "pydantic", "rich", "questionary", "prompt_toolkit"}


def test_commands_and_options_are_completed_without_rich(roster):
    """Their help goes to zsh and fish as it is: aspire's help is plain text, not Rich markup."""
    env = {k: v for k, v in os.environ.items() if k not in SHELL_VARIABLES} | zsh("aspire sh")
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert '"show":"One discussion as it was recorded (the..."' in done.stdout
    modules = {name.split(".")[0] for name in json.loads(done.stderr.strip().splitlines()[-1])}
    assert "typer" in modules and not modules & {"rich", "pydantic"}


# -- installing --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("bash", "complete -o default -F _aspire_completion aspire"),
        ("zsh", "compdef _aspire_completion aspire"),
        ("fish", "complete --command aspire --no-files"),
    ],
)
def test_show_completion_prints_the_script(aspire, shell, expected):
    result = aspire("--show-completion", shell)
    assert result.exit_code == 0
    assert expected in result.stdout and "_ASPIRE_COMPLETE=complete_" in result.stdout
    if shell == "bash":
        assert "_aspire_completion() {" in result.stdout


def test_a_shell_aspire_does_not_complete_for_is_one_line(aspire):
    result = aspire("--show-completion", "tcsh")
    assert result.exit_code == 2
    assert result.stderr == "error: --show-completion 'tcsh': must be bash, zsh or fish; see: aspire --help\n"


def test_install_completion_writes_the_script_and_sources_it(tmp_path):
    user = tmp_path / "user"
    env = {k: v for k, v in os.environ.items() if k not in SHELL_VARIABLES} | {"HOME": str(user)}
    done = subprocess.run(
        [aspire_script(), "--install-completion", "bash"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    script = user / ".bash_completions" / "aspire.sh"
    assert done.stdout == f"Installed bash completion in {script}: it works in every new terminal.\n"
    assert "_ASPIRE_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (user / ".bashrc").read_text(encoding="utf-8")
    done = subprocess.run([aspire_script(), "--install-completion", "zsh"], env=env, capture_output=True)
    assert done.returncode == 0
    assert "compdef _aspire_completion aspire" in (user / ".zfunc" / "_aspire").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["/bin/bash", "/usr/local/bin/zsh", "/opt/homebrew/bin/fish"])
def test_install_completion_without_a_shell_takes_the_one_shell_names_and_says_so(tmp_path, path):
    user = tmp_path / "user"
    shell = path.rsplit("/", 1)[1]
    env = {k: v for k, v in os.environ.items() if k not in SHELL_VARIABLES} | {
        "HOME": str(user),
        "SHELL": path,
    }
    done = subprocess.run([aspire_script(), "--install-completion"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Installed {shell} completion (your shell, as $SHELL names it) in {user}/")
    named = subprocess.run([aspire_script(), "--install-completion", shell], env=env, capture_output=True)
    assert named.returncode == 0 and b"$SHELL" not in named.stdout  # given, it is not guessed


@pytest.mark.parametrize(
    ("path", "said"), [("/bin/tcsh", "is '/bin/tcsh', not bash, zsh or fish"), ("", "is not set")]
)
def test_a_shell_that_cannot_be_told_is_one_line_naming_the_argument(
    aspire, monkeypatch, tmp_path, path, said
):
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("SHELL", path)
    for option in ("--install-completion", "--show-completion"):
        result = aspire(option)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == (
            f"error: {option}: $SHELL {said}; name the shell: aspire {option} bash (or zsh, or fish)\n"
        )
    assert not (tmp_path / "user").exists()  # nothing installed


def test_show_completion_without_a_shell_prints_the_script_of_shell(aspire, monkeypatch):
    monkeypatch.setenv("SHELL", "/usr/bin/zsh")
    result = aspire("--show-completion")
    assert result.exit_code == 0
    assert result.stdout == aspire("--show-completion", "zsh").stdout  # the script alone, to pipe
    assert result.stderr == "The zsh completion script (your shell, as $SHELL names it):\n"
    home_after = aspire("--show-completion", "--home", "/nowhere")  # another option after it
    assert home_after.exit_code == 0 and home_after.stdout == result.stdout


# -- every help ends with an example --------------------------------------------------------------
def _commands() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = [("", ROOT)]

    def walk(group: TyperGroup, path: str) -> None:
        for name, command in group.commands.items():
            found.append((f"{path}{name}", command))
            if isinstance(command, TyperGroup):
                walk(command, f"{path}{name} ")

    walk(ROOT, "")
    return found


COMMANDS = _commands()


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path or "aspire" for path, _ in COMMANDS])
def test_every_help_ends_with_one_example_that_parses(aspire, path, command):
    result = aspire(*path.split(), "--help")
    assert result.exit_code == 0
    last = result.stdout.rstrip("\n").splitlines()
    assert last[-2] == "" and last[-1].startswith("  Example: aspire "), last[-3:]
    assert result.stdout.count("Example:") == 1
    words = shlex.split(last[-1].removeprefix("  Example: "))[1:]
    request = parse_request(words)
    assert request is not None, words
    assert f"{request.command} ".startswith(f"{path} ".lstrip())
    _parses_in_the_typer_app(words)


def _parses_in_the_typer_app(words: list[str]) -> None:
    """Through the Typer app's parser, each command's context made, nothing run."""
    ctx = ROOT.make_context("aspire", list(words))
    while isinstance(ctx.command, TyperGroup):
        rest = [*ctx._protected_args, *ctx.args]
        name, command, rest = ctx.command.resolve_command(ctx, rest)
        assert command is not None
        ctx = command.make_context(name, rest, parent=ctx)


def test_the_example_stays_on_its_own_line_in_a_narrow_terminal(aspire):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["actions", "done", "--help"], env={"COLUMNS": "30"})
    assert result.stdout.rstrip("\n").splitlines()[-1] == (
        '  Example: aspire actions done alice 2 --note "First guild session held"'
    )
