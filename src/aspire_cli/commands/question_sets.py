"""`aspire questions list | show SET | validate FILE` (the work itself is in commands/questions.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aspire_cli.commands.command_line import Home


def list_sets(home: Home) -> int:
    from aspire_cli.commands.questions import run_list

    return run_list(home.store)


def show(home: Home, set_id: str) -> int:
    from aspire_cli.commands.questions import run_show

    return run_show(home.store, set_id)


def validate(home: Home, file: str) -> int:
    from aspire_cli.commands.questions import run_validate

    return run_validate(home.store, file)
