"""Single files, read and written safely: the primitives under every module of storage (folders.py
does the same for folders; layout.py knows where each file lives).

Every write goes through atomic_write: a private temporary file in the same folder, fsynced and
moved into place with os.replace, so the old file stays whole until the new one is. A read takes
only a regular file, up to a cap. A stamp tells whether a file changed since the index learnt from it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat as stat_module
from pathlib import Path
from typing import Any

from aspire_cli.errors import BadFile, WriteFailed

Stamp = str
"""A file's identity and last change, "inode:size:mtime:ctime" (nanoseconds): one short string."""

STABLE_AFTER_NS = 2_000_000_000
"""How old a stamp must be to be kept in the index: a change within the file system's timestamp granularity
could otherwise leave it unchanged (git's "racily clean" problem)."""

MiB = 1024 * 1024
RECORD_LIMIT = 4 * MiB
"""The largest record or draft read: a year of answers is a few KiB, so a bigger file is not one."""
TEAM_LIMIT = 64 * MiB
ANSWERS_LIMIT = RECORD_LIMIT
"""The largest answers file (--answers FILE, or standard input) read: answers become a record, so at
most what a record may be; a talk's answers are a few KiB."""
SET_LIMIT = MiB
"""The largest question set read (shipped, your own or --questions FILE): the shipped ones are a few KiB."""


def stamp(path: str | Path, now_ns: int, *, follow: bool = True) -> tuple[Stamp | None, bool]:
    """The path's stamp (None if absent) and whether it has settled, i.e. is old enough that any
    later change is bound to change the stamp too. ctime cannot be set back by hand. Without
    `follow`, a symbolic link's own stamp. Any error but absence (a name too long, a folder that
    cannot be searched) is raised: it must not pass for "absent"."""
    try:
        # str paths and os.stat: called per member by `aspire due`, where pathlib costs
        st = os.stat(path) if follow else os.lstat(path)  # noqa: PTH116
    except (FileNotFoundError, NotADirectoryError):
        return None, True
    settled = max(st.st_mtime_ns, st.st_ctime_ns) < now_ns - STABLE_AFTER_NS
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}", settled


def read_toml(path: Path, limit: int = RECORD_LIMIT, *, follow: bool = False) -> dict[str, Any]:
    """A TOML file's data, or a BadFile naming the file and, where TOML knows it, the line.
    Only a regular file of at most `limit` bytes is read; a link is followed only with `follow`."""
    # not at the top: a warm `aspire due` reads no TOML, and need not load a parser
    from aspire_cli.storage.toml_read import TomlError, load_bytes

    data = read_regular(path, limit, follow=follow)
    try:
        return load_bytes(data)
    except TomlError as exc:
        raise BadFile(f"{path}: not valid TOML: {exc}") from None


def read_regular(path: Path, limit: int, *, follow: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or a BadFile saying why not. A FIFO
    cannot block the read (O_NONBLOCK, then fstat); a link is followed only with `follow`."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise unreadable(path, exc) from None
    try:
        info = os.fstat(fd)
        refuse_unless_regular(path, info.st_mode)
        _refuse_if_bigger(path, info.st_size, limit)
        data = _read_at_most(fd, limit + 1)
        _refuse_if_bigger(path, len(data), limit)  # it grew while being read
        return data
    except OSError as exc:
        raise unreadable(path, exc) from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while size > 0 and (chunk := os.read(fd, min(size, MiB))):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def refuse_unless_regular(path: Path, mode: int) -> None:
    if stat_module.S_ISDIR(mode):
        raise BadFile(f"{path}: is a folder, expected a file")
    if not stat_module.S_ISREG(mode):
        raise BadFile(f"{path}: is not a regular file (a FIFO, a socket or a device?); move it away")


def _refuse_if_bigger(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise BadFile(
            f"{path}: is {size / MiB:.1f} MiB, more than the {limit // MiB} MiB aspire reads "
            "for such a file; is it the right file?"
        )


def unreadable(path: Path, exc: OSError) -> BadFile:
    """A BadFile for a read the system refused: a link not to follow, or what the system says."""
    if exc.errno == errno.ELOOP:
        return symlink_refused(path)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return BadFile(f"{path}: does not exist (any more?)")
    return BadFile(f"{path}: cannot be read: {exc.strerror or exc}")


def symlink_refused(path: Path) -> BadFile:
    return BadFile(
        f"{path} is a symbolic link, and aspire does not follow links it did not make inside its "
        "home: put the real file or folder there instead"
    )


def refuse_symlink(path: Path) -> None:
    """A BadFile if `path` is a symbolic link; nothing if it is anything else or absent."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        raise unreadable(path, exc) from None
    if stat_module.S_ISLNK(mode):
        raise symlink_refused(path)


def atomic_write(path: Path, data: str | bytes, *, durable: bool = True, mode: int = 0o600) -> None:
    """Replace `path` with `data` (text as UTF-8) all at once: the old file stays whole until the
    new one is. The one writer: every file aspire writes goes through it, or, for one that must
    never replace a file (a hand-over archive, a readable copy an import adds), atomic_create.

    `durable` fsyncs the data and the folder, so that a power cut cannot lose a saved answer.
    `mode` is the new file's: private, unless a caller keeps an existing file's (the calendar).
    """
    refuse_symlink(path)  # replacing it would silently cut a link the user made
    tmp: str | None = None
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        tmp = private_temp_file(path, raw, durable=durable, mode=mode)
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


def private_temp_file(path: Path, data: bytes, *, durable: bool = True, mode: int = 0o600) -> str:
    """`data` in a new temporary file beside `path`, private (or `mode`), fsynced when `durable`: the
    first half of every atomic write (the caller moves or links it into place, or removes it). An
    OSError leaves no file behind."""
    fd, tmp = _new_temp_file(path)
    try:
        try:
            os.fchmod(fd, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _new_temp_file(path: Path) -> tuple[int, str]:
    """A new, empty, private file `.<name>.<random>.tmp` beside `path`, opened for writing: what
    tempfile.mkstemp makes, without the ~10 ms its import costs every command that writes."""
    for _ in range(100):
        tmp = str((path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp").absolute())  # as mkstemp gives it
        try:
            return os.open(
                tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600
            ), tmp
        except FileExistsError:  # 48 random bits taken: try another
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(path.parent))


def atomic_create(path: Path, data: bytes) -> None:
    """`data` as a new private file at `path`, whole or not at all, never replacing one: a
    FileExistsError, and the file left as it is, if one is there (a hard link to a finished
    temporary file is made only where nothing is). Any other OSError is the caller's to name."""
    made = private_temp_file(path, data)
    tmp: str | None = made  # None once moved into place: nothing left to remove
    try:
        if not _linked(made, path):
            tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def move_file(source: Path, target: Path) -> None:
    """Move a file of the home to a new name (into .versions/ and back), whole, never replacing
    one: a FileExistsError, and nothing moved, if `target` is taken. A link or anything but a
    regular file in place of `source` is a BadFile, and stays. Durable, as atomic_write is. Any
    other OSError is the caller's to name."""
    refuse_unless_regular(source, _own_mode(source))
    if _linked(source, target):
        os.unlink(source)
    for folder in {target.parent, source.parent}:
        _fsync_dir(folder)


def _linked(source: str | Path, target: Path) -> bool:
    """`target` made a second name of the file `source`, never replacing a file (a FileExistsError
    if one is there): True. On a file system without hard links, `source` is moved to `target`
    instead, where nothing is: False, and `source` is gone."""
    try:
        os.link(source, target, follow_symlinks=False)
        return True
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise  # FileExistsError among them
    if os.path.lexists(target):  # check, then move
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    os.replace(source, target)
    return False


def _own_mode(path: Path) -> int:
    """The mode of `path` itself (a link is not followed: it is refused)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise unreadable(path, exc) from None
    if stat_module.S_ISLNK(mode):
        raise symlink_refused(path)
    return mode


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_failed(path: Path, exc: OSError) -> WriteFailed:
    reasons = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.ENOTDIR: "a file stands where a folder should be",
        errno.EISDIR: "it is a folder",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    if exc.errno == errno.ENOENT and not path.parent.is_dir():
        reason = f"there is no folder {path.parent}"
    return WriteFailed(f"could not write {path}: {reason}.")
