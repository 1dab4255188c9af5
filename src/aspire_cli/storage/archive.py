"""The hand-over archive: one employee's records and follow-ups in a gzipped tar, with a manifest.

    manifest.toml                     format, format_version, aspire_version, created, employee, name,
                                      cadence_months, and [[files]]: path, sha256, size
    records/<employee>/<file>.toml    each record and follow-up, byte for byte as in the home

Only TOML records and follow-ups go in: the Markdown copies are rendered again from them on import,
and drafts and the versions kept by `aspire edit` never leave the home.

Reading trusts nothing, and writes nothing: the archive is read into memory with every size capped
(the file, each member, the unpacked whole, the number of members), and each member must be a
regular file under records/<employee>/ named as aspire names records and follow-ups, present once,
listed in the manifest with its size and sha256, as every manifest entry must be in the archive.
What the files say is checked by the caller (commands/handover_check.py), as aspire reads records.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
import zlib
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from aspire_cli.domain.ids import NAME_RULE
from aspire_cli.domain.models import EmployeeId
from aspire_cli.domain.schedule import CADENCE_MONTHS
from aspire_cli.errors import BadFile
from aspire_cli.safe_text import has_control_characters
from aspire_cli.storage.files import RECORD_LIMIT, MiB, read_regular
from aspire_cli.storage.layout import is_record_or_follow_up_name

FORMAT = "aspire-handover"
FORMAT_VERSION = 1
MANIFEST = "manifest.toml"
ARCHIVE_LIMIT = 64 * MiB  # the file as given: a career's records are a few hundred KiB
UNPACKED_LIMIT = 64 * MiB  # everything the gzip stream unpacks to, tar headers included
MEMBER_LIMIT = RECORD_LIMIT  # one record or follow-up, as aspire reads them from the home
MEMBERS_LIMIT = 10_000
NAME_SHOWN = 100  # characters of a member's name or link target shown in an error: a tar name has no limit


def _one_line(value: str) -> str:
    if has_control_characters(value):  # the name is shown in lines and titles, as a member's is
        raise ValueError(NAME_RULE)
    return value


class ManifestFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    size: int = Field(ge=0)


class Manifest(BaseModel):
    """What the archive says it holds; checked against what it does hold before anything is used."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["aspire-handover"]
    format_version: int = Field(ge=1, le=FORMAT_VERSION)
    aspire_version: str
    created: datetime
    employee: EmployeeId
    name: Annotated[str, AfterValidator(_one_line)] = ""
    cadence_months: int = Field(ge=CADENCE_MONTHS[0], le=CADENCE_MONTHS[-1])
    files: list[ManifestFile] = Field(default_factory=list)

    def to_toml_data(self) -> dict[str, Any]:
        return self.model_dump(mode="python")


class Unpacked(NamedTuple):
    manifest: Manifest
    files: dict[str, bytes]  # archive path -> bytes, in the manifest's order


def employee_folder(employee: str) -> str:
    return f"records/{employee}"


def file_entry(path: str, data: bytes) -> ManifestFile:
    return ManifestFile(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def pack(manifest: Manifest, files: dict[str, bytes]) -> bytes:
    """The archive's bytes: the manifest first, then the files, each a private regular file."""
    from aspire_cli.storage.toml_write import toml_text

    when = int(manifest.created.timestamp())
    buffer = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=buffer, mode="wb", mtime=when) as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        for name, data in {MANIFEST: toml_text(manifest.to_toml_data()).encode("utf-8"), **files}.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, when
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def unpack_file(path: Path, identities: Callable[[], Sequence[Any]]) -> Unpacked:
    """The archive at `path`, checked whole (see the module's docstring); a BadFile naming the file
    and the first thing wrong. One sealed to the reader (aspire handover --to) is opened in memory
    with `identities` first (asked only then): what it opens to is no bigger than the file."""
    import os

    from aspire_cli.storage.sealing import is_sealed, open_sealed

    if not os.path.lexists(path):
        raise BadFile(f"{path}: no such file")
    data = read_regular(path, ARCHIVE_LIMIT, follow=True)
    if is_sealed(data):
        data = open_sealed(data, identities(), str(path))
    return unpack(data, str(path))


def unpack(data: bytes, label: str) -> Unpacked:
    if not data.startswith(b"\x1f\x8b"):
        raise BadFile(f"{label}: not a hand-over archive (one made by aspire handover is a .tar.gz)")
    members, folders = _members(data, label)
    manifest = _manifest(members.pop(MANIFEST, None), label)
    folder = employee_folder(manifest.employee)
    for name in folders:
        if name not in ("records", folder):
            raise _outside(label, name, manifest.employee)
    listed = [entry.path for entry in manifest.files]
    for name in listed + list(members):
        if not _in_folder(name, manifest.employee):
            raise _outside(label, name, manifest.employee)
    if len(set(listed)) != len(listed):
        twice = next(name for name in listed if listed.count(name) > 1)
        raise BadFile(f"{label}: its manifest lists {_shown(twice)} twice; nothing imported.")
    for name in members:
        if name not in listed:
            raise BadFile(
                f"{label}: holds {_shown(name)}, which its manifest does not list; nothing imported."
            )
    for entry in manifest.files:
        found = members.get(entry.path)
        if found is None:
            raise BadFile(
                f"{label}: its manifest lists {_shown(entry.path)}, which is missing; nothing imported."
            )
        if len(found) != entry.size or hashlib.sha256(found).hexdigest() != entry.sha256:
            raise BadFile(
                f"{label}: {_shown(entry.path)} is not the file its manifest describes (its checksum "
                "differs: changed or damaged since the hand-over); nothing imported."
            )
    return Unpacked(manifest, {entry.path: members[entry.path] for entry in manifest.files})


class _Capped(io.RawIOBase):
    """The unpacked stream, refusing to give more than UNPACKED_LIMIT bytes (a gzip bomb)."""

    def __init__(self, stream: gzip.GzipFile, label: str) -> None:
        self.stream, self.label, self.given = stream, label, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        self.given += len(data)
        if self.given > UNPACKED_LIMIT:
            raise BadFile(
                f"{self.label}: unpacks to more than {UNPACKED_LIMIT // MiB} MiB, far more than one "
                "employee's records; nothing imported."
            )
        buffer[: len(data)] = data
        return len(data)


def _members(data: bytes, label: str) -> tuple[dict[str, bytes], list[str]]:
    """Every file in the archive by name, and the folders it names; a BadFile for anything else."""
    members: dict[str, bytes] = {}
    folders: list[str] = []
    stream = _Capped(gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb"), label)
    try:
        with tarfile.open(fileobj=io.BufferedReader(stream), mode="r|") as tar:
            for count, member in enumerate(tar, 1):
                name = member.name
                if count > MEMBERS_LIMIT:
                    raise BadFile(f"{label}: holds more than {MEMBERS_LIMIT} files; nothing imported.")
                if name in members or name in folders:
                    raise BadFile(f"{label}: holds {_shown(name)} twice; nothing imported.")
                if member.issym() or member.islnk():
                    raise BadFile(
                        f"{label}: {_shown(name)} is a link (to {_shown(member.linkname)}); a hand-over "
                        "holds only files; nothing imported."
                    )
                if member.isdir():
                    folders.append(name.rstrip("/"))
                    continue
                if not member.isfile():
                    raise BadFile(
                        f"{label}: {_shown(name)} is not a file (a device or a FIFO?); nothing imported."
                    )
                if member.size > MEMBER_LIMIT:
                    raise BadFile(
                        f"{label}: {_shown(name)} is {member.size / MiB:.1f} MiB, more than the "
                        f"{MEMBER_LIMIT // MiB} MiB of any record; nothing imported."
                    )
                extracted = tar.extractfile(member)
                members[name] = extracted.read() if extracted is not None else b""
    except (tarfile.TarError, EOFError, gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise BadFile(
            f"{label}: not a whole hand-over archive (damaged or cut short: {exc or type(exc).__name__}); "
            "nothing imported."
        ) from None
    return members, folders


def _manifest(data: bytes | None, label: str) -> Manifest:
    from aspire_cli.domain.validation import describe_error
    from aspire_cli.storage.toml_read import TomlError, load_bytes

    if data is None:
        raise BadFile(f"{label}: holds no {MANIFEST}, so it is not a hand-over archive; nothing imported.")
    try:
        raw = load_bytes(data)
    except TomlError as exc:
        raise BadFile(f"{label}: {MANIFEST} is not valid TOML: {exc}; nothing imported.") from None
    version = raw.get("format_version")
    if raw.get("format") == FORMAT and isinstance(version, int) and version > FORMAT_VERSION:
        raise BadFile(
            f"{label}: made by a newer aspire (hand-over format {version}; this one reads up to "
            f"{FORMAT_VERSION}); upgrade aspire to import it."
        )
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise BadFile(f"{label}: {MANIFEST}: {describe_error(exc, raw)}; nothing imported.") from None


def _in_folder(name: str, employee: str) -> bool:
    """Whether `name` is exactly records/<employee>/<a record's or a follow-up's file name>."""
    folder, _, file_name = name.rpartition("/")
    if folder != employee_folder(employee):
        return False
    return is_record_or_follow_up_name(file_name)


def _outside(label: str, name: str, employee: str) -> BadFile:
    return BadFile(
        f"{label}: {_shown(name)} is not a record in {employee_folder(employee)}/ (a hand-over holds only "
        f"{employee}'s records and follow-ups); nothing imported."
    )


def _shown(name: str) -> str:
    """A member's name as an error shows it: cut at NAME_SHOWN characters (a tar name can be megabytes)."""
    return name if len(name) <= NAME_SHOWN else name[: NAME_SHOWN - 1] + "…"
