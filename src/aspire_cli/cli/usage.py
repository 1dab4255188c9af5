"""Typer's (Click's) command-line parsing, made to speak aspire's one error style.

Click reports a mistake as a four-line block ("Usage: ... Try ... Error: ...") in its own words
("'soon' is not a valid integer."); here each becomes one line that says what is wrong and which
help to read, through cli.reporting, the launcher's error path too. Help shows arguments as a
user types them (`EMPLOYEE`, `[EMPLOYEE]`).

Written for Typer 0.28 (pyproject pins it): 0.29 checks every parameter with pydantic, which
costs a third of a second at start-up and words its errors differently.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.core import Context, Parameter  # Typer 0.26+ vendors Click: its classes live here
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.shell_completion import CompletionItem
from typer._click.types import IntParamType, IntRange
from typer.core import TyperArgument, TyperCommand, TyperGroup

from aspire_cli.cli.launcher import COMPLETE_VAR
from aspire_cli.cli.reporting import reporting
from aspire_cli.errors import BadInput


class _NamesItsHelp:
    """Click raises some usage errors ("--within needs a value") without the context that names
    the command; this gives them one, so that the line can say which help to read."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except UsageError as mistake:
            mistake.ctx = mistake.ctx or ctx
            raise


class ReportingGroup(_NamesItsHelp, TyperGroup):
    """The app's one error path (cli.reporting, as in the launcher); a usage mistake is one line
    naming the help to read, not Click's "Usage: ... Try ... Error:" block."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        words = list(sys.argv[1:] if args is None else args)
        if os.environ.get(complete_var or COMPLETE_VAR):  # a shell asking for completions
            from typer import _completion_classes

            _completion_classes.completion_init()  # Typer's formats, which its scripts read (not Click's)
            # aspire's help is plain text (rich_markup_mode=None): shown to zsh and fish as it is,
            # not through Rich, whose import would double the time a completion takes
            _completion_classes._sanitize_help_text = _as_it_is
            self._main_shell_completion(extra, "aspire", complete_var or COMPLETE_VAR)  # exits
        # always "aspire" (a test runner would say "root"): errors and help name what a user types
        sys.exit(reporting(lambda: self._run(words, "aspire", extra)))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _shell_left_out(args))

    def _run(self, args: list[str], prog_name: str, extra: dict[str, Any]) -> int:
        try:
            with self.make_context(prog_name, args, **extra) as ctx:
                self.invoke(ctx)
        except typer.Exit as done:
            return done.exit_code
        except NoArgsIsHelpError as shown:  # `aspire` alone: the help, which is not a mistake
            print(shown.ctx.get_help())
        except UsageError as mistake:
            raise BadInput(usage_line(mistake)) from None
        return 0


def _shell_left_out(args: list[str]) -> list[str]:
    """`aspire --install-completion` (or `--show-completion`) with no SHELL after it, at the end or
    before another option, given completion.DETECT: Click has no option whose value may be left out."""
    from aspire_cli.cli.completion import DETECT, SHELL_OPTIONS

    given = list(args)
    for at in range(len(given) - 1, -1, -1):
        if given[at] in SHELL_OPTIONS and (at + 1 == len(given) or given[at + 1].startswith("-")):
            given.insert(at + 1, DETECT)
    return given


def _as_it_is(text: str) -> str:
    return text


def usage_line(mistake: UsageError) -> str:
    """'no such option --jsno (did you mean --json?); see: aspire due --help'."""
    where = f"; see: {mistake.ctx.command_path} --help" if mistake.ctx is not None else ""
    return f"{_usage_problem(mistake)}{where}"


def _usage_problem(mistake: UsageError) -> str:
    if isinstance(mistake, NoSuchOption):
        guess = f" (did you mean {mistake.possibilities[0]}?)" if mistake.possibilities else ""
        return f"no such option {mistake.option_name}{guess}"
    if isinstance(mistake, MissingParameter) and mistake.param is not None:
        return f"missing {_param_name(mistake.param)}"
    if isinstance(mistake, BadParameter) and mistake.param is not None:
        return _bad_value(mistake, mistake.param)
    if isinstance(mistake, BadOptionUsage):
        takes = "needs a value" if "requires" in mistake.message else "takes no value"
        return f"{mistake.option_name} {takes}"
    return _plain_sentence(mistake.message)


def _bad_value(mistake: BadParameter, param: Parameter) -> str:
    """Click's words for a whole number ("'x' is not a valid integer.", "-1 is not in the range
    x>=0.") in aspire's: "--within 'x': must be a whole number", "--within '-1': must be at least 0"."""
    name, kind = _param_name(param), param.type
    not_valid = re.fullmatch(r"(.+) is not a valid [\w ]+\.", mistake.message)
    if isinstance(kind, IntParamType) and not_valid:
        return f"{name} '{_literal(not_valid[1])}': must be a whole number"
    out_of_range = re.fullmatch(r"(-?\d+) is not in the range .+\.", mistake.message)
    if isinstance(kind, IntRange) and out_of_range:
        value = int(out_of_range[1])
        if kind.min is not None and value < kind.min:
            return f"{name} '{value}': must be at least {kind.min}"
        return f"{name} '{value}': must be at most {kind.max}"
    return f"{name}: {mistake.message}"


def _literal(text: str) -> str:
    """The value as typed, from the repr() Click shows."""
    try:
        return str(ast.literal_eval(text))
    except (ValueError, SyntaxError):
        return text


def _param_name(param: Parameter) -> str:
    if param.param_type_name == "option" and param.opts:
        return param.opts[0]
    return param.metavar or (param.name or "").upper()


def _plain_sentence(message: str) -> str:
    """Click's remaining sentences ("Got unexpected extra argument (b)", "No such command 'x'.")."""
    extra = re.fullmatch(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message)
    if extra:
        return f"unexpected argument{'s' if ' ' in extra[1] else ''}: {extra[1]}"
    sentence, _, guess = message.partition(". Did you mean ")
    sentence = sentence[:1].lower() + sentence[1:].rstrip(".")
    return f"{sentence} (did you mean {guess.rstrip('?')}?)" if guess else sentence


class ListsUnlessToldOtherwise(_NamesItsHelp, TyperGroup):
    """A group whose `list` command is the default: `aspire actions alice --all` is
    `aspire actions list alice --all`, while `aspire actions done ...` runs `done` (the way
    click-default-group does it). `--help` alone shows the group's help."""

    default_command = "list"

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not args and ctx.resilient_parsing:  # completing the word after the group: see below
            return super().parse_args(ctx, args)
        if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def shell_complete(self, ctx: Context, incomplete: str) -> list[CompletionItem]:
        """The word after the group completes to its commands and to what the default command's
        first argument takes (`aspire actions <TAB>`: done, drop, list, reopen and the team); an
        option, to the default command's options."""
        default = self.commands[self.default_command]
        if incomplete.startswith("-"):
            return default.shell_complete(ctx, incomplete)
        found = super().shell_complete(ctx, incomplete)
        arguments = [param for param in default.params if isinstance(param, TyperArgument)]
        return found + arguments[0].shell_complete(ctx, incomplete) if arguments else found


class ShowsUnlessToldOtherwise(ListsUnlessToldOtherwise):
    """`aspire config` is `aspire config show`; `aspire config set` and `unset` run themselves."""

    default_command = "show"


class SyncsUnlessToldOtherwise(ListsUnlessToldOtherwise):
    """`aspire sync` is `aspire sync now`; `aspire sync init` and `aspire sync status` run themselves."""

    default_command = "now"


class _PlainArgument(TyperArgument):
    """An argument as help shows it, in the usage line and the list alike: EMPLOYEE or [EMPLOYEE],
    not {EMPLOYEE}."""

    def make_metavar(self, ctx: Context, *, usage: bool = False) -> str:
        name = self.metavar or (self.name or "").upper()
        return name if self.required else f"[{name}]"


class PlainCommand(_NamesItsHelp, TyperCommand):
    """A command whose arguments show plainly in its help (see _PlainArgument), and whose usage
    errors name it (see _NamesItsHelp)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _PlainArgument
