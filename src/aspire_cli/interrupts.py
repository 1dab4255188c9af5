"""Signals during an interview: a closed terminal or a `kill` stops it like Ctrl-C does.

SIGHUP (the terminal went away) and SIGTERM are raised as a KeyboardInterrupt (not a plain error:
asyncio, under the prompts, would swallow that), then turned into an Aborted error, so that the
usual path runs: no record, the draft kept, a message saying where. While a draft is being saved both
are held back, so that an answer already given is never half-saved; they are delivered right after.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

from aspire_cli.errors import Aborted

STOPPING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


class SignalStop(KeyboardInterrupt):
    def __init__(self, signum: int) -> None:
        super().__init__(f"received {signal.Signals(signum).name}")
        self.exit_code = 128 + signum


def as_aborted(interrupt: KeyboardInterrupt) -> Aborted:
    if isinstance(interrupt, SignalStop):
        return Aborted(str(interrupt), interrupt.exit_code)
    return Aborted("interrupted")


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    def stop(signum: int, _frame: FrameType | None) -> None:
        raise SignalStop(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
