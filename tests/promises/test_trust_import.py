"""Issue 15, the hand-over part: an archive is untrusted input, and an import may be cut short.

- A record or a follow-up dated after today is refused, as `aspire talk --date` refuses one typed:
  in one line naming the file in the archive and the date, exit status 2, nothing written.
- An import stopped at any write (a kill, a full disk), then run again, ends with every record's
  Markdown copy present, and says truthfully what it added and what was already there.

"Today" is the real one (the commands read date.today()): the archives are built around it.
"""

from __future__ import annotations

import errno
import re
import shutil
import stat
import subprocess
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from support.archives import PREP, Homes, build, entry, files, manifest_for, members, talk

from aspire_cli.storage.layout import parse_numbers_given_name

TODAY = date.today()
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def homes(aspire, tmp_path: Path) -> Homes:
    """The old leader's home: Alice's prep, two talks (actions 1-2, then 3), 1 done and 2 dropped;
    the new leader's: Bob."""
    h = Homes(aspire, tmp_path)
    h.run(h.old, "team", "add", "alice", "--name", "Alice Smith", "--cadence", "6")
    h.held(h.old, "prep", "2024-04-20", PREP)
    h.held(h.old, "talk", "2024-05-01", talk(("Run the guild", "2024-09-30"), ("Write the RFC", None)))
    h.held(h.old, "talk", "2025-05-01", talk(("Mentor Bob", "2099-01-31")))
    h.run(h.old, "actions", "done", "alice", "1", "--date", "2024-09-01")
    h.run(h.old, "actions", "drop", "alice", "2", "--note", "Not needed")
    h.run(h.new, "team", "add", "bob", "--name", "Bob Lee")
    return h


def alice(home: Path) -> Path:
    return home / "records" / "alice"


def names_in(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir()] if folder.exists() else []


# -- (a) nothing dated after today comes in -----------------------------------------------------


def changed(homes: Homes, old_name: str, new_name: str, *swaps: tuple[bytes, bytes]) -> Path:
    """The good archive (prep included) with one file renamed and its bytes changed, the manifest
    matching: what a hand-edited archive, or a home with a wrong clock, would hand over."""
    good = members(homes.hand_over("--include-prep"))
    records = {n: b for n, b in good.items() if n != "manifest.toml"}
    data = records.pop(f"records/alice/{old_name}")
    for was, now in swaps:
        assert was in data, (was, data)
        data = data.replace(was, now)
    records[f"records/alice/{new_name}"] = data
    manifest = manifest_for(good, records)
    entries = [entry("manifest.toml", manifest), *(entry(n, b) for n, b in records.items())]
    return build(homes.out / "future.tar.gz", entries)


def follow_up_of(homes: Homes, number: int) -> str:
    return next(p.name for p in alice(homes.old).iterdir() if f"-action-{number}-" in p.name)


def recorded_line(homes: Homes, name: str) -> bytes:
    found = re.search(rb"^recorded = .*$", (alice(homes.old) / name).read_bytes(), re.MULTILINE)
    assert found is not None
    return found[0]


def future_archive(homes: Homes, what: str) -> tuple[Path, str, str]:
    """An archive holding one thing dated after today; the file it names, and the date shown."""
    day = TOMORROW.isoformat()
    if what == "a talk":
        name = f"{day}-talk.toml"
        return (
            changed(homes, "2025-05-01-talk.toml", name, (b"date = 2025-05-01", f"date = {day}".encode())),
            name,
            day,
        )
    if what == "a prep":
        name = f"{day}-prep.toml"
        return (
            changed(homes, "2024-04-20-prep.toml", name, (b"date = 2024-04-20", f"date = {day}".encode())),
            name,
            day,
        )
    old = follow_up_of(homes, 1)
    if what == "a follow-up done after today":
        return changed(homes, old, old, (b"date = 2024-09-01", f"date = {day}".encode())), old, day
    if what == "a follow-up recorded after today":
        when = datetime.combine(TOMORROW, time(12), UTC)  # tomorrow here, in any time zone
        line = f"recorded = {when.isoformat()}".encode()
        return changed(homes, old, old, (recorded_line(homes, old), line)), old, when.isoformat()
    if what == "a follow-up named for a later day than it was recorded":
        name = old.replace(old[:10], "2099-01-31")
        return changed(homes, old, name), name, "2099-01-31"
    raise AssertionError(what)


FUTURE = [
    "a talk",
    "a prep",
    "a follow-up done after today",
    "a follow-up recorded after today",
    "a follow-up named for a later day than it was recorded",
]


@pytest.mark.parametrize("what", FUTURE)
def test_an_archive_holding_something_dated_after_today_is_refused_whole(homes, what):
    archive, name, day = future_archive(homes, what)
    before = files(homes.new)

    result = homes.run(homes.new, "import", str(archive), ok=False)

    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith(f"error: {archive}: records/alice/{name}: "), result.stderr
    assert day in result.stderr
    assert result.stderr.rstrip().endswith("nothing imported.")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
    assert files(homes.new) == before


def test_the_message_says_what_today_is(homes):
    archive, name, day = future_archive(homes, "a talk")

    result = homes.run(homes.new, "import", str(archive), ok=False)

    assert f"records/alice/{name}: dated {day}, after today ({TODAY.isoformat()})" in result.stderr


def test_a_record_dated_today_comes_in(homes):
    """The line is after today, not at it: what was held this morning hands over this afternoon."""
    homes.held(homes.old, "talk", TODAY.isoformat(), talk(("Start today", None)))
    homes.run(homes.old, "actions", "done", "alice", "4")  # recorded now, dated today

    result = homes.run(homes.new, "import", str(homes.hand_over()))

    assert result.stdout.startswith("Imported alice (Alice Smith): 3 talks and 3 follow-ups;")
    assert (alice(homes.new) / f"{TODAY.isoformat()}-talk.md").exists()


def test_a_hand_over_of_a_record_dated_after_today_is_refused_and_named(homes):
    """The old home's own record, mistyped by hand: handover checks as import will, and writes nothing."""
    day = TOMORROW.isoformat()
    wrong = alice(homes.old) / f"{day}-talk.toml"
    wrong.write_bytes(
        (alice(homes.old) / "2025-05-01-talk.toml").read_bytes().replace(b"2025-05-01", day.encode())
    )
    wrong.chmod(0o600)

    result = homes.run(homes.old, "handover", "alice", "--out", str(homes.out / "a.tar.gz"), ok=False)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {wrong}: dated {day}, after today"), result.stderr
    assert result.stderr.rstrip().endswith("; mend it and hand over again.")
    assert list(homes.out.iterdir()) == []


# -- (b) an import cut short, then run again ----------------------------------------------------


class Fault:
    """Every file aspire writes starts as a private temporary file (files.private_temp_file): the
    `at`-th (or the first of the name `at`) is stopped before it begins, as a kill or a full disk
    would stop it."""

    def __init__(self, patch: pytest.MonkeyPatch, at: int | str, kind: str) -> None:
        import aspire_cli.storage.files

        self.real = aspire_cli.storage.files.private_temp_file
        self.at, self.kind, self.calls = at, kind, 0
        patch.setattr(aspire_cli.storage.files, "private_temp_file", self)

    def __call__(self, path: Path, data: bytes, **options: bool) -> str:
        self.calls += 1
        if self.at in (self.calls, Path(path).name):
            if self.kind == "kill":
                raise KeyboardInterrupt
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real(path, data, **options)


def said(head: str) -> tuple[Counter[str], Counter[str]]:
    """What the first line of an import says was added, and what was already here, by kind."""
    added: Counter[str] = Counter()
    already: Counter[str] = Counter()
    for part in head.rstrip(".").split(": ", 1)[1].split("; "):
        counts = {kind: int(n) for n, kind in re.findall(r"(\d+) (talk|prep|follow-up)s?\b", part)}
        if part.endswith("already here"):
            already.update(counts)
        elif not part.startswith("added to your team"):
            added.update(counts)
    return +added, +already


def kind_of(name: str) -> str:
    return "follow-up" if "-action-" in name else name.removesuffix(".toml").rsplit("-", 1)[1]


def archive_names(homes: Homes) -> list[str]:
    return sorted(p.name for p in alice(homes.old).glob("*.toml"))


@pytest.mark.parametrize("kind", ["kill", "disk full"])
def test_an_import_stopped_at_any_write_then_run_again_leaves_every_readable_copy(
    homes, monkeypatch, tmp_path, kind
):
    archive = homes.hand_over("--include-prep")
    names = archive_names(homes)
    expected_md = {
        n: (alice(homes.old) / n).read_bytes() for n in names_in(alice(homes.old)) if n.endswith(".md")
    }
    assert len(expected_md) == 3 and len(names) == 5
    at = 0
    while True:
        at += 1
        home = tmp_path / f"new-{kind}-{at}"
        shutil.copytree(homes.new, home)  # the new leader's home, afresh, modes and all
        with monkeypatch.context() as patch:
            fault = Fault(patch, at, kind)
            stopped = homes.run(home, "import", str(archive), ok=False)
        if fault.calls < at:  # the import finished before the at-th write: every point is covered
            assert stopped.exit_code == 0, stopped.stderr
            assert at > len(names) + 3  # the team, each record and its copy, each follow-up
            break
        assert stopped.exit_code == (130 if kind == "kill" else 74), (at, stopped.stdout, stopped.stderr)
        if kind == "disk full":
            assert "import it again: what is already here is skipped" in stopped.stderr
        here = set(names_in(alice(home)))
        present = [n for n in names if n in here]
        without_copy = [
            n for n in present if n.endswith(("-talk.toml", "-prep.toml")) and n[:-5] + ".md" not in here
        ]
        on_team = "alice" in (home / "team.toml").read_text()

        again = homes.run(home, "import", str(archive))

        lines = again.stdout.splitlines()
        added, already = said(lines[0])
        assert added == Counter(kind_of(n) for n in names if n not in present), (at, lines)
        assert already == Counter(kind_of(n) for n in present), (at, lines)
        assert ("added to your team" in lines[0]) == (not on_team), (at, lines)
        for name in without_copy:
            written = f"{name}: was already here without its readable copy; wrote {name[:-5]}.md."
            assert written in lines, (at, lines)
        assert sum("readable copy" in line for line in lines) == len(without_copy), (at, lines)
        records = alice(home)
        assert {n: (records / n).read_bytes() for n in expected_md} == expected_md, at
        assert sorted(n for n in names_in(records) if n.endswith(".toml")) == names, at
        assert not [n for n in names_in(records) if n.startswith(".")], at  # no temporary file left
        for path in records.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, (at, path)
        assert "Mentor Bob" in homes.run(home, "history", "alice").stdout
        assert "Lead a small team" in homes.run(home, "show", "alice").stdout
        assert homes.run(home, "import", str(archive)).stdout.startswith("Nothing new for alice")


def test_any_import_writes_a_missing_readable_copy_and_never_replaces_one(homes):
    archive = homes.hand_over("--include-prep")
    homes.run(homes.new, "import", str(archive))
    records = alice(homes.new)
    (records / "2024-05-01-talk.md").unlink()  # deleted by hand, or lost
    (records / "2025-05-01-talk.md").write_text("my own notes on the copy\n")

    result = homes.run(homes.new, "import", str(archive))

    assert result.stdout.splitlines() == [
        "Nothing new for alice (Alice Smith): 2 talks, 1 prep and 2 follow-ups were already here.",
        "2024-05-01-talk.toml: was already here without its readable copy; wrote 2024-05-01-talk.md.",
    ]
    assert (records / "2024-05-01-talk.md").read_bytes() == (
        alice(homes.old) / "2024-05-01-talk.md"
    ).read_bytes()
    assert stat.S_IMODE((records / "2024-05-01-talk.md").stat().st_mode) == 0o600
    assert (records / "2025-05-01-talk.md").read_text() == "my own notes on the copy\n"


def test_a_re_import_stopped_between_two_copies_writes_the_other_next_time(homes, monkeypatch):
    archive = homes.hand_over("--include-prep")
    homes.run(homes.new, "import", str(archive))
    records = alice(homes.new)
    (records / "2024-04-20-prep.md").unlink()
    (records / "2025-05-01-talk.md").unlink()
    with monkeypatch.context() as patch:
        Fault(patch, "2025-05-01-talk.md", "kill")
        assert homes.run(homes.new, "import", str(archive), ok=False).exit_code == 130

    result = homes.run(homes.new, "import", str(archive))

    assert result.stdout.splitlines()[1:] == [
        "2025-05-01-talk.toml: was already here without its readable copy; wrote 2025-05-01-talk.md."
    ]
    # all the old home hands over: not what it remembers of the action numbers it gave
    handed_over = [n for n in names_in(alice(homes.old)) if parse_numbers_given_name(n) is None]
    assert sorted(names_in(records)) == sorted(handed_over)


def test_in_a_synced_home_a_copy_written_again_is_committed(homes, monkeypatch, tmp_path):
    config = tmp_path / "gitconfig"  # git as never set up on this machine: aspire gives it a name
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    homes.run(homes.new, "sync", "init")
    archive = homes.hand_over()
    with monkeypatch.context() as patch:
        Fault(patch, "2024-05-01-talk.md", "kill")
        assert homes.run(homes.new, "import", str(archive), ok=False).exit_code == 130
    assert (alice(homes.new) / "2024-05-01-talk.toml").exists()

    again = homes.run(homes.new, "import", str(archive))

    assert "wrote 2024-05-01-talk.md." in again.stdout
    git = ["git", "-C", str(homes.new)]
    assert subprocess.run([*git, "status", "--porcelain"], capture_output=True, text=True).stdout == ""
    tracked = subprocess.run([*git, "ls-files"], capture_output=True, text=True).stdout.split()
    assert "records/alice/2024-05-01-talk.md" in tracked
