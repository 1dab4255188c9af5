"""`aspire config set KEY VALUE` and `aspire config unset KEY`: one setting changed in
<home>/config.toml, checked by the very rules that read the file (settings.KEYS).

The file may hold the leader's own comments: the setting's line is replaced, added or removed and
every other line kept as it was. Where that cannot be done with certainty (a value spread over
several lines), the file is written anew from its data, and the comments are lost; the text
written is always read back and checked to hold exactly the data intended before it replaces the file.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

from aspire_cli.errors import AspireError, BadInput
from aspire_cli.storage.files import atomic_write, read_regular, refuse_symlink
from aspire_cli.storage.settings import CONFIG_LIMIT, CONFIG_NAME, KEYS, from_text, read_config, unknown_key

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store


def parsed_setting(key: str, text: str) -> Any:
    """VALUE as typed, as the value of `key` (a whole number where one is expected), or a BadInput
    with the rule config.toml is held to."""
    if key not in KEYS:
        raise BadInput(unknown_key(key))
    check = KEYS[key][2]
    try:
        value = check(from_text(text, key))
    except ValueError as exc:
        raise BadInput(f"{key} '{text}' is refused: {exc}") from None
    if value is None:  # leader "" (spaces alone): not a name
        raise BadInput(f"{key} cannot be empty; to remove it: aspire config unset {key}")
    return value


def change_setting(store: Store, key: str, value: Any | None) -> Any | None:
    """Set `key` to `value` (already checked), or remove it (None); the value it had in the file
    (None if it had none). The file must read cleanly first: a broken one is named, not rewritten."""
    path = store.home / CONFIG_NAME
    refuse_symlink(path)  # a link to your dotfiles: change the file it points to, not the link
    with store.locked():
        data = read_config(path)
        before = data.get(key)
        if before == value:
            return before
        wanted = {k: v for k, v in data.items() if k != key}
        if value is not None:
            wanted[key] = value
        text = read_regular(path, CONFIG_LIMIT).decode("utf-8") if os.path.lexists(path) else ""
        atomic_write(path, _text_holding(text, key, value, wanted))
        store.committed(f"config: {'set' if value is not None else 'unset'} {key}", path)
    return before


def _text_holding(text: str, key: str, value: Any | None, wanted: dict[str, Any]) -> str:
    """The file's text with `key`'s line changed; the data written anew if that does not hold."""
    from aspire_cli.storage.toml_read import TomlError, loads
    from aspire_cli.storage.toml_write import toml_text

    line = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=.*$", re.MULTILINE)
    new_line = toml_text({key: value}).strip() if value is not None else None
    found = list(line.finditer(text))
    if len(found) == 1:
        start, end = found[0].span()
        if new_line is None:  # the line and its line end go
            end = end + 1 if text[end : end + 1] == "\n" else end
            edited = text[:start] + text[end:]
        else:
            edited = text[:start] + new_line + text[end:]
    elif not found and new_line is not None:
        edited = text + ("" if not text or text.endswith("\n") else "\n") + new_line + "\n"
    else:
        edited = ""
    try:
        if edited and loads(edited) == wanted:
            return edited
    except TomlError:
        pass
    rewritten = toml_text(wanted)
    if loads(rewritten) != wanted:  # cannot happen: tomli-w writes what it is given
        raise AspireError(f"{CONFIG_NAME}: the new text would not read back as written; nothing changed")
    return rewritten
