"""Where the leader's data lives: --home, else $ASPIRE_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

from aspire_cli.errors import BadInput

HOME_ENV = "ASPIRE_HOME"


NAME_MAX = 255  # bytes in one file or folder name, on every file system aspire is likely to meet


def resolve_home(option: str | Path | None = None) -> Path:
    """The home folder; an empty --home is refused (it would mean "here" to some calls, the default
    to others), and so is a name no file system can hold."""
    if option is not None:
        if not str(option):
            raise BadInput("--home is empty: give a folder, e.g. --home ~/aspire")
        return _checked(Path(option).expanduser(), "--home")
    env = os.environ.get(HOME_ENV)
    if env:
        return _checked(Path(env).expanduser(), f"${HOME_ENV}")
    from platformdirs import user_data_dir  # only when needed: it costs startup time

    return Path(user_data_dir("aspire", appauthor=False))


def _checked(home: Path, source: str) -> Path:
    for part in home.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise BadInput(
                f"{source}: the name '{part[:20]}...' in it is {len(os.fsencode(part))} bytes long; "
                f"a file or folder name can have at most {NAME_MAX}."
            )
    return home


def questions_dir() -> Path:
    """The shipped question sets: inside the installed package, or `questions/` in a source checkout."""
    packaged = Path(__file__).parents[1] / "questions"  # aspire_cli/questions
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "questions"  # src/aspire_cli/storage/paths.py


def question_set_path(name: str, folder: Path | None = None) -> Path:
    return (folder or questions_dir()) / f"{name}.toml"
