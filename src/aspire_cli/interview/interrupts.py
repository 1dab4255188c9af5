"""Stopping an interview: Ctrl-C, a closed terminal or a `kill`, wherever it lands, stops it the same way.

While a prompt is live, prompt_toolkit turns Ctrl-C into a key and asyncio handles SIGINT; between
two prompts (the terminal back in cooked mode) Ctrl-C is a plain SIGINT. A KeyboardInterrupt raised
at an arbitrary instant there can land inside asyncio's or prompt_toolkit's own clean-up, where it
is swallowed ("Exception ignored in ...") and the interview carries on. So during an interview a
SIGINT is only *noted*, and every prompt checks for a noted signal just before it goes live (after
asyncio's handler has taken over, so nothing can slip between the check and the prompt).

SIGHUP (the terminal went away) and SIGTERM are noted too, and also raised at once as a
KeyboardInterrupt (not a plain error: asyncio, under the prompts, would swallow that), because a
prompt does not listen for them. Either way the usual path runs: no record, the draft kept, a
message saying where. While a draft or a record is being saved all three are held back, so that an
answer already given is never half-saved; they are delivered right after.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

from aspire_cli.errors import Aborted

STOPPING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
HELD_SIGNALS = (signal.SIGINT, *STOPPING_SIGNALS)

_noted: list[int] = []  # signals received during an interview, not yet acted on


class SignalStop(KeyboardInterrupt):
    def __init__(self, signum: int) -> None:
        super().__init__(f"received {signal.Signals(signum).name}")
        self.exit_code = 128 + signum


def as_aborted(interrupt: KeyboardInterrupt) -> Aborted:
    if isinstance(interrupt, SignalStop):
        return Aborted(str(interrupt), interrupt.exit_code)
    return Aborted("interrupted")


def stop_if_signalled() -> None:
    """Raise the noted signal, if any, as a KeyboardInterrupt: the checkpoint before each prompt."""
    if _noted:
        signum = _noted[0]
        _noted.clear()
        raise KeyboardInterrupt() if signum == signal.SIGINT else SignalStop(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    def note(signum: int, _frame: FrameType | None) -> None:
        _noted.append(signum)

    def stop(signum: int, _frame: FrameType | None) -> None:
        _noted.append(signum)
        raise SignalStop(signum)

    _noted.clear()
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, note)}
    previous |= {sig: signal.signal(sig, stop) for sig in STOPPING_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _noted.clear()


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _drop(_signum: int, _frame: FrameType | None) -> None:
    pass


@contextlib.contextmanager
def saving_the_record() -> Iterator[None]:
    """Around writing a record: stops are held back while it is written, and dropped afterwards,
    because once the record is on disk the run has succeeded (a stop now would only mislead)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        previous = {sig: signal.signal(sig, _drop) for sig in HELD_SIGNALS}
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)  # a held stop is delivered, and dropped
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        _noted.clear()
