"""`aspire config [show] | set KEY VALUE | unset KEY`: the settings in force, and one changed
without an editor, by the rules config.toml is read with."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home


def show(home: Home, as_json: bool) -> int:
    from aspire_cli.views.settings import run_config

    return run_config(home.settings, as_json=as_json)


def set_(home: Home, key: str, value: str) -> int:
    from aspire_cli.storage.settings_write import change_setting, parsed_setting

    home.resolve()
    new = parsed_setting(key, value)
    before = change_setting(home.store, key, new)
    path = home.settings.config_file
    if before == new:
        return _said(f"{_line(key, new)} already in {path}; nothing changed.", key)
    was = f"was {_toml(before)}" if before is not None else "was not set"
    return _said(f"Set {_line(key, new)} in {path} ({was}).", key)


def unset(home: Home, key: str) -> int:
    from aspire_cli.storage.settings import KEYS, unknown_key
    from aspire_cli.storage.settings_write import change_setting

    home.resolve()
    if key not in KEYS:
        from aspire_cli.errors import BadInput

        raise BadInput(unknown_key(key))
    before = change_setting(home.store, key, None)
    path = home.settings.config_file
    now = getattr(home.settings, key)
    shown = "not set" if now.value is None else _toml(now.value)
    if before is None:
        return _said(f"{key} is not set in {path}; nothing changed (in force: {shown}).", key)
    return _said(f"Removed {_line(key, before)} from {path}; now {shown}, {now.origin}.", key)


def _said(line: str, key: str) -> int:
    """The line, and, when an environment variable wins over the file, a word that it does."""
    from aspire_cli.safe_text import one_line
    from aspire_cli.storage.settings import KEYS

    variable = KEYS[key][0]
    if os.environ.get(variable):
        line += f" ${variable} is set, and wins over the file."
    print(one_line(line))
    return 0


def _line(key: str, value: Any) -> str:
    return f"{key} = {_toml(value)}"


def _toml(value: Any) -> str:
    from aspire_cli.storage.toml_write import toml_text

    return toml_text({"v": value}).strip().removeprefix("v = ")
