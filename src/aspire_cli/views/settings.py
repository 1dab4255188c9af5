"""`aspire config`: each setting in force, and where it came from (a table, or JSON for scripts).

Plain text, like the listings (see table.py): no Rich, no pydantic.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from aspire_cli.safe_text import one_line
from aspire_cli.storage.settings import BUILT_IN, DEFAULT, KEYS, Setting, Settings
from aspire_cli.views.json_text import json_text
from aspire_cli.views.table import format_table

NOT_SET = "(not set)"


def run_config(found: Settings, *, as_json: bool = False) -> int:
    named = _named(found)
    if as_json:
        data: dict[str, Any] = {name: _as_json(setting) for name, setting in named.items()}
        data["config_file"] = str(found.config_file)
        print(json_text(data))
        return 0
    rows = [(name, _shown(setting.value), _source(setting)) for name, setting in named.items()]
    print(format_table(("Setting", "Value", "From"), rows))
    print(one_line(f"Settings file: {found.config_file}{_state(found.config_file)}"))
    variables = ", ".join(variable for variable, _, _ in KEYS.values())
    print(f"Each setting can be set there (e.g. cadence_months = 6) or with {variables}.")
    return 0


def _named(found: Settings) -> dict[str, Setting[Any]]:
    return {
        "home": found.home,
        "leader": found.leader,
        "cadence_months": found.cadence_months,
        "due_soon_days": found.due_soon_days,
        "prep_notes": found.prep_notes,
        "identity": found.identity,
        "retention_years": found.retention_years,
    }


def _as_json(setting: Setting[Any]) -> dict[str, Any]:
    value = str(setting.value) if isinstance(setting.value, Path) else setting.value
    return {"value": value, "source": setting.source, "origin": setting.origin}


def _shown(value: object) -> str:
    return NOT_SET if value is None else str(value)


def _source(setting: Setting[Any]) -> str:
    if setting.source == DEFAULT and setting.origin == BUILT_IN:
        return DEFAULT
    return f"{setting.source} ({setting.origin})"


def _state(path: Path) -> str:
    return "" if os.path.lexists(path) else " (none yet: the defaults apply)"
