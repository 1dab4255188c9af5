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
