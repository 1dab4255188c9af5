"""Sealing to age and ssh-ed25519 keys: what opens, and the one line when it cannot."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pyrage import x25519

from aspire_cli.errors import BadFile, BadInput
from aspire_cli.storage.sealing import open_sealed, parse_recipient, read_identity, seal


def ssh_key(folder: Path, name: str, passphrase: str = "") -> Path:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f", str(path)], check=True)
    return path


def test_an_ssh_key_pair_seals_and_opens(tmp_path: Path) -> None:
    key = ssh_key(tmp_path, "id")
    sealed = seal(b"career notes", [parse_recipient(key.with_suffix(".pub").read_text())])
    assert b"career notes" not in sealed
    assert open_sealed(sealed, read_identity(key), "the file") == b"career notes"


def test_an_age_identity_file_opens_what_was_sealed_to_its_public_key(tmp_path: Path) -> None:
    identity = x25519.Identity.generate()
    path = tmp_path / "key.txt"
    path.write_text(f"# created: today\n# public key: {identity.to_public()}\n{identity}\n")
    sealed = seal(b"notes", [parse_recipient(str(identity.to_public()))])
    assert open_sealed(sealed, read_identity(path), "the file") == b"notes"


def test_another_key_a_cut_file_and_a_plain_file_are_each_refused_in_one_line(tmp_path: Path) -> None:
    mine, theirs = ssh_key(tmp_path, "mine"), ssh_key(tmp_path, "theirs")
    sealed = seal(b"notes", [parse_recipient(theirs.with_suffix(".pub").read_text())])
    with pytest.raises(BadFile, match="was not sealed to your identity"):
        open_sealed(sealed, read_identity(mine), "the archive")
    with pytest.raises(BadFile, match="damaged or cut short"):
        open_sealed(sealed[:-5], read_identity(theirs), "the archive")
    with pytest.raises(BadFile, match="not an age-sealed file"):
        open_sealed(b"plain text", read_identity(theirs), "the archive")


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("ssh-rsa AAAAB3NzaC1yc2E", "ssh-rsa keys cannot be used"),
        ("age1notakey", "is not a valid key"),
        ("hello", "is not a key aspire can seal to"),
    ],
)
def test_a_recipient_that_is_not_a_usable_key_is_named(key: str, says: str) -> None:
    with pytest.raises(BadInput, match=says):
        parse_recipient(key)


def test_a_passphrase_protected_key_says_what_to_use_instead(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="protected by a passphrase"):
        read_identity(ssh_key(tmp_path, "locked", passphrase="secret"))
    (tmp_path / "nothing").write_text("not a key\n")
    with pytest.raises(BadInput, match="neither an age identity file"):
        read_identity(tmp_path / "nothing")
