"""Turning a pydantic ValidationError into one line a user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError


def describe_error(exc: ValidationError, data: Any = None) -> str:
    """'questions[3] (willing): choices: ...' for the first error; the count of any others."""
    errors = exc.errors(include_url=False)
    # A union (an answer is text or a list of actions) reports every branch: the deepest error is
    # the one about the data itself, and the branch labels are pydantic's, not the user's.
    for error in errors:
        error["loc"] = tuple(step for step in error["loc"] if not _is_branch_label(step))
    first = max(errors, key=lambda error: len(error["loc"]))
    where = _location(first["loc"], data)
    message = str(first["msg"])
    message = message.removeprefix("Value error, ")
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


def _is_branch_label(step: int | str) -> bool:
    return isinstance(step, str) and (("[" in step and step != "[key]") or step.startswith("function-"))


def _location(loc: tuple[int | str, ...], data: Any) -> str:
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            label = f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f" ({node['id']})"
            parts.append(label)
        elif step == "[key]":  # pydantic's mark for a bad dict key: the key itself is the problem
            parts.append(" (the key)")
        else:
            name = step if step.replace("_", "a").isalnum() else f'"{step}"'
            parts.append(("." if parts else "") + name)
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)
