"""An encrypted remote, seen from the commands: `sync init REMOTE --encrypt`, the receiving and sending
steps `aspire sync` takes instead of a plain fetch and push, `sync compact`, and which identity opens
what comes in. The remote itself is storage/sealed_remote.py's.

The identity: `--identity` (given to sync init, remembered for this machine only), else the setting
`identity` ($ASPIRE_IDENTITY, config.toml), else ~/.ssh/id_ed25519 where it exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aspire_cli.errors import AspireError, BadFile, BadInput, warn
from aspire_cli.safe_text import one_line
from aspire_cli.storage.git import REMOTE, git_out, is_repository, own_credentials, remote_url, rev, shown
from aspire_cli.storage.recipients import RECIPIENTS_NAME, key_of, read_recipients, sealing_keys
from aspire_cli.storage.sealing import identity_path, parse_recipient, public_keys_of, read_identity
from aspire_cli.storage.store import Store

AS_IT_WAS = "nothing was merged: this home is as it was"


def identities_of(home: Path, setting: str | None) -> Callable[[], Sequence[Any]]:
    """This machine's identity for an encrypted remote, read when first needed."""
    from aspire_cli.storage.sealed_remote import remembered_identity

    return lambda: read_identity(identity_path(remembered_identity(home), setting))


# -- sync init REMOTE --encrypt ------------------------------------------------------------------
def init_encrypted(
    store: Store, remote: str, recipients: list[str], identity: str | None, setting: str | None
) -> int:
    """The home made a repository syncing sealed to `remote`; the keys added to .aspire-recipients."""
    from aspire_cli.commands.sync_init import checked_remote, run_init
    from aspire_cli.storage.recipients import write_recipients
    from aspire_cli.storage.sealed_remote import set_sealed_url

    checked_remote(remote)
    if "://" not in remote and Path(remote).expanduser().exists():  # a folder named from here
        remote = str(Path(remote).expanduser().absolute())
    for key in recipients:
        parse_recipient(key)  # every key checked, and the identity read, before anything is written
    if identity is not None:
        read_identity(identity_path(identity, None))
    try:  # your own key always: a remote this machine could not read back would be a trap
        mine = public_keys_of(identity_path(identity, setting))
    except BadInput:
        if not recipients:
            raise
        mine = []  # no identity here yet: the recipients given are the ones that read it
    wanted = [*mine, *recipients]
    run_init(store, None, sealed=True)
    home = store.home
    plain = remote_url(home)
    if plain is not None:  # a plain remote would be sent everything, unsealed
        git_out(home, "remote", "remove", REMOTE)
    path = str(Path(identity).expanduser().absolute()) if identity else None
    set_sealed_url(home, remote, path)
    have = read_recipients(home)
    added = [key for key in wanted if key_of(key) not in {key_of(k) for k in have}]
    if added:
        with store.locked():
            write_recipients(store, have + added, f"sync: {len(added)} recipient(s) added")
    count = len(have) + len(added)
    print(
        one_line(
            f"Remote: {shown(remote)}, encrypted: what is sent is sealed to {count} "
            f"key{'' if count == 1 else 's'} ({RECIPIENTS_NAME}). Nothing is sent until: aspire sync"
        )
    )
    if plain is not None:
        warn(
            f"no longer synced with {shown(plain)}, which still holds, unsealed, everything sent to it: "
            "delete that repository"
        )
    return 0


# -- what aspire sync does with an encrypted remote ----------------------------------------------
def receive(home: Path, on: str, url: str, identities: Callable[[], Sequence[Any]]) -> None:
    """Fetch the sealed branch and take in every bundle not applied yet; one line if it fails."""
    from aspire_cli.storage.sealed_remote import fetch_sealed
    from aspire_cli.storage.sealed_remote import receive as take_in

    failed = fetch_sealed(home, own_credentials(home))
    if failed is not None:
        raise AspireError(
            f"cannot reach {shown(url)}: {failed.message}; your work is committed here, and the next "
            "aspire sync sends it"
        )
    try:
        take_in(home, on, identities)
    except BadFile as exc:
        raise BadFile(f"{exc.message.removesuffix('; nothing changed here')}; {AS_IT_WAS}") from None


def send(home: Path, on: str) -> bool:
    """What the remote has not, sealed to every recipient and pushed; False if it moved on."""
    from aspire_cli.storage.sealed_remote import send as seal_and_push

    return seal_and_push(home, on, sealing_keys(home), own_credentials(home))


def reseal_remote(home: Path) -> bool:
    """The encrypted remote's whole content replaced by one sealed bundle of this home's history as
    it is now, without fetching what is there (what `aspire forget` calls after rewriting history;
    `sync compact` after a sync); False, and nothing done, if the remote is not encrypted."""
    from aspire_cli.storage.git import branch
    from aspire_cli.storage.sealed_remote import replace_remote, sealed_url

    if not is_repository(home) or sealed_url(home) is None:
        return False
    replace_remote(home, branch(home), sealing_keys(home), own_credentials(home))
    return True


def run_compact(store: Store, setting: str | None) -> int:
    """A sync, then the remote's whole content replaced by one sealed bundle of the whole history."""
    from aspire_cli.commands.sync import run_sync
    from aspire_cli.storage.sealed_remote import TRACKING, sealed_url, shadow

    home = store.home
    url = sealed_url(home) if is_repository(home) else None
    if url is None:
        raise BadInput(
            "sync compact is for an encrypted remote: set one with: aspire sync init REMOTE --encrypt"
        )
    run_sync(store, setting)
    tip = rev(shadow(home), TRACKING)
    before = int(git_out(shadow(home), "rev-list", "--count", tip)) if tip else 0
    reseal_remote(home)
    print(
        one_line(
            f"Compacted {shown(url)}: one sealed bundle of the whole history, where there were {before}."
        )
    )
    return 0


def status_words(home: Path) -> tuple[str | None, int]:
    """The encrypted remote's URL (None: not encrypted) and how many keys it is sealed to."""
    from aspire_cli.storage.sealed_remote import sealed_url

    url = sealed_url(home)
    if url is None:
        return None, 0
    try:
        return url, len(read_recipients(home))
    except BadFile:
        return url, 0


def ahead_behind(home: Path, on: str) -> tuple[int, int] | None:
    """Commits this home has that the encrypted remote had not at the last sync, and the reverse;
    None before the first sync."""
    theirs = f"refs/remotes/{REMOTE}/{on}"
    if rev(home, theirs) is None:
        return None
    ahead, behind = git_out(home, "rev-list", "--left-right", "--count", f"HEAD...{theirs}").split()
    return int(ahead), int(behind)
