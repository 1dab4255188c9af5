"""Single files, read and written safely: the primitives under store.py (which knows the layout).

Every write goes to a private temporary file in the same folder, is fsynced and moved into place
with os.replace, so the old file stays whole until the new one is. Locks are flocks, which the
kernel drops however the process ends. A stamp tells whether a file changed since a cache was made.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from aspire_cli.errors import BadFile, Busy, WriteFailed

Stamp = str
"""A file's identity and last change, "inode:size:mtime:ctime" (nanoseconds): one short JSON string."""

STABLE_AFTER_NS = 2_000_000_000
"""How old a stamp must be to be cached: a change within the file system's timestamp granularity
could otherwise leave it unchanged (git's "racily clean" problem)."""


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float, busy: str) -> Iterator[None]:
    """An flock on `path`, retried for `timeout` seconds. The kernel drops it when the process ends,
    however it ends, so a crash can never leave the home locked."""
    import fcntl
    import time

    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.fchmod(fd, 0o600)
    except OSError as exc:
        raise write_failed(path, exc) from None
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


def stamp(path: str | Path, now_ns: int) -> tuple[Stamp | None, bool]:
    """The path's stamp (None if absent) and whether it has settled, i.e. is old enough that any
    later change is bound to change the stamp too. ctime cannot be set back by hand."""
    try:
        st = os.stat(path)  # noqa: PTH116 - called per member by `aspire due`: a str path is faster
    except (FileNotFoundError, NotADirectoryError):
        return None, True
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - STABLE_AFTER_NS
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}", settled


def read_json(path: Path) -> Any:
    """A cache file's data, or None when it is missing or unreadable (a cache is never the truth)."""
    import json

    try:
        with path.open("rb") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: Any) -> None:
    """Write a cache file privately and atomically; a failure is ignored, the cache is optional."""
    import json

    with contextlib.suppress(WriteFailed):
        atomic_write(path, json.dumps(data, separators=(",", ":")), durable=False)


def read_toml(path: Path) -> dict[str, Any]:
    """A TOML file's data, or a BadFile naming the file and, where TOML knows it, the line."""
    import tomllib  # not at the top: a warm `aspire due` reads no TOML at all

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise BadFile(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise BadFile(f"{path}: not valid TOML: the file is not UTF-8 text") from None
    except IsADirectoryError:
        raise BadFile(f"{path}: is a folder, expected a TOML file") from None
    except OSError as exc:
        raise BadFile(f"{path}: cannot be read: {exc.strerror}") from None


def atomic_write(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` all at once: the old file stays whole until the new one is.

    `durable` fsyncs the data and the folder, so that a power cut cannot lose a saved answer.
    """
    import tempfile

    data = text.encode("utf-8")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
        if durable:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise write_failed(path, exc) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_dir(folder: Path) -> None:
    """Create a folder only its owner can enter (whatever the umask); leave an existing one be."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
    except FileExistsError:
        raise WriteFailed(f"{folder} is a file, not a folder: move it away and try again.") from None
    except OSError as exc:
        raise write_failed(folder, exc) from None


def write_failed(path: Path, exc: OSError) -> WriteFailed:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.ENOTDIR: "a file stands where a folder should be",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return WriteFailed(f"could not write {path}: {reason}.")


def toml_text(data: dict[str, Any]) -> str:
    """TOML text, written the way records are: lists of tables under [answers] always as
    [[answers.<id>]] blocks, for people reading the file."""
    import tomli_w

    # Multi-line strings read best, but TOML turns a carriage return in them into a plain newline:
    # a document holding one is written with escaped one-line strings, so every answer comes back exact.
    multiline = not any("\r" in text for text in _strings(data))
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return tomli_w.dumps(data, multiline_strings=multiline)
    blocks = {k: v for k, v in answers.items() if isinstance(v, list) and v}
    plain = {k: v for k, v in answers.items() if k not in blocks}
    # [answers] is the last table written, so its array-of-tables blocks can follow it
    text = tomli_w.dumps({**data, "answers": plain}, multiline_strings=multiline)
    for key, items in blocks.items():
        for item in items:
            text += f"\n[[answers.{key}]]\n" + tomli_w.dumps(item, multiline_strings=multiline)
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
