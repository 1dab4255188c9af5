"""`aspire sync recipients [list | add KEY | remove KEY]`: the keys an encrypted remote's bundles are
sealed to (.aspire-recipients, storage/recipients.py). A change is a commit like any write, and
travels sealed with the next sync: the other machines seal to the new list from then on.

A key removed cannot open what is sent after; what it could open before stays open to it.
"""

from __future__ import annotations

from aspire_cli.errors import BadInput
from aspire_cli.safe_text import one_line
from aspire_cli.storage.recipients import (
    RECIPIENTS_NAME,
    key_of,
    read_recipients,
    shown_key,
    write_recipients,
)
from aspire_cli.storage.sealing import parse_recipient
from aspire_cli.storage.store import Store

ACTIONS = ("list", "add", "remove")


def run_recipients(store: Store, action: str, key: str | None) -> int:
    if action not in ACTIONS:
        raise BadInput(f"'{one_line(action)[:30]}' is not one of list, add, remove")
    if action == "list":
        if key is not None:
            raise BadInput("list takes no KEY: aspire sync recipients list")
        return _list(store)
    if key is None:
        raise BadInput(f"{action} needs the KEY: aspire sync recipients {action} KEY")
    parse_recipient(key)
    with store.locked():
        keys = read_recipients(store.home)
        known = [k for k in keys if key_of(k) == key_of(key)]
        if action == "add":
            if known:
                print(one_line(f"Already a recipient: {shown_key(key)}; nothing changed."))
                return 0
            write_recipients(store, [*keys, key.strip()], "sync: a recipient added")
            print(
                one_line(
                    f"Added {shown_key(key)}: what is sent from now on is sealed to it too; for it to "
                    "read what was sent before (a new machine joining), run: aspire sync compact"
                )
            )
            return 0
        if not known:
            raise BadInput(f"{shown_key(key)} is not a recipient; see: aspire sync recipients list")
        left = [k for k in keys if k not in known]
        if not left:
            raise BadInput("that is the last recipient: add another first, or nothing could be sealed")
        write_recipients(store, left, "sync: a recipient removed")
    print(
        one_line(
            f"Removed {shown_key(key)}: what is sent from now on is not sealed to it; what the remote "
            "already holds stays readable to it (aspire sync compact rewrites the remote without it)."
        )
    )
    return 0


def _list(store: Store) -> int:
    keys = read_recipients(store.home)
    if not keys:
        print(
            one_line(
                f"No recipients in {store.home / RECIPIENTS_NAME}; add one: aspire sync recipients add KEY"
            )
        )
        return 0
    for key in keys:
        print(one_line(key))
    count = len(keys)
    print(
        one_line(
            f"{count} key{'' if count == 1 else 's'}: what is sent to an encrypted remote is sealed to each."
        )
    )
    return 0
