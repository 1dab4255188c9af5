"""What `aspire import` adds to a home (commands/handover_import.py checks it all first): the member, their
records with readable copies and their follow-ups, each under a name found free, nothing replaced."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from aspire_cli.errors import BadFile
from aspire_cli.storage import layout
from aspire_cli.storage.files import atomic_write
from aspire_cli.storage.folders import private_dir
from aspire_cli.storage.records import slot_taken
from aspire_cli.storage.toml_write import toml_text

if TYPE_CHECKING:
    from aspire_cli.domain.models import Team
    from aspire_cli.storage.store import Store


def add_handed_over(
    store: Store,
    employee: str,
    team: Team | None,
    records: list[tuple[str, str, str]],
    follow_ups: list[tuple[str, str]],
) -> None:
    """Written by a caller that holds the lock and has checked everything: the team with the member
    added (None: unchanged), then each record (file name, TOML, Markdown) and follow-up (file name,
    TOML) under a name found free; nothing is replaced (a name taken since is a BadFile). One commit
    for the whole import, if any."""
    written: list[Path] = []
    try:
        if team is not None:
            private_dir(store.home)
            atomic_write(store.team.path, toml_text(team.to_toml_data()))
            written.append(store.team.path)
        folder = layout.records_dir(store.home, employee)
        if records or follow_ups:
            private_dir(folder.parent, follow=False)
            private_dir(folder, follow=False)
        for name, text, markdown in records:
            path = folder / name
            _refuse_taken(path, layout.markdown_path(path))
            atomic_write(path, text)
            written.append(path)
            atomic_write(layout.markdown_path(path), markdown)
            written.append(layout.markdown_path(path))
        for name, text in follow_ups:
            _refuse_taken(folder / name)
            atomic_write(folder / name, text)
            written.append(folder / name)
    finally:
        if written:
            change = f"import: {employee}, {len(records)} records, {len(follow_ups)} follow-ups"
            store.committed(change, *written)


def _refuse_taken(*paths: Path) -> None:
    for path in paths:
        if slot_taken(path):
            raise BadFile(f"{path}: appeared during the import and is left as it is; import again.")
