"""The command reference, written from the Typer app itself: docs/reference.md for the site and
man/aspire.1 for `man aspire`, the same content in two forms.

Every command and group of the app, in the order `aspire --help` lists them: its usage line, its
help, its arguments and options (with their help and any default the help does not already give),
the commands of a group, and the example its help ends with. Then what no `--help` says: the
environment, the files and the exit statuses (ENDNOTES below). tests/promises/test_docs.py fails
when either file differs from what this writes; `python tests/support/command_reference.py` writes both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import typer.main
from typer._click.core import Command, Context, Parameter
from typer.core import TyperArgument, TyperGroup

from aspire_cli import __version__
from aspire_cli.cli.app import app

MARKDOWN_FILE = "docs/reference.md"
MAN_FILE = "man/aspire.1"

# What no --help says, in both forms; `code` is shown as code (bold in the man page).
ENDNOTES: dict[str, list[tuple[str, str]]] = {
    "Environment": [
        (
            "ASPIRE_HOME",
            "Your aspire folder when `--home` is not given (default: your platform's user data "
            "folder, `~/.local/share/aspire` on Linux).",
        ),
        (
            "ASPIRE_LEADER",
            "Your name, for the headings of `report` and `share`; wins over `leader` in `config.toml`.",
        ),
        (
            "ASPIRE_CADENCE",
            "Months between discussions for a member added without `--cadence` (1 to 60); "
            "wins over `cadence_months` in `config.toml`.",
        ),
        (
            "ASPIRE_DUE_SOON",
            "How many days ahead a discussion counts as due soon (0 or more); wins over "
            "`due_soon_days` in `config.toml`.",
        ),
        ("VISUAL, EDITOR", "The editor `aspire edit` opens, and Ctrl-X Ctrl-E in an answer (else `vi`)."),
        ("NO_COLOR", "Plain text, without colour, even in a terminal."),
    ],
    "Files": [
        ("<home>/team.toml", "Your team: the name and cadence of each member."),
        (
            "<home>/records/<employee>/",
            "Every prep and talk as TOML (the truth) with a readable Markdown "
            "copy, and the follow-ups of their actions.",
        ),
        ("<home>/config.toml", "Your settings (`aspire config`)."),
        ("<home>/questions/<set>.toml", "Your own question sets, in place of the shipped ones."),
        ("<home>/drafts/", "The answers so far of unfinished interviews (never synced)."),
        ("<home>/.index.sqlite3", "What aspire learnt from the files; derived, safe to delete."),
    ],
    "Exit status": [
        ("0", "Done."),
        ("1", "Refused: nothing to do, an action already done, a remote that cannot be reached."),
        ("2", "Bad input or a malformed file (a listing still lists everyone else)."),
        ("74", "The disk refused a write."),
        ("75", "Another aspire held the lock too long."),
        ("129, 143", "A closed terminal or `kill` stopped an interview (the answers are kept in a draft)."),
        ("130", "You stopped an interview with Ctrl-C (the answers are kept in a draft)."),
        ("141", "The output went to a pipe that closed early (`aspire history alice | head`)."),
    ],
}


@dataclass(frozen=True)
class Item:
    """An argument or option: how it is typed (`--date YYYY-MM-DD`, `EMPLOYEE`) and what it does."""

    typed: str
    help: str


@dataclass(frozen=True)
class Entry:
    """One command or group, as its help describes it."""

    path: str  # "aspire team add"
    usage: str  # "aspire team add [OPTIONS] EMPLOYEE"
    paragraphs: list[str]
    arguments: list[Item]
    options: list[Item]
    commands: list[Item]  # of a group: its commands' paths and the first paragraph of their help
    runs_alone: str | None  # of a group with a default command: what `aspire GROUP` alone runs
    example: str | None


def entries() -> list[Entry]:
    """Every command and group of the app, the app itself first, each group before its commands."""
    return [_entry(command, context) for command, context in _walk()]


def _walk() -> Iterator[tuple[Command, Context]]:
    def walk(command: Command, context: Context) -> Iterator[tuple[Command, Context]]:
        yield command, context
        if isinstance(command, TyperGroup):
            for name, sub in command.commands.items():
                if not sub.hidden:
                    yield from walk(sub, Context(sub, info_name=name, parent=context))

    root = typer.main.get_command(app)
    yield from walk(root, Context(root, info_name="aspire"))


def _entry(command: Command, context: Context) -> Entry:
    shown = [param for param in command.params if not getattr(param, "hidden", False)]
    subcommands = command.commands if isinstance(command, TyperGroup) else {}
    default = getattr(command, "default_command", None)
    return Entry(
        path=context.command_path,
        usage=" ".join([context.command_path, *command.collect_usage_pieces(context)]),
        paragraphs=_paragraphs(command.help or ""),
        arguments=[_item(param) for param in shown if isinstance(param, TyperArgument)],
        options=[_item(param) for param in shown if not isinstance(param, TyperArgument)],
        commands=[
            Item(f"{context.command_path} {name}", _paragraphs(sub.help or "")[0])
            for name, sub in subcommands.items()
            if not sub.hidden
        ],
        runs_alone=f"{context.command_path} {default}" if default else None,
        example=_example(command.epilog),
    )


def _paragraphs(text: str) -> list[str]:
    """Click's paragraphs (blank-line separated), each on one line; a help text always has one."""
    found = [" ".join(block.split()) for block in text.replace("\b", "").split("\n\n")]
    return [paragraph for paragraph in found if paragraph] or [""]


def _example(epilog: str | None) -> str | None:
    """The command line of `Example: ...` (cli.params.example), the last line of every help."""
    found = re.search(r"Example: (.+)", epilog or "")
    return found[1].strip() if found else None


def _item(param: Parameter) -> Item:
    if isinstance(param, TyperArgument):
        typed = param.metavar or (param.name or "").upper()
        return Item(typed, param.help or "")  # the usage line shows whether it may be left out
    names = ", ".join([*param.opts, *param.secondary_opts])
    is_flag = getattr(param, "is_flag", False)
    typed = names if is_flag else f"{names} {param.metavar or param.type.name.upper()}"
    help_text = getattr(param, "help", None) or ""
    if param.required:
        help_text += " [required]"
    elif param.default not in (None, False, ()) and "default" not in help_text:
        help_text += f" (default: {param.default})"
    return Item(typed, help_text)


# -- Markdown ----------------------------------------------------------------------------------------

MARKDOWN_HEAD = """\
# Command reference

<!-- Written from the Typer app by `python tests/support/command_reference.py`: edit the commands' help in
src/aspire_cli/cli/, not this file. tests/promises/test_docs.py fails when it is stale. -->

Every command of aspire, with its arguments and options, as its `--help` says it, and the example
each help ends with. Every command also takes `-h` or `--help`. The same text is the man page
(`man aspire`). The [leader's guide](guide/cycle.md) tells how the commands work together.
"""


def markdown() -> str:
    parts = [MARKDOWN_HEAD]
    for entry in entries():
        parts.append(_markdown_entry(entry))
    for title, rows in ENDNOTES.items():
        lines = [f"## {title}", ""] + [f"- `{term}`: {_md(text)}" for term, text in rows]
        parts.append("\n".join(lines) + "\n")
    parts.append("The files are described in full in [File formats](formats.md).\n")
    return "\n".join(parts)


def _markdown_entry(entry: Entry) -> str:
    lines = [f"## {entry.path}", "", "```text", entry.usage, "```", ""]
    for paragraph in entry.paragraphs:
        lines += [_md(paragraph), ""]
    if entry.runs_alone:
        lines += [f"`{entry.path}` alone runs `{entry.runs_alone}`.", ""]
    for title, items in (("Arguments", entry.arguments), ("Options", entry.options)):
        if items:
            lines += [f"**{title}**", ""] + [f"- `{item.typed}`: {_md(item.help)}" for item in items] + [""]
    if entry.commands:
        lines += ["**Commands**", ""]
        lines += [f"- [`{item.typed}`](#{_anchor(item.typed)}): {_md(item.help)}" for item in entry.commands]
        lines += [""]
    if entry.example:
        lines += ["Example:", "", "```sh", entry.example, "```", ""]
    return "\n".join(lines)


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def _md(text: str) -> str:
    """Help text as Markdown: `code` kept as code, everything else shown as written."""
    pieces = re.split(r"(`[^`]*`)", text)
    return "".join(
        piece if piece.startswith("`") else re.sub(r"([\\*_\[\]<>#|])", r"\\\1", piece) for piece in pieces
    )


# -- the man page ------------------------------------------------------------------------------------


def man_page() -> str:
    all_entries = entries()
    root, commands = all_entries[0], all_entries[1:]
    lines = [
        f'.TH ASPIRE 1 "" "aspire {__version__}" "User Commands"',
        ".nh",  # no hyphenation: an option or a file name is never cut in two
        ".ad l",  # ragged right: no gaps stretched between words at 80 columns
        ".SH NAME",
        r"aspire \- " + _roff(root.paragraphs[0][:1].lower() + root.paragraphs[0][1:].rstrip(".")),
        ".SH SYNOPSIS",
        _roff_usage(root.path, root.usage),
        ".SH DESCRIPTION",
    ]
    for paragraph in root.paragraphs:
        lines += [_roff(paragraph), ".PP"]
    lines.append(
        _roff(
            "Each command below is described by `aspire COMMAND --help` as well. The leader's guide, "
            "with the yearly cycle, sync, the hand-over and what aspire does with your data, is in the "
            "documentation that comes with aspire (the docs/ folder of its source)."
        )
    )
    lines += [".SH OPTIONS", *_roff_items(root.options)]
    lines += [".SH COMMANDS"]
    for entry in commands:
        lines += _roff_entry(entry)
    for title, rows in ENDNOTES.items():
        lines.append(f".SH {title.upper()}")
        for term, text in rows:
            lines += [".TP", f"\\fB{_roff(term)}\\fR", _roff(text)]
    lines += [".SH SEE ALSO", r"\fBgit\fR(1)"]
    return "\n".join(lines) + "\n"


def _roff_entry(entry: Entry) -> list[str]:
    lines = [f'.SS "{_roff(entry.path)}"', _roff_usage(entry.path, entry.usage)]
    for paragraph in entry.paragraphs:
        lines += [".PP", _roff(paragraph)]
    if entry.runs_alone:
        lines += [".PP", _roff(f"`{entry.path}` alone runs `{entry.runs_alone}`.")]
    lines += _roff_items(entry.arguments) + _roff_items(entry.options)
    if entry.commands:
        lines += [".PP", "Commands:", *_roff_items(entry.commands)]
    if entry.example:
        lines += [".PP", "Example:", ".RS", ".nf", _roff(entry.example), ".fi", ".RE"]
    return lines


def _roff_usage(path: str, usage: str) -> str:
    """The usage line, the command in bold."""
    return f".PP\n\\fB{_roff(path)}\\fR{_roff(usage[len(path) :])}"


def _roff_items(items: list[Item]) -> list[str]:
    lines = []
    for item in items:
        lines += [".TP", f"\\fB{_roff(item.typed)}\\fR", _roff(item.help)]
    return lines


def _roff(text: str) -> str:
    """Text as roff: a backslash and a hyphen escaped, `code` in bold, never a request by accident."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"`([^`]*)`", r"\\fB\1\\fR", text)
    return "\\&" + text if text.startswith((".", "'")) else text


if __name__ == "__main__":  # python tests/support/command_reference.py: write both from the app
    repo = Path(__file__).resolve().parents[2]
    for name, text in ((MARKDOWN_FILE, markdown()), (MAN_FILE, man_page())):
        (repo / name).parent.mkdir(exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
        print(f"wrote {repo / name}")
