"""Two leaders' homes for `aspire handover` and `aspire import`, and hand-over archives built by
hand with tarfile (hostile ones included)."""

from __future__ import annotations

import hashlib
import io
import os
import tarfile
from pathlib import Path

PREP = (
    'potential = "Head of platform"\npotential_level = "two or more levels up"\nreadiness = "1-2 years"\n'
    'development = "A rotation"\nstrengths = "Systems thinking"\nshort_term_needs = "Presenting"\n'
    'next_assignment = "Tech lead"\n'
)


def talk(*actions: tuple[str, str | None]) -> str:
    text = (
        'short_term_aspiration = "Lead a small team"\nlong_term_aspiration = "Director"\n'
        'aspiration_level = "one level up"\nknows_path = "Partly"\nwilling = "yes"\n'
        'core_strength = "Design"\ndevelopment_area = "Delegation"\nnext_assignment_wish = "More scope"\n'
    )
    for action, due in actions:
        text += f'\n[[actions]]\naction = "{action}"\nmeasure = "Measured"\n'
        text += f"due = {due}\n" if due else ""
    return text


class Homes:
    def __init__(self, aspire, tmp_path: Path) -> None:
        self.aspire = aspire
        self.old = tmp_path / "old"
        self.new = tmp_path / "new"
        self.out = tmp_path / "out"
        self.out.mkdir()

    def run(self, home: Path, *args: str, input: str | None = None, ok: bool = True):
        result = self.aspire("--home", str(home), *args, input=input)
        if ok:
            assert result.exit_code == 0, result.stderr
        return result

    def held(self, home: Path, kind: str, day: str, answers: str, employee: str = "alice") -> None:
        self.run(home, kind, employee, "--date", day, "--answers", "-", input=answers)

    def hand_over(self, *extra: str, name: str = "alice.tar.gz") -> Path:
        self.run(self.old, "handover", "alice", "--out", str(self.out / name), *extra)
        return self.out / name


def files(home: Path) -> dict[str, bytes | None]:
    """Every path in the home (None for a folder) with its bytes: what 'nothing written' compares."""
    found: dict[str, bytes | None] = {}
    for root, folders, names in os.walk(home):
        for folder in folders:
            found[os.path.relpath(Path(root, folder), home)] = None
        for name in names:
            path = Path(root, name)
            found[os.path.relpath(path, home)] = path.read_bytes()
    return found


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def manifest_for(good: dict[str, bytes], listed: dict[str, bytes], *, twice: str = "") -> bytes:
    """The good archive's manifest with `listed` as its files (`twice`: one of them listed twice)."""
    text = good["manifest.toml"].decode().split("[[files]]")[0]
    for path, data in [*listed.items(), *([(twice, listed[twice])] if twice else [])]:
        digest = hashlib.sha256(data).hexdigest()
        text += f'\n[[files]]\npath = "{path}"\nsha256 = "{digest}"\nsize = {len(data)}\n'
    return text.encode()


def build(path: Path, entries: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info, data in entries:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    path.write_bytes(buffer.getvalue())
    return path


def entry(name: str, data: bytes | None = None, kind: bytes = tarfile.REGTYPE, link: str = ""):
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mode = kind, link, 0o600
    return info, data
