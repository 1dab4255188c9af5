"""Issue 15, the hand-over part: an archive is untrusted input, and an import may be cut short.

- A record or a follow-up dated after today is refused, as `aspire talk --date` refuses one typed:
  in one line naming the file in the archive and the date, exit status 2, nothing written.

"Today" is the real one (the commands read date.today()): the archives are built around it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from test_handover import PREP, Homes, build, entry, files, manifest_for, members, talk

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
