"""`aspire handover --to KEY`: an archive only the next leader's key opens; `aspire import` opens it in
memory and checks it as it checks a plain one. Without --to, the archive is plain and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.archives import Homes, files, talk
from support.key_pairs import Key, age_key, ssh_key


@pytest.fixture
def homes(aspire, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Homes:
    monkeypatch.setenv("HOME", str(tmp_path / "user"))  # no ~/.ssh/id_ed25519 of the machine's own
    h = Homes(aspire, tmp_path)
    h.run(h.old, "team", "add", "alice", "--name", "Alice Smith")
    h.held(h.old, "talk", "2025-05-01", talk(("Mentor Bob", "2099-01-31")))
    return h


@pytest.fixture
def successor(tmp_path: Path) -> Key:
    return ssh_key(tmp_path, "successor")


def test_a_sealed_archive_opens_only_with_the_successors_key_and_imports_as_a_plain_one(
    homes: Homes, successor: Key
):
    archive = homes.out / "alice.tar.gz.age"
    said = homes.run(homes.old, "handover", "alice", "--out", str(archive), "--to", successor.public).stdout
    assert "It is sealed to 1 key: only their holder can open it" in said
    data = archive.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    for secret in (b"Mentor Bob", b"alice", b"Alice Smith", b"2025-05-01", b"manifest"):
        assert secret not in data
    result = homes.run(homes.new, "import", str(archive), "--identity", str(successor.identity))
    assert "alice" in result.stdout
    assert (homes.new / "records/alice/2025-05-01-talk.toml").read_bytes() == (
        homes.old / "records/alice/2025-05-01-talk.toml"
    ).read_bytes()


def test_a_wrong_key_or_none_is_one_line_exit_2_and_nothing_written(
    homes: Homes, successor: Key, tmp_path: Path
):
    wrong = age_key(tmp_path, "wrong")
    archive = homes.hand_over("--to", successor.public, name="alice.tar.gz.age")
    homes.run(homes.new, "team", "add", "bob")
    before = files(homes.new)
    refused = homes.run(homes.new, "import", str(archive), "--identity", str(wrong.identity), ok=False)
    assert refused.exit_code == 2
    assert refused.stderr.count("\n") == 1 and "was not sealed to your identity" in refused.stderr
    without = homes.run(homes.new, "import", str(archive), ok=False)
    assert without.exit_code == 2 and "no identity" in without.stderr
    cut = homes.out / "cut.age"
    cut.write_bytes(archive.read_bytes()[:-50])
    damaged = homes.run(homes.new, "import", str(cut), "--identity", str(successor.identity), ok=False)
    assert damaged.exit_code == 2 and "damaged or cut short" in damaged.stderr
    assert files(homes.new) == before


def test_the_identity_setting_opens_it_too(homes: Homes, successor: Key, monkeypatch: pytest.MonkeyPatch):
    archive = homes.hand_over("--to", successor.public, name="alice.age")
    monkeypatch.setenv("ASPIRE_IDENTITY", str(successor.identity))
    assert "alice" in homes.run(homes.new, "import", str(archive)).stdout


def test_without_to_the_archive_is_plain_and_the_line_says_so(homes: Homes):
    archive = homes.out / "alice.tar.gz"
    said = homes.run(homes.old, "handover", "alice", "--out", str(archive)).stdout
    assert "It is NOT encrypted" in said and "--to KEY" in said
    assert archive.read_bytes().startswith(b"\x1f\x8b")


def test_a_bad_key_is_refused_before_anything_is_written(homes: Homes):
    archive = homes.out / "alice.age"
    result = homes.run(
        homes.old, "handover", "alice", "--out", str(archive), "--to", "ssh-rsa AAAA x", ok=False
    )
    assert result.exit_code == 2 and "ssh-rsa keys cannot be used" in result.stderr
    assert not archive.exists()
