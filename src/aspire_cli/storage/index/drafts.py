"""Drafts in the index: table drafts, each draft's date and progress (or the problem with it), so
that `aspire drafts` parses no TOML while the files are unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aspire_cli.errors import AspireError
from aspire_cli.storage.files import stamp
from aspire_cli.storage.index.db import IndexDb, seal


class DraftRows:
    def __init__(self, db: IndexDb) -> None:
        self.db = db
        self.known: dict[str, tuple[Any, ...]] | None = None  # read at the first draft asked for

    def draft(self, path: Path, learn: Callable[[], tuple[str, str]]) -> tuple[str, str] | str:
        """A draft's date and progress ("3 of 8"), or the problem with it: from the index while the
        file is unchanged, else from `learn()` (which raises an AspireError for a bad draft)."""
        if self.known is None:
            self.known = self._stored()
        current, settled = stamp(path, self.db.now_ns, follow=False)
        known = self.known.get(path.name)
        if current is not None and known is not None and known[0] == current:
            return known[3] if known[3] is not None else (known[1], known[2])
        row: tuple[str | None, ...]
        try:
            dated, answered = learn()
            found: tuple[str, str] | str = (dated, answered)
            row = (path.name, current, dated, answered, None)
        except AspireError as exc:
            found = exc.message
            row = (path.name, current, None, None, exc.message)
        if settled and current is not None:
            self.db.change("INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?, ?, ?)", *row, seal(*row))
        return found

    def _stored(self) -> dict[str, tuple[Any, ...]]:
        known: dict[str, tuple[Any, ...]] = {}
        for name, draft_stamp, dated, answered, problem, sealed in self.db.rows("SELECT * FROM drafts"):
            if sealed != seal(name, draft_stamp, dated, answered, problem):
                continue  # a row that does not hold up is a miss
            if problem is None and not (isinstance(dated, str) and isinstance(answered, str)):
                continue
            known[name] = (draft_stamp, dated, answered, problem)
        return known
