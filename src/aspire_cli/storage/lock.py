"""Locks: flocks, which the kernel drops however the process ends, so a crash can never leave a
home locked. The home's lock (<home>/.lock) is held around every read-modify-write; an interview
holds one of its own (store.py says which)."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from aspire_cli.errors import AspireError, Busy
from aspire_cli.storage.files import refuse_unless_regular, symlink_refused, write_failed


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float, busy: str) -> Iterator[None]:
    """An flock on `path`, retried for `timeout` seconds. The kernel drops it when the process ends,
    however it ends, so a crash can never leave the home locked."""
    import fcntl
    import time

    fd = _open_lock_file(path)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(busy) from None
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def _open_lock_file(path: Path) -> int:
    """The lock file, opened without following a link (a planted `.lock` link would otherwise have
    its target chmodded) and without blocking on a FIFO; only a regular file will do."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as exc:
        raise symlink_refused(path) if exc.errno == errno.ELOOP else write_failed(path, exc) from None
    try:
        refuse_unless_regular(path, os.fstat(fd).st_mode)
        os.fchmod(fd, 0o600)
    except (OSError, AspireError) as exc:
        os.close(fd)
        raise write_failed(path, exc) if isinstance(exc, OSError) else exc from None
    return fd
