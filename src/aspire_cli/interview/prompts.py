"""The one module that imports questionary: asking questions in a terminal."""

from __future__ import annotations

from datetime import date
from typing import Any

import questionary
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.text import Text

from aspire_cli.domain.ids import parse_day
from aspire_cli.domain.own_words import THEIR_WORDS, answer_text, proposals
from aspire_cli.domain.questions import Action, Answer, Kind, Question, due_date_problem
from aspire_cli.errors import Aborted, BadInput
from aspire_cli.interview.interrupts import as_aborted, stop_if_signalled
from aspire_cli.safe_text import one_line, visible

TEXT_HINT = "Enter to finish; Alt-Enter (or Esc then Enter) for a new line; Ctrl-X Ctrl-E opens $EDITOR."
PROPOSAL_HINT = "Their actions come first, to keep as they are, edit, or empty to pass over."
SKIP_TITLE = "(skip)"  # the last choice of an optional choice question: no answer is recorded
_SKIP = object()  # its value: no text of a question set can be mistaken for it


def _ask(question: questionary.Question) -> Any:
    """unsafe_ask, so that Ctrl-C stops the whole interview instead of skipping one question."""
    # Checked once the prompt's own Ctrl-C handling is live: a Ctrl-C pressed just before is not lost.
    question.application.pre_run_callables.append(stop_if_signalled)
    try:
        return question.unsafe_ask()
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or a signal (see interrupts.py)
        raise as_aborted(interrupt) from None
    except EOFError:
        raise Aborted("input ended") from None


def _answer_keys() -> KeyBindings:
    """Enter submits (most answers are a line or two); Alt-Enter, i.e. Esc then Enter, adds a line."""
    keys = KeyBindings()

    @keys.add("enter")
    def _submit(event: KeyPressEvent) -> None:
        event.current_buffer.validate_and_handle()

    @keys.add("escape", "enter")
    def _new_line(event: KeyPressEvent) -> None:
        event.current_buffer.newline(copy_margin=False)

    return keys


def _required(value: str) -> bool | str:
    return True if value.strip() else "An answer is required (type something, or Ctrl-C to stop)."


def _due_date_check(agreed: date | None) -> Any:
    def check(value: str) -> bool | str:
        if not value.strip():
            return True
        try:
            due = parse_day(value.strip(), "due date")
        except BadInput as exc:
            return exc.message
        problem = due_date_problem(due, agreed)
        return problem or True

    return check


class TerminalPrompter:
    """Asks each question with its guidance and progress; re-asks until the answer is valid.

    `agreed` is the day of the discussion: an action cannot be due before it.
    """

    def __init__(
        self, console: Console, agreed: date | None = None, their: dict[str, Answer] | None = None
    ) -> None:
        self.console = console
        self.agreed = agreed
        self.their = their or {}  # talk --from: the employee's own answers, shown and offered to edit
        self.proposals: list[Action] = []  # their actions not yet taken up or passed over

    def show(self, question: Question, position: int, total: int) -> None:
        self.console.print()
        # a question set comes from anywhere (synced, --questions): its control characters are shown
        self.console.print(f"[bold cyan]{position}/{total}[/]  [bold]{escape(one_line(question.text))}[/]")
        if question.guidance:
            self.console.print(Padding(Text(visible(question.guidance), style="dim"), (0, 0, 0, 5)))
        if question.id in self.their:
            self._show_their_words(question)
        if question.kind is Kind.long_text:
            self.console.print(Padding(Text(TEXT_HINT, style="dim"), (0, 0, 0, 5)))

    def _show_their_words(self, question: Question) -> None:
        """'In their words: ...' before the answer; their actions become the proposals."""
        theirs = self.their[question.id]
        self.console.print(Padding(Text(f"{THEIR_WORDS}:", style="bold magenta"), (0, 0, 0, 5)))
        self.console.print(Padding(Text(visible(answer_text(theirs).strip())), (0, 0, 0, 7)))
        if question.kind is Kind.actions:
            self.proposals = proposals(theirs)
            if self.proposals:
                self.console.print(Padding(Text(PROPOSAL_HINT, style="dim"), (0, 0, 0, 5)))

    def answer(self, question: Question) -> Answer | None:
        """A text or choice answer; None when an optional choice is skipped."""
        while True:
            raw = self._raw_answer(question)
            if raw is _SKIP:
                return None
            try:
                return question.validate_answer(raw)
            except ValueError as exc:
                self.console.print(Text(one_line(str(exc)), style="red"))

    def _raw_answer(self, question: Question) -> object:
        if question.kind is Kind.choice:
            choices = [questionary.Choice(title=one_line(c), value=c) for c in question.choices]
            if not question.required:  # last, so that a slip of the arrow keys lands on an answer
                choices.append(questionary.Choice(title=SKIP_TITLE, value=_SKIP))
            theirs = self.their.get(question.id)
            default = theirs if theirs in question.choices else None
            return _ask(questionary.select("Answer:", choices=choices, default=default))
        theirs = self.their.get(question.id)
        return _ask(
            questionary.text(
                "Answer:",
                default=theirs if isinstance(theirs, str) else "",
                multiline=True,
                instruction="",
                validate=_required if question.required else None,
                enable_open_in_editor=True,
                key_bindings=_answer_keys(),
            )
        )

    def earlier_actions(self, actions: tuple[Action, ...]) -> None:
        """The actions agreed before the interview was stopped, when it resumes."""
        for number, item in enumerate(actions, 1):
            due = f"; due {item.due.isoformat()}" if item.due else ""
            line = f"Action {number}: {one_line(item.action)}  (measure: {one_line(item.measure)}{due})"
            self.console.print(Padding(Text(line), (0, 0, 0, 5)))
        taken = {item.action for item in actions}
        self.proposals = [item for item in self.proposals if item.action not in taken]

    def action(self, number: int, *, optional: bool) -> Action | None:
        """Action `number`, or None when it is `optional` and left empty (the list is done). Typing
        straight on into the next action is natural in a meeting: no yes/no question in between."""
        while self.proposals:  # theirs first, each to keep, edit, or empty to pass over
            proposed = self.proposals.pop(0)
            left = f", {len(self.proposals)} more" if self.proposals else ""
            text = _ask(
                questionary.text(
                    f"Action {number} (theirs{left}; empty it to pass over):", default=proposed.action
                )
            )
            if text.strip():
                return self._rest_of_action(text, proposed)
        label = f"Action {number} (Enter when done):" if optional else f"Action {number}:"
        text = _ask(questionary.text(label, validate=None if optional else _required))
        if optional and not text.strip():
            return None
        return self._rest_of_action(text, None)

    def _rest_of_action(self, text: str, proposed: Action | None) -> Action:
        measure = _ask(
            questionary.text(
                "  How will you measure it?", default=proposed.measure if proposed else "", validate=_required
            )
        )
        due = _ask(
            questionary.text(
                "  Due (YYYY-MM-DD, Enter for none):",
                default=proposed.due.isoformat() if proposed and proposed.due else "",
                validate=_due_date_check(self.agreed),
            )
        ).strip()
        return Action(action=text, measure=measure, due=parse_day(due, "due date") if due else None)


def review_actions(console: Console, actions: list[Any]) -> dict[int, str]:
    """Each action still open from earlier talks, asked about in turn (review.py): keep open (the
    default), done or dropped."""
    from aspire_cli.interview.review import CHOICES, action_line

    console.print()
    count = len(actions)
    console.print(f"[bold]Earlier actions still open ({count})[/]: done, dropped, or keep open?")
    decided: dict[int, str] = {}
    for action in actions:
        console.print(Padding(Text(action_line(action)), (0, 0, 0, 2)))
        options = [questionary.Choice(title=label, value=value) for value, label in CHOICES.items()]
        decided[action.number] = str(_ask(questionary.select(f"  #{action.number}:", choices=options)))
    return decided


def confirm(message: str, default: bool = True) -> bool:
    """y or n, then Enter: a key typed ahead (the start of the next answer) cannot answer it."""
    return bool(_ask(questionary.confirm(message, default=default, auto_enter=False)))


def ask_line(message: str, default: str = "") -> str:
    return str(_ask(questionary.text(message, default=default)))


def pick(message: str, choices: list[tuple[str, str]]) -> str:
    """One of `choices` (value, label), chosen with the arrow keys."""
    options = [questionary.Choice(title=one_line(label), value=value) for value, label in choices]
    return str(_ask(questionary.select(message, choices=options)))
