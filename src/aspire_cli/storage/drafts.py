"""A home's drafts: the answers given so far in an unfinished interview, <home>/drafts/<employee>.<kind>.toml
(layout.py), saved after every answer, read back to resume, removed once the record is written. They
stay on this machine (sync never sends them)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import BadFile
from aspire_cli.storage import layout
from aspire_cli.storage.files import atomic_write, read_toml
from aspire_cli.storage.folders import folder_names, private_dir
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:
    from aspire_cli.domain.models import Draft, Record
    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.storage.store import Store


class Drafts:
    """<home>/drafts/: one draft per employee and kind of interview."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.root = layout.drafts_root(store.home)

    def path(self, employee: str, kind: str) -> Path:
        return layout.draft_path(self.store.home, employee, kind)

    def read(self, employee: str, kind: str, qset: QuestionSet) -> Draft | None:
        """The unfinished interview's answers so far, checked like typed ones; None if there is none."""
        from aspire_cli.domain.models import Draft
        from aspire_cli.storage.validated import answers_checked, validated

        path = self.path(employee, kind)
        if not path.exists():
            return None
        draft: Draft = validated(Draft, path, read_toml(path))
        if draft.employee != employee or draft.kind != kind:
            raise BadFile(f"{path}: holds a {draft.kind} draft for '{draft.employee}'; delete or move it.")
        return answers_checked(draft, qset, path, complete=False)

    def save(self, draft: Record) -> Path:
        """Save a draft (a Draft, or a Record holding the answers so far)."""
        path = self.path(draft.employee, draft.kind)
        private_dir(self.store.home)
        private_dir(self.root, follow=False)
        atomic_write(path, toml_text(draft.to_toml_data()))
        return path

    def delete(self, employee: str, kind: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(employee, kind).unlink()

    def listed(self) -> list[Path]:
        """The files named like drafts, by name alone; a BadFile if a link or a file stands in place
        of the drafts folder."""
        return sorted(self.root / name for name in folder_names(self.root) if layout.is_draft_name(name))
