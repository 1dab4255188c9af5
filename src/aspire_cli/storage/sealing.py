"""Sealing bytes to age recipients and opening them with an identity: the one use of pyrage.

A recipient is an age public key (`age1...`) or an OpenSSH `ssh-ed25519` public key line, so that a
leader's existing SSH key is enough; an identity is an age identity file (`AGE-SECRET-KEY-1...`
lines, as age-keygen writes them) or an unencrypted OpenSSH ed25519 private key. Everything here
names the key or file it could not use and says how to fix it, in one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aspire_cli.errors import BadFile, BadInput
from aspire_cli.safe_text import one_line
from aspire_cli.storage.files import read_regular

AGE_HEADER = b"age-encryption.org/v1\n"  # how every sealed file begins
IDENTITY_LIMIT = 64 * 1024  # an identity file is a few hundred bytes; a cap keeps a device from being read
DEFAULT_IDENTITY = "~/.ssh/id_ed25519"
RECIPIENT_FORMS = "an age public key (age1...) or an ssh-ed25519 public key line"


def parse_recipient(text: str) -> Any:
    """An age or ssh-ed25519 public key, or BadInput naming the forms that are accepted."""
    from pyrage import RecipientError, ssh, x25519

    key = text.strip()
    try:
        if key.startswith("age1"):
            return x25519.Recipient.from_str(key)
        if key.startswith("ssh-ed25519 "):
            return ssh.Recipient.from_str(key)
    except RecipientError:
        raise BadInput(
            f"recipient '{one_line(key)[:60]}' is not a valid key; give {RECIPIENT_FORMS}"
        ) from None
    if key.startswith("ssh-"):
        kind = one_line(key.split()[0])[:30]
        raise BadInput(f"recipient: {kind} keys cannot be used; give {RECIPIENT_FORMS}")
    raise BadInput(
        f"recipient '{one_line(key)[:60]}' is not a key aspire can seal to; give {RECIPIENT_FORMS}"
    )


def read_identity(path: Path) -> list[Any]:
    """The identities in an age identity file or an unencrypted ssh-ed25519 private key file."""
    from pyrage import IdentityError, ssh, x25519

    try:
        data = read_regular(path, IDENTITY_LIMIT, follow=True)
    except BadFile as exc:
        raise BadInput(f"identity {exc.message}") from None
    text = data.decode("utf-8", errors="replace")
    try:
        if "-----BEGIN OPENSSH PRIVATE KEY-----" in text:
            return [ssh.Identity.from_buffer(data)]
        keys = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET-KEY-1")]
        if keys:
            return [x25519.Identity.from_str(key) for key in keys]
    except IdentityError as exc:
        if "decrypted" in str(exc):
            raise BadInput(
                f"identity {path} is protected by a passphrase; aspire needs an unencrypted ssh-ed25519 "
                "key or an age identity file (age-keygen -o FILE)"
            ) from None
        raise BadInput(f"identity {path} is not a key aspire can use: {one_line(str(exc))}") from None
    raise BadInput(
        f"identity {path} is neither an age identity file (AGE-SECRET-KEY-1...) nor an OpenSSH private key"
    )


def seal(data: bytes, recipients: Sequence[Any]) -> bytes:
    """`data` encrypted so that any one of `recipients` (and only they) can open it."""
    import pyrage

    if not recipients:
        raise BadInput("nothing can be sealed without a recipient; add one: --recipient KEY")
    return bytes(pyrage.encrypt(data, list(recipients)))


def is_sealed(data: bytes) -> bool:
    return data.startswith(AGE_HEADER)


def open_sealed(
    data: bytes, identities: Sequence[Any], what: str, fix: str = "ask for it to be sealed to your key"
) -> bytes:
    """The plain bytes of sealed `data` (`what` names it in the error), or BadFile: not sealed to
    this identity (`fix` says what to do), or damaged or cut short."""
    import pyrage

    if not is_sealed(data):
        raise BadFile(f"{what} is not an age-sealed file (it is damaged, or was never sealed)")
    try:
        return bytes(pyrage.decrypt(data, list(identities)))
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise BadFile(f"{what} was not sealed to your identity; {fix}") from None
        raise BadFile(f"{what} cannot be opened: it is damaged or cut short") from None


def identity_path(flag: str | None, setting: str | None) -> Path:
    """The identity file: `flag` (--identity), else `setting` (the setting identity), else
    ~/.ssh/id_ed25519 where it exists; a BadInput saying how to name one."""
    for given in (flag, setting):
        if given:
            return Path(given).expanduser()
    default = Path(DEFAULT_IDENTITY).expanduser()
    if default.exists():
        return default
    raise BadInput(
        f"no identity to open what was sealed to you ({DEFAULT_IDENTITY} does not exist): name your key "
        "(an age identity file or an unencrypted ssh-ed25519 private key) with --identity FILE "
        "(import, sync init) or: aspire config set identity FILE"
    )


def public_keys_of(path: Path) -> list[str]:
    """The public key of an identity file: an age identity's own, an ssh key's from FILE.pub."""
    keys = read_identity(path)
    if hasattr(keys[0], "to_public"):
        return [str(key.to_public()) for key in keys]
    public = path.with_name(path.name + ".pub")
    if not public.is_file():
        raise BadInput(f"{public} not found: give your public key with --recipient KEY")
    return [read_regular(public, IDENTITY_LIMIT, follow=True).decode("utf-8", "replace").strip()]
