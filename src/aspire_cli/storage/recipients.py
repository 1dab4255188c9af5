"""The keys an encrypted remote's bundles are sealed to: .aspire-recipients in the home, one public key
a line (an age key or an ssh-ed25519 line), blank lines and # comments allowed.

The file is synced like the team, so it travels sealed: only a machine that can open the bundles
can change it. Whatever comes in is checked as the leader's own would be (sync_rules.py); a line
that is not a key aspire can seal to is refused, never skipped.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aspire_cli.errors import BadFile, BadInput
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import atomic_write, read_regular
from aspire_cli.storage.sealing import parse_recipient

if TYPE_CHECKING:
    from aspire_cli.storage.store import Store

RECIPIENTS_NAME = ".aspire-recipients"
RECIPIENTS_LIMIT = 64 * 1024  # a key is under 100 bytes
MOST_RECIPIENTS = 100
HEADER = "# aspire: the public keys what is sent to your encrypted remote is sealed to, one a line\n"


def key_of(line: str) -> str:
    """A key without its comment: what tells two lines apart ('ssh-ed25519 AAAA...')."""
    return " ".join(line.split()[:2]) if line.startswith("ssh-") else line.strip()


def keys_in(text: str, where: str) -> list[str]:
    """Every key of the file's text, each once, checked; a BadFile naming the first that is not one."""
    keys: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            parse_recipient(line)
        except BadInput as exc:
            raise BadFile(f"{where}, line {number}: {exc.message}") from None
        keys.setdefault(key_of(line), line.strip())
    if len(keys) > MOST_RECIPIENTS:
        raise BadFile(f"{where}: more than {MOST_RECIPIENTS} recipients; that is not a leader's machines")
    return list(keys.values())


def read_recipients(home: Path) -> list[str]:
    """The keys in the home's file ([] if there is none)."""
    path = home / RECIPIENTS_NAME
    if not os.path.lexists(path):
        return []
    data = read_regular(path, RECIPIENTS_LIMIT)
    return keys_in(data.decode("utf-8", "replace"), str(path))


def sealing_keys(home: Path) -> list[Any]:
    """The recipients, ready to seal to; a BadInput saying how to add one if there is none."""
    keys = read_recipients(home)
    if not keys:
        raise BadInput(
            f"{home / RECIPIENTS_NAME} names no key: nothing can be sealed; add yours with: "
            "aspire sync recipients add KEY"
        )
    return [parse_recipient(key) for key in keys]


def write_recipients(store: Store, keys: list[str], message: str) -> None:
    """The file holding exactly `keys`, written and committed (under the caller's lock)."""
    path = store.home / RECIPIENTS_NAME
    keys_in("\n".join(keys), str(path))  # the same checks as a read: nothing unreadable is written
    atomic_write(path, HEADER + "".join(f"{key}\n" for key in keys))
    store.committed(message, path)


def shown_key(key: str) -> str:
    """A key as a line shows it: an ssh key's comment kept, a long key shortened in the middle."""
    parts = key.split()
    text = parts[1] if key.startswith("ssh-") and len(parts) > 1 else parts[0] if parts else ""
    short = text if len(text) <= 24 else f"{text[:12]}...{text[-8:]}"
    rest = " ".join(parts[2:]) if key.startswith("ssh-") else ""
    kind = f"{parts[0]} " if key.startswith("ssh-") else ""
    return one_line(f"{kind}{short}{' ' + rest if rest else ''}")
