"""The leader's settings: the value of each in force, and where it came from.

    home            --home, else $ASPIRE_HOME, else the platform's user data folder (paths.py)
    leader          $ASPIRE_LEADER, else `leader` in <home>/config.toml, else not set
    cadence_months  $ASPIRE_CADENCE, else `cadence_months` in config.toml, else 12
    due_soon_days   $ASPIRE_DUE_SOON, else `due_soon_days` in config.toml, else 30
    prep_notes      $ASPIRE_PREP_NOTES, else `prep_notes` in config.toml, else "shown": "hidden"
                    keeps them off the screen in a talk (as `talk --hide-prep` does once)
    identity        $ASPIRE_IDENTITY, else `identity` in config.toml, else ~/.ssh/id_ed25519 where
                    it exists: the private key that opens what an encrypted remote or a sealed
                    hand-over holds (`--identity` wins; sync init's is this machine's own)
    retention_years $ASPIRE_RETENTION_YEARS, else `retention_years` in config.toml, else not set
                    (nothing expires): records older are named by `due`, erased by `forget --expired`

A command's own flag (`team add --cadence`, `due --within`) wins over all of these; the command
applies it. `aspire due` reads this on its fast path, so the file is parsed by toml_read and checked
by hand here, not by pydantic (see launcher.py). A broken file or variable is one line naming it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, NamedTuple, TypeVar

from aspire_cli.errors import BadFile, BadInput
from aspire_cli.safe_text import has_control_characters
from aspire_cli.storage.paths import HOME_ENV, resolve_home

CONFIG_NAME = "config.toml"
CONFIG_LIMIT = 1024 * 1024  # a few lines; a bigger file is not one
DEFAULT, FILE, ENVIRONMENT, FLAG = "default", "file", "environment", "flag"
BUILT_IN = "aspire's default"  # the origin of a default that no rule chose

T = TypeVar("T")


class Setting(NamedTuple, Generic[T]):
    value: T
    source: str
    """DEFAULT, FILE, ENVIRONMENT or FLAG."""
    origin: str
    """Where exactly: the file's path, the variable ($ASPIRE_CADENCE), the flag (--home), or the
    default's rule."""


class Settings(NamedTuple):
    home: Setting[Path]
    leader: Setting[str | None]
    cadence_months: Setting[int]
    due_soon_days: Setting[int]
    prep_notes: Setting[str]
    identity: Setting[str | None]
    retention_years: Setting[int | None]
    config_file: Path
    """<home>/config.toml, whether or not it exists."""


CADENCE_RULE = "must be a whole number of months from 1 to 60 (12 = yearly, 6 = twice a year)"
WINDOW_RULE = "must be a whole number of days, 0 or more"
RETENTION_RULE = (
    "must be a whole number of years from 1 to 100 (records older are erased: aspire forget --expired)"
)
LEADER_RULE = "must be one line of text, without tabs, newlines or other control characters"


def _leader(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError('must be text, in quotes: leader = "Dana Lee"')
    if has_control_characters(value):
        raise ValueError(LEADER_RULE)
    return value.strip() or None


def _whole_number(value: object, low: int, high: int | None, rule: str) -> int:
    if type(value) is not int or value < low or (high is not None and value > high):
        raise ValueError(rule)
    return value


SHOWN, HIDDEN = "shown", "hidden"
PREP_NOTES_RULE = 'must be "shown" or "hidden" (hidden: no prep note is drawn in a talk)'


def _prep_notes(value: object) -> str:
    if value not in (SHOWN, HIDDEN):
        raise ValueError(PREP_NOTES_RULE)
    return str(value)


IDENTITY_RULE = 'must be the path of a key file, one line: identity = "~/.ssh/id_ed25519"'


def _identity(value: object) -> str | None:
    if not isinstance(value, str) or has_control_characters(value):
        raise ValueError(IDENTITY_RULE)
    return value.strip() or None


def _cadence(value: object) -> int:
    return _whole_number(value, 1, 60, CADENCE_RULE)


def _window(value: object) -> int:
    return _whole_number(value, 0, None, WINDOW_RULE)


def _retention(value: object) -> int:
    return _whole_number(value, 1, 100, RETENTION_RULE)


def from_text(text: str, key: str) -> object:
    """A variable's text as the value it stands for: a whole number where one is expected."""
    if not isinstance(KEYS[key][1], int) and key != "retention_years":
        return text
    digits = text.strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 19 else text


# key in config.toml: (its environment variable, its default, its check)
KEYS: dict[str, tuple[str, Any, Callable[[object], Any]]] = {
    "leader": ("ASPIRE_LEADER", None, _leader),
    "cadence_months": ("ASPIRE_CADENCE", 12, _cadence),
    "due_soon_days": ("ASPIRE_DUE_SOON", 30, _window),
    "prep_notes": ("ASPIRE_PREP_NOTES", SHOWN, _prep_notes),
    "identity": ("ASPIRE_IDENTITY", None, _identity),
    "retention_years": ("ASPIRE_RETENTION_YEARS", None, _retention),
}


def settings(home_flag: str | None, environ: Mapping[str, str] | None = None) -> Settings:
    """Every setting in force for a command run with `--home home_flag` (None when not given);
    a BadFile naming config.toml or a BadInput naming the variable when one is wrong."""
    env = os.environ if environ is None else environ
    return settings_at(home_setting(home_flag, env), env)


def settings_at(home: Setting[Path], env: Mapping[str, str]) -> Settings:
    """The settings of the home already found (see home_setting)."""
    path = home.value / CONFIG_NAME
    data = read_config(path)
    leader, cadence, window, prep_notes, identity, retention = (
        _setting(key, data, path, env) for key in KEYS
    )
    return Settings(home, leader, cadence, window, prep_notes, identity, retention, path)


def home_setting(home_flag: str | None, env: Mapping[str, str]) -> Setting[Path]:
    """Where the home is (paths.resolve_home decides), and which rule chose it."""
    if home_flag is not None:
        return Setting(resolve_home(home_flag), FLAG, "--home")
    if env.get(HOME_ENV):
        return Setting(resolve_home(None), ENVIRONMENT, f"${HOME_ENV}")
    return Setting(resolve_home(None), DEFAULT, "your user data folder")


def read_config(path: Path) -> dict[str, Any]:
    """config.toml's data ({} when there is none), every key known and of the right type."""
    if not os.path.lexists(path):  # a link to nowhere is read, and named as such
        return {}
    from aspire_cli.storage.files import read_toml

    data = read_toml(path, CONFIG_LIMIT, follow=True)  # a link to your dotfiles is fine
    for key, value in data.items():
        if key not in KEYS:
            raise BadFile(f"{path}: {unknown_key(key)}")
        try:
            KEYS[key][2](value)
        except ValueError as exc:
            raise BadFile(f"{path}: {key}{_shown(value)}: {exc}") from None
    return data


def _setting(key: str, data: dict[str, Any], path: Path, env: Mapping[str, str]) -> Setting[Any]:
    variable, default, check = KEYS[key]
    text = env.get(variable)
    if text:
        try:
            return Setting(check(from_text(text, key)), ENVIRONMENT, f"${variable}")
        except ValueError as exc:
            raise BadInput(f"${variable} is '{_clipped(text)}': {exc}") from None
    if key in data:
        return Setting(check(data[key]), FILE, str(path))
    return Setting(default, DEFAULT, BUILT_IN)


def unknown_key(key: str) -> str:
    if key == "home":
        return f"home cannot be set in the file that lives in it; use ${HOME_ENV} or --home"
    return f"unknown setting '{_clipped(key)}' (a typo?); the settings are {', '.join(KEYS)}"


def _shown(value: object) -> str:
    """' = <the value>' as it was written, or ' is <what kind of value>'."""
    if isinstance(value, bool):
        return " = true" if value else " = false"
    if isinstance(value, str):
        return f' = "{_clipped(value)}"'
    if isinstance(value, int | float):
        return f" = {value}"
    if isinstance(value, dict):
        return " is a table"
    return " is a list" if isinstance(value, list) else " is a date or a time"


def _clipped(text: str) -> str:
    from aspire_cli.safe_text import one_line

    shown = one_line(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."
