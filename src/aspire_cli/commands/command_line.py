"""What every command is handed by the command line besides its own values: the home, as a `Home`
that resolves --home once, and the one wording of a mistake in the line.

Loaded by the launcher's fast path: nothing heavy at the top.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import TYPE_CHECKING

from aspire_cli.errors import BadInput

if TYPE_CHECKING:
    from pathlib import Path

    from aspire_cli.storage.settings import Setting, Settings
    from aspire_cli.storage.store import Store


class Home:
    """--home as given (None when not), made the folder, the settings and the store once each, when
    a command first asks: a command that refuses its line never looks, and none resolves twice."""

    def __init__(self, flag: str | None) -> None:
        self.flag = flag

    @cached_property
    def where(self) -> Setting[Path]:
        """The folder, and the rule that chose it (--home, $ASPIRE_HOME, the user data folder)."""
        from aspire_cli.storage.settings import home_setting

        return home_setting(self.flag, os.environ)

    def resolve(self) -> None:
        """Find the folder now, so that a bad --home is named before what the command checks next."""
        _ = self.where

    @property
    def path(self) -> Path:
        return self.where.value

    @cached_property
    def settings(self) -> Settings:
        """The settings in force: config.toml, then the environment (see storage/settings.py)."""
        from aspire_cli.storage.settings import settings_at

        return settings_at(self.where, os.environ)

    @cached_property
    def store(self) -> Store:
        """The store at the folder (a warning on stderr, once, if others can read it)."""
        from aspire_cli.storage.store import open_store

        return open_store(self.path)


def usage_mistake(problem: str, command: str) -> BadInput:
    """A mistake in the command line, in the words of every other: what is wrong, and the help to read."""
    return BadInput(f"{problem}; see: aspire {command} --help")
