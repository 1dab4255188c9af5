"""The one family of errors a user can cause. The CLI turns each into a line on stderr and an exit code."""

from __future__ import annotations

import os


class AspireError(Exception):
    """Something the user can fix; `message` is shown as it is."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadInput(AspireError):
    """An argument, an option or an answers file is wrong."""

    exit_code = 2


class BadAnswers(BadInput):
    """Several things wrong in one file of answers, each said in a line of its own (a returned form
    with three answers at fault names all three, not the first alone)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(lines[0])
        self.lines = lines


class BadFile(AspireError):
    """A file the tool reads is malformed or fails validation."""

    exit_code = 2


class NotATerminal(AspireError):
    """A prompt was needed but there is no terminal to ask in."""

    exit_code = 2


class Busy(AspireError):
    """Another aspire process holds the lock on the home folder."""

    exit_code = 75  # EX_TEMPFAIL: try again


class WriteFailed(AspireError):
    """The disk refused a write (full, read-only, a file where a folder should be)."""

    exit_code = 74  # EX_IOERR


class Aborted(AspireError):
    """The user stopped an interview (Ctrl-C, end of input, a closed terminal, a kill)."""

    exit_code = 130

    def __init__(self, message: str, exit_code: int = 130) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def os_error_message(exc: OSError) -> str:
    """'<file>: <what the system says>', e.g. '/tmp/xxx...: File name too long'."""
    what = exc.strerror or str(exc)
    return f"{os.fsdecode(exc.filename)}: {what}" if exc.filename is not None else what


def report(exc: AspireError) -> None:
    """One line on stderr, coloured on a terminal unless NO_COLOR is set."""
    label, colour = ("stopped:", "33") if isinstance(exc, Aborted) else ("error:", "31")
    for line in exc.lines if isinstance(exc, BadAnswers) else [exc.message]:
        _stderr_line(label, colour, line)


def warn(message: str) -> None:
    _stderr_line("warning:", "33", message)


def _stderr_line(label: str, colour: str, message: str) -> None:
    import sys

    from aspire_cli.safe_text import one_line

    message = one_line(message)  # a path or a value from a file cannot break or drive the terminal
    try:
        if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
            label = f"\x1b[{colour}m{label}\x1b[0m"
        print(f"{label} {message}", file=sys.stderr)
    except OSError:  # the terminal is gone (SIGHUP): nobody is left to tell
        pass
