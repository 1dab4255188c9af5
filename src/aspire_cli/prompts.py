"""The one module that imports questionary: asking questions in a terminal."""

from __future__ import annotations

from typing import Any

import questionary
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from aspire_cli.errors import Aborted, BadInput
from aspire_cli.ids import parse_day
from aspire_cli.interrupts import as_aborted
from aspire_cli.questions import Answer, Kind, Question

FINISH_HINT = "Esc then Enter to finish; Ctrl-X Ctrl-E opens $EDITOR"


def _ask(question: questionary.Question) -> Any:
    """unsafe_ask, so that Ctrl-C stops the whole interview instead of skipping one question."""
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or a signal (see interrupts.py)
        raise as_aborted(interrupt) from None
    except EOFError:
        raise Aborted("input ended") from None


def _required(value: str) -> bool | str:
    return True if value.strip() else "An answer is required (type something, or Ctrl-C to stop)."


def _optional_day(value: str) -> bool | str:
    if not value.strip():
        return True
    try:
        parse_day(value.strip(), "due date")
    except BadInput as exc:
        return exc.message
    return True


class TerminalPrompter:
    """Asks each question with its guidance and progress; re-asks until the answer is valid."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def ask(self, question: Question, position: int, total: int) -> Answer:
        self.console.print()
        self.console.print(f"[bold cyan]{position}/{total}[/]  [bold]{escape(question.text)}[/]")
        notes = [question.guidance] if question.guidance else []
        if question.kind is Kind.long_text:
            notes.append(FINISH_HINT + ".")
        for note in notes:
            self.console.print(Padding(Text(note, style="dim"), (0, 0, 0, 5)))
        while True:
            raw = self._raw_answer(question)
            try:
                return question.validate_answer(raw)
            except ValueError as exc:
                self.console.print(f"[red]{escape(str(exc))}[/]")

    def _raw_answer(self, question: Question) -> object:
        if question.kind is Kind.choice:
            return _ask(questionary.select("Answer:", choices=list(question.choices)))
        if question.kind is Kind.actions:
            return self._actions()
        validate = _required if question.required else None
        return _ask(
            questionary.text(
                "Answer:",
                multiline=True,
                instruction="",
                validate=validate,
                enable_open_in_editor=True,
            )
        )

    def _actions(self) -> list[dict[str, str]]:
        actions: list[dict[str, str]] = []
        while True:
            number = len(actions) + 1
            item = {
                "action": _ask(questionary.text(f"Action {number}:", validate=_required)),
                "measure": _ask(questionary.text("  How will you measure it?", validate=_required)),
            }
            due = _ask(
                questionary.text("  Due (YYYY-MM-DD, Enter for none):", validate=_optional_day)
            ).strip()
            if due:
                item["due"] = due
            actions.append(item)
            if not _ask(questionary.confirm("Add another action?", default=False)):
                return actions


def confirm(message: str, default: bool = True) -> bool:
    return bool(_ask(questionary.confirm(message, default=default)))


def ask_line(message: str, default: str = "") -> str:
    return str(_ask(questionary.text(message, default=default)))


def pick(message: str, choices: list[tuple[str, str]]) -> str:
    """One of `choices` (value, label), chosen with the arrow keys."""
    options = [questionary.Choice(title=label, value=value) for value, label in choices]
    return str(_ask(questionary.select(message, choices=options)))
