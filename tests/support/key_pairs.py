"""Keys made for a test: an ssh-ed25519 pair by ssh-keygen (no passphrase) and an age identity by
pyrage, each as files in the test's own folder."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import NamedTuple

from pyrage import x25519


class Key(NamedTuple):
    identity: Path  # the private key's file
    public: str  # the public key, as a recipient is given


def ssh_key(folder: Path, name: str) -> Key:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)
    return Key(path, path.with_name(name + ".pub").read_text().strip())


def age_key(folder: Path, name: str) -> Key:
    identity = x25519.Identity.generate()
    path = folder / name
    path.write_text(f"# public key: {identity.to_public()}\n{identity}\n")
    return Key(path, str(identity.to_public()))
