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
    message = plain_words(first)
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    return f"{where}: {message}{more}" if where else f"{message}{more}"


# pydantic's error types in the user's words (pydantic's own say "Input should be...", "Field required")
_PLAIN: dict[str, str] = {
    "missing": "required, but missing",
    "extra_forbidden": "not a known field (a typo?)",
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
    "string_too_short": "must be at least {min_length} characters long",
    "string_too_long": "must be at most {max_length} characters long",
    "string_type": "must be text",
    "string_unicode": "must be text",
    "string_pattern_mismatch": "is not in the expected form",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date (YYYY-MM-DD) without a time",
    "dict_type": "must be a table",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "list_type": "must be a list",
    "tuple_type": "must be a list",
    "literal_error": "must be {expected}",
    "enum": "must be {expected}",
    "too_short": "needs at least {min_length} {items}",
    "too_long": "can have at most {max_length} {items}",
}


def plain_words(error: Any) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as the user's words, not the library's."""
    kind, context = str(error["type"]), dict(error.get("ctx") or {})
    if kind == "string_too_short" and context.get("min_length") == 1:
        return "must not be empty"
    if kind in ("value_error", "assertion_error"):
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    template = _PLAIN.get(kind)
    if template is None:
        return str(error["msg"])
    limit = context.get("min_length", context.get("max_length"))
    context["items"] = "item" if limit == 1 else "items"
    try:
        return template.format(**context)
    except (KeyError, IndexError):  # a context without the field the words name: the words alone
        return template.split(" {")[0]


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


def each_error(exc: ValidationError, data: Any = None) -> list[str]:
    """Every problem of a ValidationError, one line each, located as `describe_error` locates one."""
    lines = []
    for error in exc.errors(include_url=False):
        loc = tuple(step for step in error["loc"] if not _is_branch_label(step))
        where = _location(loc, data)
        lines.append(f"{where}: {plain_words(error)}" if where else plain_words(error))
    return list(dict.fromkeys(lines))  # a union reports a problem once per branch
