"""aspire sync with an encrypted remote: only sealed bundles travel, the remote reads nothing, and two
homes with their own keys sync, conflict and resolve as plain ones do. Real git, a bare remote here."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.git_homes import ANSWERS, Machine, conflict_on_both, no_markers, one_line
from support.key_pairs import Key, age_key, ssh_key

from aspire_cli.errors import BadFile
from aspire_cli.storage.sealing import open_sealed, parse_recipient, read_identity, seal

SECRETS = (  # what a record, the roster, the file names and the leader's commits hold
    b"Lead a small team",
    b"Director of engineering",
    b"Run the architecture guild",
    b"Alice Smith",
    b"alice",
    b"2026-11-20",
    b"records/",
    b"team.toml",
    b".aspire-recipients",
    b"Dana Leader",
    b"dana@example.com",
    b"talk:",
)


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Key]:
    """a's ssh key, b's age key, c's ssh key; HOME with no ~/.ssh of its own."""
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    return {"a": ssh_key(tmp_path, "a_key"), "b": age_key(tmp_path, "b_key"), "c": ssh_key(tmp_path, "c_key")}


def join(machine: Machine, remote: Path, key: Key, *also: Key) -> None:
    recipients = [arg for other in (key, *also) for arg in ("--recipient", other.public)]
    machine("sync", "init", str(remote), "--encrypt", "--identity", str(key.identity), *recipients)


@pytest.fixture
def sealed(a: Machine, b: Machine, remote: Path, keys: dict[str, Key]) -> tuple[Machine, Machine]:
    """a holds alice and has sent her, sealed to a and b; b joined and brought her in."""
    a("team", "add", "alice", "--name", "Alice Smith")
    join(a, remote, keys["a"], keys["b"])
    a("sync")
    join(b, remote, keys["b"])
    b("sync")
    a("sync")
    return a, b


def git_bytes(path: Path, *args: str, input: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(path), *args], check=True, capture_output=True, input=input
    ).stdout


def git_in(path: Path, *args: str, input: bytes | None = None) -> str:
    return git_bytes(path, *args, input=input).decode()


def object_count(remote: Path) -> int:
    return len(git_in(remote, "cat-file", "--batch-all-objects", "--batch-check=%(objectname)").split())


def synced(machine: Machine) -> dict[str, str]:
    """The files of a home that sync carries, with what each holds."""
    return {name: (machine.home / name).read_text() for name in machine.tracked()}


def put_on_remote(remote: Path, sealed: bytes, parent: str) -> None:
    """A commit holding `sealed` as its bundle, made on the remote by whoever can push there."""
    blob = git_in(remote, "hash-object", "-w", "--stdin", input=sealed).strip()
    tree = git_in(remote, "mktree", input=f"100644 blob {blob}\tbundle.age\n".encode()).strip()
    who = ("-c", "user.name=x", "-c", "user.email=x@example.com")
    forged = git_in(remote, *who, "commit-tree", tree, "-p", parent, "-m", "sealed").strip()
    git_in(remote, "update-ref", "refs/heads/sealed", forged)


def newest_bundle(remote: Path) -> bytes:
    return git_bytes(remote, "cat-file", "blob", "refs/heads/sealed:bundle.age")


def as_it_is(machine: Machine) -> tuple[str, dict[str, str], bytes]:
    return machine.git("rev-parse", "HEAD"), machine.files(), (machine.home / ".git/index").read_bytes()


# -- what the remote holds -----------------------------------------------------------------------


def test_no_object_of_the_remote_holds_a_record_an_id_a_file_name_a_message_an_author_or_a_date(
    sealed: tuple[Machine, Machine], remote: Path
):
    a, b = sealed
    a.git("config", "user.name", "Dana Leader")
    a.git("config", "user.email", "dana@example.com")
    a("config", "set", "leader", "Dana Leader")
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    assert (b.home / "records/alice/2026-11-20-talk.toml").read_bytes() == (
        a.home / "records/alice/2026-11-20-talk.toml"
    ).read_bytes()
    assert "Dana Leader" in a.git("log", "-1", "--format=%an")  # the home itself is plain git
    everything = git_bytes(remote, "cat-file", "--batch-all-objects", "--batch")
    assert object_count(remote) >= 9
    for secret in SECRETS:
        assert secret not in everything, secret
    log = git_in(remote, "log", "--format=%an <%ae> %ad %cn %cd %s", "--date=unix", "sealed")
    assert set(log.splitlines()) == {"aspire <aspire> 0 aspire 0 sealed"}
    names = git_in(remote, "log", "--format=", "--name-only", "sealed").split()
    assert set(names) == {"bundle.age"}


def test_a_sync_with_nothing_new_adds_no_object_and_an_edit_sends_one_bundle(
    sealed: tuple[Machine, Machine], remote: Path
):
    a, b = sealed
    before = object_count(remote)
    assert a("sync").stdout == f"Up to date with {remote}: nothing came in, nothing to send.\n"
    b("sync")
    assert object_count(remote) == before
    a.talk("alice", "2026-11-20")
    assert a("sync").stdout == f"Sent 1 commit to {remote}.\n"
    assert object_count(remote) == before + 3  # a commit, its tree, one sealed bundle
    size = int(git_in(remote, "cat-file", "-s", "refs/heads/sealed:bundle.age"))
    assert size < 8000  # the one talk, not the home


def test_status_says_the_remote_is_encrypted_and_to_how_many_keys(sealed: tuple[Machine, Machine]):
    a, _ = sealed
    said = a("sync", "status").stdout
    assert "encrypted: sealed to 2 keys" in said and "Ahead 0, behind 0" in said
    a("team", "add", "bob")
    assert "Ahead 1, behind 0" in a("sync", "status").stdout
    assert '"encrypted": true' in a("sync", "status", "--json").stdout
    assert '"recipients": 2' in a("sync", "status", "--json").stdout


# -- two homes, each with its own key -------------------------------------------------------------


def test_records_written_on_each_side_appear_on_both(sealed: tuple[Machine, Machine], remote: Path):
    a, b = sealed
    a.talk("alice", "2026-11-20")
    b("team", "add", "bob")
    b.talk("bob", "2026-11-21")
    a("sync")
    came = b("sync").stdout
    assert f"From {remote}: 1 new record: alice 2026-11-20 talk." in came
    assert "Sent" in came
    a("sync")
    assert synced(a) == synced(b)


def test_a_record_edited_on_both_sides_keeps_both_and_sync_resolve_settles_it(
    sealed: tuple[Machine, Machine], monkeypatch: pytest.MonkeyPatch
):
    a, b = sealed
    result = conflict_on_both(a, b, monkeypatch)
    assert "changed on both machines, both versions kept" in result.stderr
    copies = list((b.home / "records/alice").glob("*.conflict-*"))
    assert len(copies) == 2
    no_markers(b)
    assert b("sync", "resolve", "alice", "--keep", "in-place").stdout.endswith("kept the version in place\n")
    b("sync")
    a("sync")
    assert not list((a.home / "records/alice").glob("*.conflict-*"))
    assert synced(a) == synced(b)


# -- what cannot be opened changes nothing --------------------------------------------------------


def test_a_home_whose_key_is_not_a_recipient_gets_one_line_and_stays_as_it_was(
    sealed: tuple[Machine, Machine], aspire, tmp_path: Path, remote: Path, keys: dict[str, Key]
):
    c = Machine(aspire, tmp_path / "c")
    c("team", "add", "carol")
    join(c, remote, keys["c"])
    before = as_it_is(c)
    result = c("sync", code=2)
    one_line(result.stderr, "was not sealed to your identity", "this home is as it was")
    assert as_it_is(c) == before
    assert not (c.home / "records").exists() and "alice" not in c.files()["team.toml"]


def test_no_identity_at_all_is_one_line_saying_how_to_give_one(
    sealed: tuple[Machine, Machine], aspire, tmp_path: Path, remote: Path, keys: dict[str, Key]
):
    c = Machine(aspire, tmp_path / "c")
    c("sync", "init", str(remote), "--encrypt", "--recipient", keys["c"].public)
    before = as_it_is(c)
    one_line(c("sync", code=2).stderr, "no identity", "--identity FILE")
    assert as_it_is(c) == before


def test_a_truncated_bundle_is_one_line_and_the_home_stays_as_it_was(
    sealed: tuple[Machine, Machine], remote: Path
):
    a, b = sealed
    a.talk("alice", "2026-11-20")
    a("sync")
    put_on_remote(remote, newest_bundle(remote)[:-40], git_in(remote, "rev-parse", "sealed~1").strip())
    before = as_it_is(b)
    one_line(b("sync", code=2).stderr, "damaged or cut short", "this home is as it was")
    assert as_it_is(b) == before
    assert not (b.home / "records").exists()


def test_a_remote_commit_holding_anything_but_one_sealed_bundle_is_refused(
    sealed: tuple[Machine, Machine], remote: Path
):
    a, b = sealed
    a.talk("alice", "2026-11-20")
    a("sync")
    blob = git_in(remote, "hash-object", "-w", "--stdin", input=newest_bundle(remote)).strip()
    tree = git_in(
        remote, "mktree", input=f"100644 blob {blob}\tbundle.age\n100755 blob {blob}\trun.sh\n".encode()
    )
    who = ("-c", "user.name=x", "-c", "user.email=x@example.com")
    parent = git_in(remote, "rev-parse", "sealed~1").strip()
    forged = git_in(remote, *who, "commit-tree", tree.strip(), "-p", parent, "-m", "sealed").strip()
    git_in(remote, "update-ref", "refs/heads/sealed", forged)
    before = as_it_is(b)
    one_line(b("sync", code=2).stderr, "is not one aspire made", "this home is as it was")
    assert as_it_is(b) == before


def test_a_bad_key_line_that_comes_in_is_refused_before_anything_is_merged(
    sealed: tuple[Machine, Machine], remote: Path, keys: dict[str, Key], tmp_path: Path
):
    """Someone who can push to the remote and knows a's public key seals a bundle to it (age does not
    say who sealed): what it holds still meets every check a plain remote's commits meet."""
    a, b = sealed
    path = b.home / ".aspire-recipients"
    path.write_text(path.read_text() + "ssh-rsa AAAAB3Nza me@laptop\n")
    b.git("add", ".aspire-recipients")
    b.git("-c", "user.name=x", "-c", "user.email=x@y", "commit", "-qm", "by hand")
    bad_line = len(path.read_text().splitlines())
    one_line(b("sync", code=2).stderr, f".aspire-recipients, line {bad_line}", "ssh-rsa keys cannot be used")
    bundle = tmp_path / "forged.bundle"
    b.git("bundle", "create", str(bundle), "HEAD", "^refs/remotes/origin/main")
    sealed_bundle = seal(bundle.read_bytes(), [parse_recipient(keys["a"].public)])
    put_on_remote(remote, sealed_bundle, git_in(remote, "rev-parse", "sealed").strip())
    before = as_it_is(a)
    one_line(a("sync", code=2).stderr, "refused what came from", ".aspire-recipients", "ssh-rsa")
    assert as_it_is(a) == before


# -- recipients and compact -----------------------------------------------------------------------


def test_after_a_recipient_is_removed_a_new_bundle_cannot_be_opened_with_its_key(
    sealed: tuple[Machine, Machine], remote: Path, keys: dict[str, Key]
):
    a, b = sealed
    listed = a("sync", "recipients").stdout
    assert keys["a"].public in listed and keys["b"].public in listed
    said = a("sync", "recipients", "remove", keys["b"].public).stdout
    assert "stays readable to it" in said
    a.talk("alice", "2026-11-20")
    a("sync")
    newest = newest_bundle(remote)
    with pytest.raises(BadFile, match="not sealed to your identity"):
        open_sealed(newest, read_identity(keys["b"].identity), "the bundle")
    assert open_sealed(newest, read_identity(keys["a"].identity), "the bundle").startswith(b"# v2 git bundle")
    one_line(b("sync", code=2).stderr, "was not sealed to your identity")


def test_recipients_add_and_remove_say_what_is_wrong_in_one_line(sealed: tuple[Machine, Machine]):
    a, _ = sealed
    one_line(a("sync", "recipients", "add", "ssh-rsa AAAA me", code=2).stderr, "ssh-rsa keys cannot be used")
    one_line(a("sync", "recipients", "remove", "age1" + "q" * 58, code=2).stderr)
    one_line(a("sync", "recipients", "frobnicate", code=2).stderr, "list, add, remove")


def test_compact_leaves_one_bundle_and_both_homes_still_sync(sealed: tuple[Machine, Machine], remote: Path):
    a, b = sealed
    a.talk("alice", "2026-11-20")
    a("sync")
    b("sync")
    assert int(git_in(remote, "rev-list", "--count", "sealed")) > 1
    commits = len(a.log())
    assert "one sealed bundle of the whole history" in a("sync", "compact").stdout
    assert git_in(remote, "rev-list", "--count", "sealed").strip() == "1"
    b("team", "add", "bob")
    b("sync")
    came = a("sync").stdout
    assert "the team: bob added" in came
    assert synced(a) == synced(b)
    assert len(a.log()) == commits + 1  # b's one commit, and no merge: nothing came twice


def test_a_machine_whose_key_is_added_later_joins_once_the_remote_is_compacted(
    sealed: tuple[Machine, Machine], aspire, tmp_path: Path, remote: Path, keys: dict[str, Key]
):
    a, _ = sealed
    a.talk("alice", "2026-11-20")
    a("sync")
    c = Machine(aspire, tmp_path / "c")
    join(c, remote, keys["c"])
    one_line(c("sync", code=2).stderr, "not sealed to your identity", "aspire sync compact")
    assert "aspire sync compact" in a("sync", "recipients", "add", keys["c"].public).stdout
    a("sync", "compact")
    assert "1 new record: alice 2026-11-20 talk" in c("sync").stdout
    a("sync")
    assert synced(a) == synced(c)


def test_a_home_named_relative_to_the_working_folder_syncs_encrypted_too(
    aspire, tmp_path: Path, remote: Path, keys: dict[str, Key], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    a = Machine(aspire, Path("a"))
    a("team", "add", "alice")
    join(a, Path(remote.name), keys["a"])  # the remote too, as the leader typed it
    assert a("sync").stdout == f"Sent 2 commits to {remote}.\n"
    assert (tmp_path / "a/.git/aspire-sealed").is_dir() and not (tmp_path / "a/a").exists()


def test_plain_init_over_an_encrypted_home_is_refused(sealed: tuple[Machine, Machine], tmp_path: Path):
    a, _ = sealed
    one_line(a("sync", "init", str(tmp_path / "other.git"), code=2).stderr, "syncs encrypted", "--encrypt")
    assert a.git("remote") == ""
    assert "encrypted" in a("sync", "init").stdout


def test_a_plain_home_turned_encrypted_stops_sending_plainly_and_says_what_the_old_remote_holds(
    a: Machine, remote: Path, keys: dict[str, Key], tmp_path: Path
):
    plain = tmp_path / "plain.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(plain)], check=True)
    a("team", "add", "alice")
    a("sync", "init", str(plain))
    a("sync")
    result = a("sync", "init", str(remote), "--encrypt", "--identity", str(keys["a"].identity))
    one_line(result.stderr, f"no longer synced with {plain}", "still holds, unsealed", "delete")
    assert a.git("remote") == ""
    assert a("sync").stdout == f"Sent 2 commits to {remote}.\n"  # the whole history, sealed
    assert b"alice" not in git_bytes(remote, "cat-file", "--batch-all-objects", "--batch")


def test_init_encrypt_checks_every_key_before_writing_anything(a: Machine, remote: Path, keys):
    one_line(a("sync", "init", "--encrypt", code=2).stderr, "needs the REMOTE")
    one_line(
        a("sync", "init", str(remote), "--encrypt", "--recipient", "nonsense", code=2).stderr,
        "is not a key aspire can seal to",
    )
    public = str(keys["a"].identity) + ".pub"
    given = ("--recipient", keys["a"].public, "--identity", public)
    one_line(a("sync", "init", str(remote), "--encrypt", *given, code=2).stderr, "nor an OpenSSH private key")
    assert not a.home.exists() or not (a.home / ".git").exists()


def test_the_default_identity_is_the_users_ssh_key(a: Machine, b: Machine, remote: Path, keys, tmp_path):
    ssh = tmp_path / "user/.ssh"
    ssh.mkdir(parents=True)
    for suffix in ("", ".pub"):
        (ssh / f"id_ed25519{suffix}").write_bytes(Path(f"{keys['a'].identity}{suffix}").read_bytes())
    a("team", "add", "alice")
    a("sync", "init", str(remote), "--encrypt")  # the recipient: ~/.ssh/id_ed25519.pub
    a("sync")
    b("sync", "init", str(remote), "--encrypt")
    assert "the team: alice added" in b("sync").stdout
    assert "alice" in b("team", "list").stdout


def test_init_seals_to_your_own_key_too_whatever_other_recipients_are_named(a: Machine, remote: Path, keys):
    """A remote sealed only to the others' keys could never be read back here: your own is added."""
    a(
        "sync",
        "init",
        str(remote),
        "--encrypt",
        "--identity",
        str(keys["a"].identity),
        "--recipient",
        keys["b"].public,
    )
    listed = a("sync", "recipients", "list").stdout
    assert keys["a"].public.split()[1] in listed and keys["b"].public in listed


# -- forget, with an encrypted remote ---------------------------------------------------------------


def test_forget_replaces_the_encrypted_remote_with_the_rewritten_history_alone(
    sealed: tuple[Machine, Machine], remote: Path, keys: dict[str, Key], tmp_path: Path
):
    """What the remote holds after a forget, opened with a's own key: one bundle, the rewritten
    history, no word of the forgotten; b, still holding the old history, is refused and unchanged."""
    secret = "Wants to leave for a rival"
    a, b = sealed
    a("team", "add", "bob")
    a("talk", "alice", "--date", "2026-01-10", "--answers", "-", input=ANSWERS.replace("Partly", secret))
    a("talk", "bob", "--date", "2026-01-10", "--answers", "-", input=ANSWERS.replace("Partly", "Bob's words"))
    a("sync")
    b("sync")
    forgot = a("forget", "alice", "--yes")
    assert "Replaced what" in forgot.stdout and "one sealed bundle of the rewritten history" in forgot.stdout
    assert len(git_in(remote, "rev-list", "sealed").split()) == 1
    opened = tmp_path / "opened"
    (tmp_path / "remote.bundle").write_bytes(
        open_sealed(newest_bundle(remote), read_identity(keys["a"].identity), "it")
    )
    subprocess.run(["git", "init", "-q", str(opened)], check=True)
    heads = git_in(opened, "bundle", "list-heads", str(tmp_path / "remote.bundle")).split()[1::2]
    assert heads  # what the bundle carries, fetched whole
    git_in(
        opened,
        "fetch",
        "-q",
        str(tmp_path / "remote.bundle"),
        *(f"{h}:refs/got/{n}" for n, h in enumerate(heads)),
    )
    held = git_bytes(opened, "cat-file", "--batch-all-objects", "--batch")
    assert secret.encode() not in held and b"Alice Smith" not in held
    assert b"Bob's words" in held
    before = as_it_is(b)
    one_line(b("sync", code=1).stderr, "was rewritten by aspire forget on another machine")
    assert as_it_is(b) == before
