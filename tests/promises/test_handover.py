"""`aspire handover` and `aspire import`: an employee's records moved from one leader's home to another's.

The old leader's home holds Alice's prep and two talks (actions 1-2, then 3), action 1 done and 2
dropped; the new leader's home holds Bob. Hostile archives are built by hand with tarfile; each is
refused in one line, and the new home is left exactly as it was.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import stat
import tarfile
import tomllib
from pathlib import Path

import pytest
from support.archives import PREP, Homes, build, entry, files, manifest_for, members, talk

from aspire_cli.storage.archive import MEMBER_LIMIT


@pytest.fixture
def homes(aspire, tmp_path: Path) -> Homes:
    h = Homes(aspire, tmp_path)
    h.run(h.old, "team", "add", "alice", "--name", "Alice Smith", "--cadence", "6")
    h.held(h.old, "prep", "2024-04-20", PREP)
    h.held(h.old, "talk", "2024-05-01", talk(("Run the guild", "2024-09-30"), ("Write the RFC", None)))
    h.held(h.old, "talk", "2025-05-01", talk(("Mentor Bob", "2099-01-31")))
    h.run(h.old, "actions", "done", "alice", "1", "--date", "2024-09-01")
    h.run(h.old, "actions", "drop", "alice", "2", "--note", "Not needed")
    h.run(h.new, "team", "add", "bob", "--name", "Bob Lee")
    return h


def alices(home: Path, suffix: str = ".toml") -> dict[str, bytes]:
    folder = home / "records" / "alice"
    return {p.name: p.read_bytes() for p in sorted(folder.glob(f"*{suffix}"))}


def as_json(homes: Homes, home: Path, *args: str):
    return json.loads(homes.run(home, *args, "--json").stdout)


# -- the round trip -----------------------------------------------------------------------------


def test_hand_over_round_trip_between_two_homes(homes):
    archive = homes.hand_over()
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # personal data

    result = homes.run(homes.new, "import", str(archive))

    assert result.stdout.splitlines()[0] == (
        "Imported alice (Alice Smith): 2 talks and 2 follow-ups; "
        "added to your team (discussions every 6 months)."
    )
    talks_and_follow_ups = {n: b for n, b in alices(homes.old).items() if "prep" not in n}
    assert alices(homes.new) == talks_and_follow_ups  # byte for byte; the prep stayed behind
    assert sorted(alices(homes.new, ".md")) == ["2024-05-01-talk.md", "2025-05-01-talk.md"]
    assert alices(homes.new, ".md") == {n: b for n, b in alices(homes.old, ".md").items() if "prep" not in n}
    team = tomllib.loads((homes.new / "team.toml").read_text())["members"]
    assert team["alice"]["name"] == "Alice Smith" and team["alice"]["cadence_months"] == 6
    assert "bob" in team
    for home in (homes.old, homes.new):
        for path in (home / "records" / "alice").iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # the new leader's views read them, action statuses and all
    actions = ("actions", "alice", "--all")
    assert as_json(homes, homes.new, *actions) == as_json(homes, homes.old, *actions)
    statuses = {a["number"]: a["status"] for a in as_json(homes, homes.new, *actions)}
    assert statuses == {1: "done", 2: "dropped", 3: "open"}
    due = {row["employee"]: row for row in as_json(homes, homes.new, "due")}
    assert due["alice"]["last_talk"] == "2025-05-01" and due["alice"]["cadence_months"] == 6
    history = homes.run(homes.new, "history", "alice").stdout
    assert "2025-05-01" in history and "2024-05-01" in history and "Mentor Bob" in history


def test_prep_notes_go_only_when_asked_for(homes):
    without = homes.hand_over()
    with tarfile.open(without) as tar:
        assert not [n for n in tar.getnames() if "prep" in n]

    archive = homes.hand_over("--include-prep", name="with-prep.tar.gz")
    result = homes.run(homes.new, "import", str(archive))

    assert "2 talks, 1 prep and 2 follow-ups" in result.stdout
    assert alices(homes.new)["2024-04-20-prep.toml"] == alices(homes.old)["2024-04-20-prep.toml"]
    assert (homes.new / "records" / "alice" / "2024-04-20-prep.md").exists()


def test_what_the_archive_holds_is_only_records_with_a_manifest(homes):
    (homes.old / "drafts").mkdir()
    (homes.old / "drafts" / "alice.talk.toml").write_text("draft")
    archive = homes.hand_over("--include-prep")

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = tomllib.load(tar.extractfile("manifest.toml"))
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.name != "manifest.toml"}

    assert names[0] == "manifest.toml"
    assert all(n.startswith("records/alice/") and n.endswith(".toml") for n in names[1:])
    assert not [n for n in names if "draft" in n or ".versions" in n or n.endswith(".md")]
    assert {k: manifest[k] for k in ("employee", "name", "cadence_months", "format_version")} == {
        "employee": "alice",
        "name": "Alice Smith",
        "cadence_months": 6,
        "format_version": 1,
    }
    listed = {f["path"]: (f["sha256"], f["size"]) for f in manifest["files"]}
    assert listed == {n: (hashlib.sha256(b).hexdigest(), len(b)) for n, b in members.items()}


def test_importing_twice_adds_nothing_the_second_time(homes):
    archive = homes.hand_over()
    homes.run(homes.new, "import", str(archive))
    before = files(homes.new)

    again = homes.run(homes.new, "import", str(archive))

    assert (
        again.stdout.strip()
        == "Nothing new for alice (Alice Smith): 2 talks and 2 follow-ups were already here."
    )
    assert files(homes.new) == before


def test_a_same_day_collision_gets_the_next_number(homes):
    homes.run(homes.new, "team", "add", "alice", "--name", "Alice S.")
    mine = PREP.replace("A rotation", "My own notes")
    homes.held(homes.new, "prep", "2024-04-20", mine)
    own = alices(homes.new)["2024-04-20-prep.toml"]

    result = homes.run(homes.new, "import", str(homes.hand_over("--include-prep")))

    arrived = alices(homes.new)
    assert arrived["2024-04-20-prep.toml"] == own  # never overwritten
    assert arrived["2024-04-20-prep-2.toml"] == alices(homes.old)["2024-04-20-prep.toml"]
    assert (homes.new / "records" / "alice" / "2024-04-20-prep-2.md").exists()
    assert (
        "2024-04-20-prep.toml: you have another prep with alice that day; added as 2024-04-20-prep-2.toml."
        in (result.stdout)
    )
    # the member already here keeps the name given here, and says so
    assert "alice is on your team as 'Alice S.', kept as it is (the archive calls them 'Alice Smith')." in (
        result.stdout
    )
    assert tomllib.loads((homes.new / "team.toml").read_text())["members"]["alice"]["name"] == "Alice S."


def test_handing_back_adds_only_what_is_new(homes):
    """Alice moves to the new leader, who holds a talk; then back: the old home gets that talk alone."""
    homes.run(homes.new, "import", str(homes.hand_over()))
    homes.held(homes.new, "talk", "2026-01-10", talk(("Speak at the meetup", None)))
    back = homes.out / "back.tar.gz"
    homes.run(homes.new, "handover", "alice", "--out", str(back))

    result = homes.run(homes.old, "import", str(back))

    assert result.stdout.startswith(
        "Imported alice (Alice Smith): 1 talk and 0 follow-ups; 2 talks and 2 follow-ups were already here."
    )
    numbers = {a["number"]: a["action"] for a in as_json(homes, homes.old, "actions", "alice", "--all")}
    assert numbers == {1: "Run the guild", 2: "Write the RFC", 3: "Mentor Bob", 4: "Speak at the meetup"}


def test_actions_that_would_share_a_number_are_refused(homes):
    homes.run(homes.new, "team", "add", "alice")
    homes.held(homes.new, "talk", "2023-02-01", talk(("Something of ours", None)))  # our action 1
    before = files(homes.new)

    result = homes.run(homes.new, "import", str(homes.hand_over()), ok=False)

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: alice's actions here and in the archive would both use action number 1, and follow-ups"
    )
    assert files(homes.new) == before


# -- hostile or broken archives -----------------------------------------------------------------


def hostile(homes: Homes, change: str) -> Path:
    """The good archive, changed in one way."""
    good = members(homes.hand_over())
    records = {n: b for n, b in good.items() if n != "manifest.toml"}
    talk_name = "records/alice/2024-05-01-talk.toml"
    listed = dict(records)
    present: list[tuple[tarfile.TarInfo, bytes | None]] = []
    if change == "tampered":
        records[talk_name] = records[talk_name].replace(b"Lead a small team", b"Leave the company")
    elif change in ("escapes with ..", "absolute", "another employee's folder", "outside records"):
        name = {
            "escapes with ..": "records/alice/../../team.toml",
            "absolute": "/tmp/2024-05-01-talk.toml",
            "another employee's folder": "records/bob/2024-05-01-talk.toml",
            "outside records": "team.toml",
        }[change]
        records[name] = listed[name] = b'schema = 1\n[members.mallory]\nname = "Mallory"\n'
    elif change in ("symlink", "hard link"):
        kind = tarfile.SYMTYPE if change == "symlink" else tarfile.LNKTYPE
        present.append(entry("records/alice/2026-01-01-talk.toml", None, kind, "/etc/passwd"))
    elif change == "device":
        present.append(entry("records/alice/2026-01-01-talk.toml", None, tarfile.CHRTYPE))
    elif change == "duplicate":
        present.append(entry(talk_name, records[talk_name].replace(b"Director", b"CEO")))
    elif change == "missing":
        del records[talk_name]
    elif change == "extra":
        records["records/alice/2023-01-01-talk.toml"] = records[talk_name].replace(
            b"2024-05-01", b"2023-01-01"
        )
    elif change == "listed twice":
        good = {"manifest.toml": manifest_for(good, listed, twice=talk_name)}
        listed = {}
    elif change.startswith("bad record"):
        wrong = {
            "bad record: an answer": (b'willing = "yes"', b'willing = "maybe"'),
            "bad record: the date in its name": (b"date = 2024-05-01", b"date = 2024-05-02"),
            "bad record: another employee": (b'employee = "alice"', b'employee = "bob"'),
            "bad record: not TOML": (b"[answers]", b"[answers"),
            "bad record: a newer schema": (b"schema = 1", b"schema = 99"),
        }[change]
        assert wrong[0] in records[talk_name]
        records[talk_name] = listed[talk_name] = records[talk_name].replace(*wrong)
    elif change == "bad follow-up":
        name = next(n for n in records if "action-1" in n)
        records[name] = listed[name] = records[name].replace(b'status = "done"', b'status = "finished"')
    else:
        raise AssertionError(change)
    manifest = manifest_for(good, listed) if listed else good["manifest.toml"]
    entries = [entry("manifest.toml", manifest), *(entry(n, b) for n, b in records.items()), *present]
    return build(homes.out / "hostile.tar.gz", entries)


HOSTILE = {
    "tampered": "records/alice/2024-05-01-talk.toml is not the file its manifest describes",
    "escapes with ..": "records/alice/../../team.toml is not a record in records/alice/",
    "absolute": "/tmp/2024-05-01-talk.toml is not a record in records/alice/",
    "another employee's folder": "records/bob/2024-05-01-talk.toml is not a record in records/alice/",
    "outside records": "team.toml is not a record in records/alice/",
    "symlink": "records/alice/2026-01-01-talk.toml is a link (to /etc/passwd)",
    "hard link": "records/alice/2026-01-01-talk.toml is a link (to /etc/passwd)",
    "device": "records/alice/2026-01-01-talk.toml is not a file",
    "duplicate": "holds records/alice/2024-05-01-talk.toml twice",
    "missing": "its manifest lists records/alice/2024-05-01-talk.toml, which is missing",
    "extra": "holds records/alice/2023-01-01-talk.toml, which its manifest does not list",
    "listed twice": "its manifest lists records/alice/2024-05-01-talk.toml twice",
    "bad record: an answer": "records/alice/2024-05-01-talk.toml: answers.willing",
    "bad record: the date in its name": "says 2024-05-02 talk but is named 2024-05-01-talk.toml",
    "bad record: another employee": "belongs to 'bob' but sits in alice/",
    "bad record: not TOML": "records/alice/2024-05-01-talk.toml: not valid TOML",
    "bad record: a newer schema": "written by a newer aspire",
    "bad follow-up": "-action-1-",
}


@pytest.mark.parametrize("change", list(HOSTILE))
def test_a_hostile_or_broken_archive_is_refused_with_nothing_written(homes, change):
    archive = hostile(homes, change)
    before = files(homes.new)

    result = homes.run(homes.new, "import", str(archive), ok=False)

    assert result.exit_code == 2, result.stdout
    assert result.stderr.startswith(f"error: {archive}: "), result.stderr
    assert HOSTILE[change] in result.stderr
    assert result.stderr.rstrip().endswith("nothing imported.")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert files(homes.new) == before
    assert not (homes.out.parent / "team.toml").exists() and not Path("/tmp/2024-05-01-talk.toml").exists()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "given.tar.gz: no such file"),
        (b"a plain text file\n", "not a hand-over archive"),
        ("truncated", "not a whole hand-over archive (damaged or cut short"),
        (gzip.compress(b"not a tar at all" * 100), "not a whole hand-over archive"),
        ("no manifest", "holds no manifest.toml"),
        ("newer", "made by a newer aspire (hand-over format 2"),
        ("huge member", f"more than the {MEMBER_LIMIT // 1024 // 1024} MiB of any record"),
        ("folder", "is a folder"),
        ("bomb", "unpacks to more than 64 MiB"),
    ],
)
def test_what_is_not_an_archive_is_one_line(homes, content, says):
    path = homes.out / "given.tar.gz"
    good = homes.hand_over().read_bytes()
    if content == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif content == "no manifest":
        build(path, [entry("records/alice/2024-05-01-talk.toml", b"x")])
    elif content == "newer":
        build(path, [entry("manifest.toml", b'format = "aspire-handover"\nformat_version = 2\n')])
    elif content == "huge member":
        build(path, [entry("records/alice/2024-05-01-talk.toml", b"\0" * (MEMBER_LIMIT + 1))])
    elif content == "folder":
        path.mkdir()
    elif content == "bomb":  # each file within the limit, together past the cap: some 70 KiB packed
        zeros = b"\0" * MEMBER_LIMIT
        build(path, [entry(f"records/alice/2024-01-{day:02d}-talk.toml", zeros) for day in range(1, 18)])
    elif content is not None:
        path.write_bytes(content)
    before = files(homes.new)

    result = homes.run(homes.new, "import", str(path), ok=False)

    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and says in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert files(homes.new) == before


def test_a_refused_import_into_no_home_leaves_no_home(homes, tmp_path):
    nowhere = tmp_path / "fresh"
    result = homes.run(nowhere, "import", str(hostile(homes, "bad record: an answer")), ok=False)
    assert result.exit_code == 2
    assert not nowhere.exists()


def test_the_scratch_folder_goes_even_on_ctrl_c(homes, monkeypatch):
    from aspire_cli.storage.follow_ups import FollowUps

    def interrupted(self, path):
        assert path.parent.parent.parent.name.startswith(".importing-")
        assert stat.S_IMODE(path.parent.parent.parent.stat().st_mode) == 0o700
        raise KeyboardInterrupt

    archive = homes.hand_over()
    before = files(homes.new)
    monkeypatch.setattr(FollowUps, "read", interrupted)

    result = homes.run(homes.new, "import", str(archive), ok=False)

    assert result.exit_code == 130
    assert files(homes.new) == before  # no .importing-* left, nothing written


# -- writing the archive ------------------------------------------------------------------------


def test_an_existing_file_is_never_replaced(homes):
    taken = homes.out / "alice.tar.gz"
    taken.write_bytes(b"precious")

    result = homes.run(homes.old, "handover", "alice", "--out", str(taken), ok=False)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --out {taken}: already exists")
    assert taken.read_bytes() == b"precious"
    assert [p.name for p in homes.out.iterdir()] == ["alice.tar.gz"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("nobody", "--out", "OUT/x.tar.gz"), "'nobody' is not on your team and has no records"),
        (("alice", "--out", "HOME/records/alice.tar.gz"), "is inside your aspire folder"),
        (("alice", "--out", "OUT/missing/x.tar.gz"), "there is no folder"),
        (("alice", "--out", "OUT"), "is a folder"),
        (("alice", "--out", "-"), "give the archive's file name"),
    ],
)
def test_a_hand_over_that_cannot_be_made_is_one_line(homes, args, says):
    args = tuple(a.replace("OUT", str(homes.out)).replace("HOME", str(homes.old)) for a in args)
    before = files(homes.old)

    result = homes.run(homes.old, "handover", *args, ok=False)

    assert result.exit_code != 0
    assert result.stderr.startswith("error: ") and says in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert files(homes.old) == before
    assert list(homes.out.iterdir()) == []


def test_a_broken_record_stops_the_hand_over_and_is_named(homes):
    path = homes.old / "records" / "alice" / "2025-05-01-talk.toml"
    path.write_text(path.read_text().replace('willing = "yes"', 'willing = "maybe"'))

    result = homes.run(homes.old, "handover", "alice", "--out", str(homes.out / "a.tar.gz"), ok=False)

    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: answers.willing: must be one of")
    assert result.stderr.rstrip().endswith("; mend it and hand over again.")
    assert list(homes.out.iterdir()) == []


def test_a_record_of_a_question_set_this_home_lacks_waits_for_the_set(homes):
    from aspire_cli.storage.paths import questions_dir

    own = homes.out.parent / "mentoring.toml"
    own.write_text((questions_dir() / "prep.toml").read_text().replace('id = "prep"', 'id = "mentoring"', 1))
    homes.run(
        homes.old,
        "prep",
        "alice",
        "--date",
        "2025-04-01",
        "--questions",
        str(own),
        "--answers",
        "-",
        input=PREP,
    )
    archive = homes.hand_over("--include-prep")
    before = files(homes.new)

    refused = homes.run(homes.new, "import", str(archive), ok=False)

    assert refused.exit_code == 2
    assert (
        "records/alice/2025-04-01-prep.toml: uses the question set 'mentoring', which this home"
        in refused.stderr
    )
    assert f"put its file in {homes.new / 'questions'}/ first; nothing imported." in refused.stderr
    assert files(homes.new) == before
    (homes.new / "questions").mkdir()
    (homes.new / "questions" / "mentoring.toml").write_bytes(own.read_bytes())
    assert "2 talks, 2 preps and 2 follow-ups" in homes.run(homes.new, "import", str(archive)).stdout


def test_someone_no_longer_on_the_team_is_handed_over_with_the_default_cadence(homes):
    homes.run(homes.old, "team", "remove", "alice")
    archive = homes.hand_over()

    result = homes.run(homes.new, "import", str(archive))

    assert result.stdout.startswith(
        "Imported alice: 2 talks and 2 follow-ups; added to your team (discussions every year)."
    )
    assert tomllib.loads((homes.new / "team.toml").read_text())["members"]["alice"]["name"] == ""


def test_numbers_written_before_numbering_may_not_shift():
    """Talks without stored numbers are numbered by their order: one arriving earlier would move ours."""
    from datetime import date

    from aspire_cli.domain.action_numbers import Talk, clashing_numbers

    ours = [Talk("here:a", (date(2025, 1, 1), 1), [None, None])]  # our 1 and 2
    theirs = [Talk("archive:b", (date(2024, 1, 1), 1), [None])]  # their 1, earlier: would take 1
    assert clashing_numbers(ours, theirs, {"archive:b": (date(2024, 1, 1), 1)}, {}, set(), set()) == [1, 2, 3]
    later = [Talk("archive:b", (date(2026, 1, 1), 1), [3])]  # stored 3, after ours: no clash
    assert clashing_numbers(ours, later, {"archive:b": (date(2026, 1, 1), 1)}, {}, set(), set()) == []
    # the same talk on both sides counts once; a follow-up of theirs naming our action 2 is refused
    same = [Talk("archive:a", (date(2025, 1, 1), 1), [None, None]), *later]
    places = {"archive:b": (date(2026, 1, 1), 1)}
    assert clashing_numbers(ours, same, places, {"archive:a": "here:a"}, set(), {3}) == []
    assert clashing_numbers(ours, later, places, {}, set(), {2}) == [2]
    assert clashing_numbers(ours, later, places, {}, {3}, set()) == [3]  # our stray follow-up of a 3
