"""`--out FILE` of the commands that write a document outside the home (export, share): checked
before anything is read, then written all at once, private.

What goes out holds personnel data, so the file is 0600 whatever the umask, and an existing one
becomes 0600 too. It is written as every file is (files.atomic_write): to a temporary file beside
it, fsynced and moved into place, so a crash leaves the old file whole, and a reader never sees
half of one. A symbolic link is neither written through nor replaced (it may point anywhere), a
folder or a device is refused, and so is any place inside the aspire folder, where a stray
`--out team.toml` would replace the truth.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from aspire_cli.errors import BadInput

STDOUT = "-"


def checked_target(target: str | None, home: Path, option: str = "--out") -> Path | None:
    """The file `target` names, once it is known that it may be written (None: stdout); a BadInput
    saying why not, before any work is done."""
    if target is None or target == STDOUT:
        return None
    if not target.strip():
        raise BadInput(f"{option} is empty: give a file name, or leave it out to print")
    path = Path(target)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise BadInput(f"{option} {target}: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise BadInput(
            f"{option} {target} is a symbolic link; aspire neither writes through it nor replaces it: "
            "give the file it points to, or another name"
        )
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise BadInput(f"{option} {target} is a folder: give a file name inside it")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise BadInput(f"{option} {target} is not a regular file (a FIFO, a socket or a device?)")
    folder = path.parent
    if not folder.is_dir():
        raise BadInput(f"{option} {target}: there is no folder {folder}")
    if _inside(folder, home):
        raise BadInput(f"{option} {target} is inside your aspire folder ({home}): write it elsewhere")
    return path


def _inside(folder: Path, home: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(home.resolve())
    except OSError:
        return False


def write_out(path: Path | None, data: bytes) -> None:
    """`data` to stdout (`path` None) or into `path`, replacing it at once, 0600."""
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from aspire_cli.storage.files import atomic_write

    atomic_write(path, data)  # a link put there since it was checked is refused, never written through
