"""Ctrl-X Ctrl-E during an interview: $EDITOR's temporary file made in a private folder of the home
(<home>/.editing, 0700), not in /tmp where others could read it. `aspire edit` keeps its copies
in the same folder."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from aspire_cli.storage.folders import private_dir

EDITING_FOLDER = ".editing"  # inside the private home, not in /tmp


@contextlib.contextmanager
def editor_files_in(folder: Path) -> Iterator[None]:
    """$EDITOR's temporary file (Ctrl-X Ctrl-E) is made in `folder`, private, instead of /tmp."""
    import tempfile

    private_dir(folder)
    previous = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = previous
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: another interview may be editing in it
