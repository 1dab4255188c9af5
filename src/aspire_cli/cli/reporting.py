"""The one error path of the launcher and the Typer app: whatever stops a command becomes one line
on stderr and an exit code; Ctrl-C exits 130, a reader gone away (`aspire due | head -1`) 141."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

from aspire_cli.errors import AspireError, WriteFailed, os_error_message, report

BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE, what a C tool killed by the signal reports


def reporting(command: Callable[[], int]) -> int:
    """Run `command`, flush its output, and turn whatever stops it into one line and an exit code:
    the one error path of both the launcher and the Typer app."""
    import sys

    try:
        code = command()
        sys.stdout.flush()  # here, not at exit, where a reader gone away means "Exception ignored"
        return code
    except KeyboardInterrupt as interrupt:
        from aspire_cli.interview.interrupts import as_aborted

        stop = as_aborted(interrupt)
        report(stop)
        return stop.exit_code
    except AspireError as exc:
        report(exc)
        return exc.exit_code
    except BrokenPipeError:  # `aspire due | head -1`: the reader has all it wants
        return _stdout_to_devnull()
    except OSError as exc:  # the last resort: the real causes are handled where they arise
        failed = WriteFailed(os_error_message(exc))
        report(failed)
        return failed.exit_code


def _stdout_to_devnull() -> int:
    """The Python documentation's recipe: the final flush at exit then writes nowhere, quietly."""
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):  # ValueError: no descriptor (under a test runner)
        os.dup2(devnull, sys.stdout.fileno())
    return BROKEN_PIPE_EXIT
