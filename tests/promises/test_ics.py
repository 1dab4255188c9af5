"""`aspire due --ics FILE`: the calendar a leader imports, read back with icalendar, event by event."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event
from support.answers import PREP_ANSWERS, TALK_ANSWERS

from aspire_cli.domain.schedule import NEVER_HELD, OVERDUE, DueRow, add_months
from aspire_cli.views.calendar import calendar_bytes

TODAY = date.today()


def held(aspire, employee: str, day: date) -> None:
    result = aspire("talk", employee, "--date", day.isoformat(), "--answers", "-", input=TALK_ANSWERS)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def team(aspire) -> dict[str, date]:
    """Four members and the day each one's event must fall on, as of today."""
    for args in (["late"], ["new", "--name", "Nina New"], ["soon", "--cadence", "6"], ["fine"]):
        assert aspire("team", "add", *args).exit_code == 0
    aspire("prep", "new", "--answers", "-", input=PREP_ANSWERS)  # a prep alone is no discussion
    held(aspire, "late", TODAY - timedelta(days=400))
    held(aspire, "soon", TODAY - timedelta(days=100))
    held(aspire, "fine", TODAY - timedelta(days=30))
    return {
        "late": TODAY,  # overdue: today
        "new": TODAY,  # never held: today
        "soon": add_months(TODAY - timedelta(days=100), 6),
        "fine": add_months(TODAY - timedelta(days=30), 12),
    }


def events(path: Path) -> dict[str, Event]:
    """The file's events by UID, parsed by icalendar; exactly one per UID."""
    calendar = Calendar.from_ical(path.read_bytes())
    found = list(calendar.walk("VEVENT"))
    by_uid = {str(event["UID"]): event for event in found}
    assert len(by_uid) == len(found)
    return by_uid


def write_ics(aspire, path: Path, *args: str):
    result = aspire("due", "--ics", str(path), *args)
    assert result.exit_code == 0, result.stderr
    return result


def test_one_all_day_event_per_member_on_its_due_day_overdue_and_never_held_today(aspire, team, tmp_path):
    path = tmp_path / "due.ics"
    result = write_ics(aspire, path)
    assert result.stdout == f"Wrote 4 events to {path}\n"
    found = events(path)
    assert len(found) == 4
    days = {
        str(e["SUMMARY"]).removeprefix("Career discussion: "): e.decoded("DTSTART") for e in found.values()
    }
    assert days == {"late": team["late"], "Nina New": team["new"], "soon": team["soon"], "fine": team["fine"]}
    for event in found.values():
        start = event.decoded("DTSTART")
        assert type(start) is date and event["DTSTART"].params["VALUE"] == "DATE"  # all day
        assert event.decoded("DTEND") == start + timedelta(days=1)
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert str(event["TRANSP"]) == "TRANSPARENT"  # the day is not shown as busy
    late = next(e for e in found.values() if "late" in str(e["SUMMARY"]))
    due = add_months(TODAY - timedelta(days=400), 12).isoformat()
    assert f"due {due}, overdue" in str(late["DESCRIPTION"]) and "aspire prep late" in str(
        late["DESCRIPTION"]
    )


def test_the_file_is_rfc_5545_text_that_icalendar_writes_back_byte_for_byte(aspire, team, tmp_path):
    path = tmp_path / "due.ics"
    write_ics(aspire, path)
    data = path.read_bytes()
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"]).startswith("-//aspire//")
    assert calendar.to_ical() == data
    assert data.endswith(b"END:VCALENDAR\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_prep_days_adds_an_event_to_prepare_that_many_days_before_each_discussion(aspire, team, tmp_path):
    path = tmp_path / "due.ics"
    result = write_ics(aspire, path, "--prep-days", "14")
    assert result.stdout == f"Wrote 8 events to {path}: 4 to hold, 4 to prepare\n"
    found = events(path)
    prepare = {
        uid.removesuffix(".prepare@aspire"): e for uid, e in found.items() if uid.endswith(".prepare@aspire")
    }
    assert sorted(prepare) == ["fine", "late", "new", "soon"]
    for employee, event in prepare.items():
        due_day = team[employee]
        assert event.decoded("DTSTART") == max(due_day - timedelta(days=14), TODAY)  # never in the past
        assert str(event["SUMMARY"]).startswith("Prepare: career discussion with ")
        assert f"aspire prep {employee}" in str(event["DESCRIPTION"])
        assert found[f"{employee}.next-discussion@aspire"].decoded("DTSTART") == due_day
    assert Calendar.from_ical(path.read_bytes()).to_ical() == path.read_bytes()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--prep-days", "7"], "--prep-days goes with --ics"),
        (["--ics", "x.ics", "--prep-days", "0"], "--prep-days 0: give the days before each discussion"),
        (["--ics", "x.ics", "--prep-days", "soon"], "--prep-days 'soon'"),
    ],
)
def test_prep_days_out_of_place_is_one_line(aspire, team, tmp_path, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    done = aspire("due", *args)
    assert done.exit_code == 2 and says in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("extra", [[], ["--prep-days", "10"]])
def test_no_answer_and_no_prep_note_is_anywhere_in_the_file(aspire, team, tmp_path, extra):
    path = tmp_path / "due.ics"
    write_ics(aspire, path, *extra)
    text = path.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
    answers = {**tomllib.loads(TALK_ANSWERS), **tomllib.loads(PREP_ANSWERS)}
    typed = [v for v in answers.values() if isinstance(v, str) and v != "yes"]  # "yes": a common word
    typed += [item[key] for item in answers["actions"] for key in ("action", "measure")]
    assert len(typed) == 18  # the levels and readiness chosen among them
    for value in typed:
        assert value not in text and value.replace(",", "\\,") not in text


def test_uids_stay_the_same_across_runs_and_a_new_talk_moves_the_date(aspire, team, tmp_path):
    first, second, third = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    write_ics(aspire, first)
    write_ics(aspire, second)
    before = {uid: e.decoded("DTSTART") for uid, e in events(first).items()}
    assert {uid: e.decoded("DTSTART") for uid, e in events(second).items()} == before
    late_uid = next(uid for uid, e in events(first).items() if "late" in str(e["SUMMARY"]))
    held(aspire, "late", TODAY)
    write_ics(aspire, third)
    after = {uid: e.decoded("DTSTART") for uid, e in events(third).items()}
    assert set(after) == set(before)
    assert after[late_uid] == add_months(TODAY, 12) != before[late_uid]
    assert {uid: day for uid, day in after.items() if uid != late_uid} == {
        uid: day for uid, day in before.items() if uid != late_uid
    }


def test_as_of_is_the_day_overdue_events_fall_on(aspire, team, tmp_path):
    path = tmp_path / "due.ics"
    later = TODAY + timedelta(days=3)
    write_ics(aspire, path, "--as-of", later.isoformat())
    days = [e.decoded("DTSTART") for e in events(path).values()]
    assert days.count(later) == 2 and TODAY not in days


def test_dash_writes_the_calendar_alone_to_stdout(aspire, team, home):
    result = aspire("due", "--ics", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(list(Calendar.from_ical(result.stdout_bytes).walk("VEVENT"))) == 4


def test_a_member_whose_talk_cannot_be_read_is_named_and_the_others_still_written(
    aspire, team, home, tmp_path
):
    talk = next((home / "records" / "fine").glob("*-talk.toml"))
    talk.write_text("not = [toml", encoding="utf-8")
    path = tmp_path / "due.ics"
    result = aspire("due", "--ics", str(path))
    assert result.exit_code == 2
    assert str(talk) in result.stderr and result.stderr.count("\n") == 1
    assert len(events(path)) == 3 and "Wrote 3 events" in result.stdout


def test_without_a_team_no_file_is_written(aspire, home, tmp_path):
    path = tmp_path / "due.ics"
    result = aspire("due", "--ics", str(path))
    assert result.exit_code == 0 and "No calendar written" in result.stdout
    assert not path.exists() and not home.exists()


# -- the file written: atomically, never through a link, never over something else ------------------
def test_an_existing_calendar_is_replaced_and_keeps_its_mode(aspire, team, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "due.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    path.chmod(0o640)
    write_ics(aspire, path)
    assert len(events(path)) == 4 and (path.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in path.parent.iterdir()] == ["due.ics"]  # no temporary file left


def test_a_link_is_neither_followed_nor_replaced(aspire, team, tmp_path):
    target = tmp_path / "elsewhere.ics"
    target.write_bytes(b"")
    link = tmp_path / "due.ics"
    link.symlink_to(target)
    result = aspire("due", "--ics", str(link))
    assert result.exit_code == 2 and "symbolic link" in result.stderr and str(target) in result.stderr
    assert link.is_symlink() and target.read_bytes() == b""


def test_a_file_that_is_not_a_calendar_is_not_overwritten(aspire, team, home, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    result = aspire("due", "--ics", str(notes))
    assert result.exit_code == 2 and "is not a calendar" in result.stderr
    assert notes.read_text() == "my notes\n"


def test_a_folder_that_does_not_exist_is_named(aspire, team, tmp_path):
    result = aspire("due", "--ics", str(tmp_path / "nowhere" / "due.ics"))
    assert result.exit_code == 74 and f"there is no folder {tmp_path / 'nowhere'}" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--json"], "--ics and --json do not go together"),
        (["--brief"], "--ics and --brief do not go together"),
        (["--within", "7"], "--within does nothing with --ics"),
    ],
)
def test_options_that_make_no_sense_with_ics_are_refused(aspire, team, tmp_path, args, words):
    path = tmp_path / "due.ics"
    result = aspire("due", "--ics", str(path), *args)
    assert result.exit_code == 2 and words in result.stderr
    assert not path.exists()


# -- the calendar itself, for any name ----------------------------------------------------------------
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=120)
ESCAPES = st.text(st.sampled_from('ab \\^,;:"é'), min_size=1, max_size=200)  # long, to be folded
NAMES = st.one_of(ANY_TEXT, ESCAPES).filter(lambda name: name.strip() == name and name)


@given(name=NAMES, overdue=st.booleans())
def test_any_name_comes_back_exact_from_a_file_icalendar_reads_and_writes_identically(name, overdue):
    today = date(2026, 11, 26)
    last = date(2025, 1, 31) if overdue else date(2026, 8, 31)
    due = add_months(last, 12)
    row = DueRow("alice", name, 12, last, due, OVERDUE if overdue else "ok", (due - today).days)
    data = calendar_bytes([row], today, datetime(2026, 11, 26, 9, 30, tzinfo=UTC))
    calendar = Calendar.from_ical(data)
    assert calendar.to_ical() == data
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == f"Career discussion: {name}"
    assert event.decoded("DTSTART") == (today if overdue else due)
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


@pytest.mark.parametrize("escape", ["\\", ",", ";", "^"])
def test_a_fold_never_splits_an_escape_wherever_it_falls(escape):
    """Every position of an escaped character against the fold, in names of one and two octets."""
    for letter in ("x", "é"):
        rows = [
            DueRow(f"e{n}", letter * n + escape + letter * 90, 6, None, None, NEVER_HELD, None)
            for n in range(80)
        ]
        data = calendar_bytes(rows, date(2026, 11, 26), datetime(2026, 11, 26, tzinfo=UTC))
        calendar = Calendar.from_ical(data)
        assert calendar.to_ical() == data
        names = {str(e["SUMMARY"]).removeprefix("Career discussion: ") for e in calendar.walk("VEVENT")}
        assert names == {row.name for row in rows}


def test_an_event_on_the_last_day_of_the_calendar_has_no_day_after_it():
    row = DueRow("bob", "Bob", 12, None, None, NEVER_HELD, None)
    data = calendar_bytes([row], date.max, datetime(2026, 11, 26, tzinfo=UTC))
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    assert event.decoded("DTSTART") == date.max and "DTEND" not in event


def test_the_calendar_is_written_without_icalendar_the_tests_oracle(team, home, tmp_path):
    from support.probe import probe

    modules, _, done = probe(home, "due", "--ics", str(tmp_path / "due.ics"))
    assert done.returncode == 0 and "icalendar" not in modules
    assert (tmp_path / "due.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
