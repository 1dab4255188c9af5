"""Which question set applies: the leader's own, in <home>/questions/<id>.toml, replaces the shipped
set of the same id; `--questions FILE` brings one for a single run.

A record names the set (and its version) it was written with, and is checked against the set of
that id found here. A record of a set that cannot be found (one used once with --questions, say) is
still read: its answers are checked for their form only, never turned away.
"""

from __future__ import annotations

import stat
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from aspire_cli.errors import BadFile
from aspire_cli.storage.paths import question_set_path, questions_dir

if TYPE_CHECKING:
    from aspire_cli.domain.questions import QuestionSet

SHIPPED, YOURS, GIVEN = "shipped", "yours", "--questions"
OWN_FOLDER = "questions"


class SetFile(NamedTuple):
    id: str
    path: Path
    source: str  # SHIPPED, YOURS or GIVEN


def own_folder(home: Path) -> Path:
    return home / OWN_FOLDER


def available(home: Path) -> dict[str, SetFile]:
    """Every set by id: the shipped ones, each replaced by the leader's own of the same id."""
    try:  # read again only when the folder changed: every record read asks
        folder = own_folder(home).stat()
        key = (folder.st_ino, folder.st_mtime_ns, folder.st_ctime_ns)
    except OSError:
        key = None
    return dict(_available(home, key))


@cache
def _available(home: Path, _key: object) -> dict[str, SetFile]:
    found = {path.stem: SetFile(path.stem, path, SHIPPED) for path in sorted(questions_dir().glob("*.toml"))}
    for path in _own_files(home):
        found[path.stem] = SetFile(path.stem, path, YOURS)
    return found


def set_for(home: Path, set_id: str, given: Path | None = None) -> QuestionSet:
    """The set to ask (or to check a record of `set_id` with): `given` if any, else the leader's own,
    else the shipped one. A BadFile names what is wrong."""
    if given is not None:
        return load(given)
    return load(set_file(home, set_id).path)


def set_file(home: Path, set_id: str) -> SetFile:
    """The file of the set `set_id` that applies in `home`: the leader's own, else the shipped one."""
    found = available(home).get(set_id)
    if found is None:
        raise BadFile(f"no question set '{set_id}' (looked in {own_folder(home)} and the shipped sets)")
    return found


def set_or_none(home: Path, set_id: str) -> QuestionSet | None:
    """The set a record of `set_id` is checked with, or None when there is no such set any more."""
    found = available(home).get(set_id)
    return None if found is None else load(found.path)


def stamps(home: Path) -> list[str]:
    """What a check of records depends on: every set file's name and change stamp (see index.py)."""
    from aspire_cli.storage.files import stamp

    return [f"{s.path}:{stamp(s.path, 0)[0]}" for s in available(home).values()]


def read_set(path: Path) -> dict[str, Any]:
    """A question set file's TOML data, or a BadFile naming the file: only a regular file (a link is
    followed) of at most SET_LIMIT bytes is read, so a FIFO, a device or a huge file cannot block
    aspire or fill its memory."""
    from aspire_cli.storage.files import SET_LIMIT, read_toml

    return read_toml(path, SET_LIMIT, follow=True)


def load(path: Path) -> QuestionSet:
    """A question set file, validated; the set's id must be its file's name."""
    return _load(path, _file_stamp(path))


@cache
def _load(path: Path, _stamp: tuple[int, int, int]) -> QuestionSet:
    qset = load_question_file(path)
    if path.parent != questions_dir() and path.parent.name == OWN_FOLDER and qset.id != path.stem:
        raise BadFile(f"{path}: its id is '{qset.id}'; name the file {qset.id}.toml or change the id")
    return qset


def _file_stamp(path: Path) -> tuple[int, int, int]:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise BadFile(f"{path}: question set not found") from None
    except OSError as exc:
        raise BadFile(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise BadFile(f"{path}: not a file")
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _own_files(home: Path) -> list[Path]:
    from aspire_cli.storage.folders import folder_names

    folder = own_folder(home)
    return sorted(
        folder / name for name in folder_names(folder) if name.endswith(".toml") and not name.startswith(".")
    )


def load_question_set(name: str, folder: Path | None = None) -> QuestionSet:
    """A shipped set by name (or one in `folder`)."""
    return load_question_file(question_set_path(name, folder))


def load_question_file(path: Path) -> QuestionSet:
    """A question set file, validated; a BadFile naming the file and the first problem."""
    import os

    from pydantic import ValidationError

    from aspire_cli.domain.questions import QuestionSet
    from aspire_cli.domain.validation import describe_error

    if not os.path.lexists(path):
        raise BadFile(f"{path}: question set not found; reinstall aspire or restore the file.")
    data = read_set(path)
    try:
        return QuestionSet.model_validate(data)
    except ValidationError as exc:
        raise BadFile(f"{path}: {describe_error(exc, data)}") from None
