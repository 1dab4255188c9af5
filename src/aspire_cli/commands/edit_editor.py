"""`aspire edit`'s editor run: the private copy it opens (the record, or an edit left unsaved
before, if the leader wants to carry on with it), and the editor itself: $VISUAL, else $EDITOR,
else vi, split as a shell splits words, as git does. Ctrl-C is the editor's while it runs.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from datetime import datetime
from typing import TYPE_CHECKING

from aspire_cli.errors import Aborted, AspireError, BadFile, BadInput
from aspire_cli.interview.interrupts import stop_on_signals
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import RECORD_LIMIT, atomic_write, read_regular
from aspire_cli.storage.folders import private_dir

if TYPE_CHECKING:
    from aspire_cli.commands.edit import Edit

DEFAULT_EDITOR = "vi"


def open_the_copy(e: Edit) -> None:
    """The copy the editor opens: the record, or an edit left unsaved before, if the leader wants it."""
    try:
        leftover = read_regular(e.copy, RECORD_LIMIT)
    except BadFile:
        if e.copy.exists() or e.copy.is_symlink():
            raise
        leftover = None
    if leftover is not None and leftover != e.start.encode("utf-8"):
        if not e.terminal:
            raise BadInput(
                f"an edit of {e.path.name} that was not saved is waiting (carry on with it in a "
                "terminal, or delete the file to start again from the record)"
            )
        if _carry_on_with(e):
            return
    private_dir(e.copy.parent.parent, follow=False)
    private_dir(e.copy.parent, follow=False)
    atomic_write(e.copy, e.start, durable=False)


def _carry_on_with(e: Edit) -> bool:
    from aspire_cli.interview import prompts

    when = datetime.fromtimestamp(e.copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    choice = prompts.pick(
        f"An edit of {e.path.name} that was not saved is kept from {when}: carry on with it?",
        [
            ("carry-on", "Carry on with it"),
            ("restart", "Start again from the record (discard that edit)"),
            ("cancel", "Cancel"),
        ],
    )
    if choice == "cancel":
        raise Aborted("nothing changed")
    return choice == "carry-on"


def run_editor(e: Edit) -> None:
    import shlex
    import signal

    variable, command = _editor()
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise BadInput(f"{variable} '{command}' cannot be split into words ({exc}); fix it") from None
    waiting = _say_waiting(argv[0])
    try:
        with stop_on_signals():  # Ctrl-C is the editor's: noted here, not acted on
            code = subprocess.run([*argv, str(e.copy)], check=False).returncode
    except OSError as exc:
        raise AspireError(
            f"cannot run {variable} '{command}': {exc.strerror or exc}; set VISUAL or EDITOR to an "
            f"editor you have (e.g. export EDITOR=nano); {e.path.name} is unchanged"
        ) from None
    finally:
        if waiting:
            _stderr("\r\x1b[K")
    if code in (-signal.SIGINT, 128 + signal.SIGINT):
        raise Aborted(f"your editor was interrupted; nothing saved, {e.path.name} is unchanged")
    if code != 0:
        how = f"was stopped by signal {-code}" if code < 0 else f"exited with status {code}"
        raise AspireError(f"your editor ({command}) {how}, so nothing was saved; {e.path.name} is unchanged")


def _editor() -> tuple[str, str]:
    """Where the editor command comes from, and the command."""
    import os

    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return f"${name}", value
    return "the default editor", DEFAULT_EDITOR


def _say_waiting(editor: str) -> bool:
    """Like git: a line that a terminal editor covers and that is wiped after, for a GUI editor
    that may open in another window (or return at once, without --wait)."""
    import os

    if not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        return False
    _stderr(f"Waiting for your editor ({one_line(editor)}) to close the file... ")
    return True


def _stderr(text: str) -> None:
    with contextlib.suppress(OSError):
        sys.stderr.write(text)
        sys.stderr.flush()
