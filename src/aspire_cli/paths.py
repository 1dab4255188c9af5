"""Where the leader's data lives: --home, else $ASPIRE_HOME, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "ASPIRE_HOME"


def resolve_home(option: str | Path | None = None) -> Path:
    if option:
        return Path(option).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir  # only when needed: it costs startup time

    return Path(user_data_dir("aspire", appauthor=False))


def questions_dir() -> Path:
    """The shipped question sets: inside the installed package, or `questions/` in a source checkout."""
    packaged = Path(__file__).parent / "questions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "questions"


def question_set_path(name: str, folder: Path | None = None) -> Path:
    return (folder or questions_dir()) / f"{name}.toml"
