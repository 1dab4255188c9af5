"""Folders inside the home: listed without following a link, checked for a link or a file in their
place, and made private (0700) level by level, whatever the umask."""

from __future__ import annotations

import errno
import os
import stat as stat_module
from pathlib import Path

from aspire_cli.errors import BadFile, WriteFailed
from aspire_cli.storage.files import symlink_refused, unreadable, write_failed


def folder_names(folder: Path) -> list[str]:
    """The names in a folder inside the home ([] if there is none), opened without following a
    link; a BadFile if a link or a file stands in its place or it cannot be read."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return []
    except OSError as exc:
        if exc.errno == errno.ENOTDIR and not own_folder_exists(folder):
            return []  # a file stands in place of a folder above: a write names it
        raise _folder_refused(folder, exc) from None
    try:
        with os.scandir(fd) as entries:
            return [entry.name for entry in entries]
    except OSError as exc:
        raise _folder_refused(folder, exc) from None
    finally:
        os.close(fd)


def own_folder_exists(folder: Path) -> bool:
    """Whether a folder inside the home exists; a BadFile if a link or a file stands in its place."""
    try:
        mode = os.lstat(folder).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise unreadable(folder, exc) from None
    if stat_module.S_ISLNK(mode):
        raise symlink_refused(folder)
    if not stat_module.S_ISDIR(mode):
        raise BadFile(f"{folder}: is a file, not a folder; move it away")
    return True


def _folder_refused(folder: Path, exc: OSError) -> BadFile:
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        try:
            own_folder_exists(folder)
        except BadFile as which:  # a link, or a file
            return which
    return unreadable(folder, exc)


def private_dir(folder: Path, *, follow: bool = True) -> None:
    """Create a folder only its owner can enter (whatever the umask), and each missing folder above
    it the same way; leave an existing one be. Without `follow`, a link in its place is refused."""
    try:
        mode = (os.stat if follow else os.lstat)(folder).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise write_failed(folder, exc) from None
    if mode is not None and stat_module.S_ISLNK(mode):
        raise symlink_refused(folder)
    if mode is not None and not stat_module.S_ISDIR(mode):
        raise _not_a_folder(folder)
    if mode is None:
        _make_private_levels(folder)


def _make_private_levels(folder: Path) -> None:
    """mkdir(parents=True) would give the parents the umask's mode: each level is made 0700 here."""
    missing = []
    level = folder
    while not os.path.lexists(level) and level != level.parent:
        missing.append(level)
        level = level.parent
    for level in reversed(missing):
        try:
            level.mkdir(0o700)
            level.chmod(0o700)
        except FileExistsError:
            if not level.is_dir():  # made by another process at the same moment: fine if a folder
                raise _not_a_folder(level) from None
        except OSError as exc:
            raise write_failed(level, exc) from None


def _not_a_folder(folder: Path) -> WriteFailed:
    return WriteFailed(f"{folder} is a file, not a folder: move it away and try again.")
