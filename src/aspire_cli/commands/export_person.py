"""`aspire export --person EMPLOYEE [--out FILE]`: everything this home holds about one person, as
one JSON document, for an access request (the shape is documented in docs/formats.md).

Everything: the team entry, every record (preps with the leader's notes and assessments included,
talks, conflict copies a sync left) and follow-up with its whole data, what edits and deletes kept
in .versions/, the highest action number given, and the unfinished drafts. Readable copies (.md)
are left out: each is written from its record, which is in. A file that cannot be read as TOML is
given as its text, with the reason; a file aspire does not know is named. Read from the files
themselves, not the index: an access request must not depend on a cache.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aspire_cli.errors import AspireError, BadInput
from aspire_cli.safe_text import one_line
from aspire_cli.storage import layout
from aspire_cli.storage.files import RECORD_LIMIT, read_regular
from aspire_cli.storage.folders import folder_names
from aspire_cli.storage.merge_driver import original
from aspire_cli.storage.out_file import checked_target, write_out
from aspire_cli.views.json_text import json_text

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store

SCHEMA = "aspire-person-export/1"


def run_export_person(store: Store, employee: str, out: str | None, now: datetime) -> int:
    target = checked_target(out, store.home)  # before anything is read
    document = person_document(store, employee, now)
    write_out(target, (json_text(document) + "\n").encode("utf-8"))
    if target is not None:
        held = len(document["records"]) + len(document["kept_versions"])
        print(one_line(f"Wrote everything held about {employee} ({held} records and versions) to {out}"))
    return 0


def person_document(store: Store, employee: str, now: datetime) -> dict[str, Any]:
    """The document; a BadInput when nothing at all is held about `employee`."""
    team_entry = _team_entry(store, employee) if store.has_home() else None
    folder = store.records.folder(employee)
    files = _folder_files(folder, store.home)
    drafts = [_file(path, store.home) for path in _drafts(store, employee)]
    if team_entry is None and not any(files.values()) and not drafts:
        raise BadInput(f"nothing is held about '{employee}': not on your team, no records, no drafts")
    return {
        "schema": SCHEMA,
        "exported": now.isoformat(),
        "employee": employee,
        "team_entry": team_entry,
        **files,
        "drafts": drafts,
    }


def _team_entry(store: Store, employee: str) -> dict[str, Any] | None:
    """Their entry in team.toml as it is written (None: not there); the reason if it cannot be read."""
    try:
        members = store.team.data().get("members")
    except AspireError as exc:
        return {"problem": exc.message}
    entry = members.get(employee) if isinstance(members, dict) else None
    return None if entry is None else _plain(entry)


def _folder_files(folder: Path, home: Path) -> dict[str, Any]:
    """The employee's folder, by what each file is."""
    found: dict[str, Any] = {"records": [], "follow_ups": [], "kept_versions": [], "other_files": []}
    given = None
    for name in sorted(folder_names(folder)):
        path = folder / name
        if name == layout.VERSIONS_FOLDER:
            found["kept_versions"] = _kept_versions(path, home)
            continue
        number = layout.parse_numbers_given_name(name)
        was = original(name)
        if number is not None:
            given = max(given or 0, number)
        elif layout.split_record_name(was):
            found["records"].append(_file(path, home, conflict_copy=was != name))
        elif layout.parse_follow_up_name(was):
            found["follow_ups"].append(_file(path, home, conflict_copy=was != name))
        elif not layout.is_markdown_name(was):
            found["other_files"].append(_relative(path, home))
    found["action_numbers_given"] = given
    return found


def _kept_versions(versions: Path, home: Path) -> list[dict[str, Any]]:
    kept = []
    for name in sorted(folder_names(versions)):
        named = layout.parse_kept_name(name)
        if named is None or named.name.endswith(".md"):
            continue
        entry = _file(versions / name, home)
        kept.append({**entry, "was": named.name, "kept": named.token, "deleted": named.deleted})
    return kept


def _drafts(store: Store, employee: str) -> list[Path]:
    root = layout.drafts_root(store.home)
    return [
        root / layout.draft_name(employee, kind)
        for kind in ("prep", "talk")
        if layout.draft_name(employee, kind) in set(folder_names(root))
    ]


def _file(path: Path, home: Path, *, conflict_copy: bool = False) -> dict[str, Any]:
    """A file's path in the home and its whole data; its text and the reason when it is not TOML."""
    from aspire_cli.storage.toml_read import TomlError, load_bytes

    entry: dict[str, Any] = {"file": _relative(path, home)}
    if conflict_copy:
        entry["conflict_copy"] = True
    try:
        data = read_regular(path, RECORD_LIMIT)
    except AspireError as exc:
        return {**entry, "problem": exc.message}
    try:
        entry["data"] = _plain(load_bytes(data))
    except TomlError as exc:
        entry.update(problem=f"not valid TOML: {exc}", text=data.decode("utf-8", "replace"))
    return entry


def _relative(path: Path, home: Path) -> str:
    return path.relative_to(home).as_posix()


def _plain(value: Any) -> Any:
    """TOML's data as JSON holds it: a date, a time or a date and time in ISO form."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value
