"""`aspire due --ics FILE`: every team member's next discussion as an all-day event in an iCalendar file.

One event per member, on the day their next discussion falls due; an overdue one, or one never held,
on the day of the report (today), so that it cannot be missed. Each member's event keeps one UID,
`<employee>.next-discussion@aspire`, so that importing a newer file into a calendar application moves
the event (the later DTSTAMP is the newer version, RFC 5546) instead of adding another. Events carry
no answers and no prep notes, only the name, the cadence, the due day and the commands to run:
calendars are synced to clouds. They are marked free (TRANSP), so that a day is not shown as busy.

The file is written here, byte for byte as icalendar writes it (its own Calendar.to_ical takes about
0.3 s for 1,000 events, and importing it 0.15 s, more than the whole of `aspire due`): values
escaped as RFC 5545 says (TEXT, DATE, UTC DATE-TIME) and lines folded at 75 octets. icalendar is
the tests' oracle, not a dependency: tests/unit/test_ical_values.py holds each value to its
encoding, and tests/promises/test_ics.py checks that icalendar, reading the file and writing it
again, gives back the very same bytes.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from aspire_cli import __version__
from aspire_cli.domain.schedule import NEVER_HELD, DueRow, every
from aspire_cli.errors import BadFile, BadInput, report
from aspire_cli.safe_text import one_line
from aspire_cli.storage.store import Store

STDOUT = "-"
PRODID = f"-//aspire//aspire {__version__}//EN"
CALENDAR_NAME = "Career discussions"


def run_ics(
    store: Store, as_of: date, target: str, today: date, now: datetime, prep_days: int | None = None
) -> int:
    """Write the calendar of the team as of `as_of` to `target` (a file, or "-" for stdout) and say
    what was written, in one line; `today` and `now` (UTC, the events' stamp) are the clock's. The
    exit code: 2 when a member's files could not be read (they are named, everyone else is in the
    calendar), else 0."""
    from aspire_cli.views.due import due_report
    from aspire_cli.views.listings import no_home_yet

    if not store.has_home():
        _say(f"No calendar written. {no_home_yet(store)}", target)
        return 0
    due = due_report(store, as_of, 0, today=today)
    for problem in due.problems:
        report(BadFile(problem))
    if not due.rows:
        if not due.problems:
            _say("No calendar written: no one on your team yet.", target)
        return 2 if due.problems else 0
    data = calendar_bytes(due.rows, as_of, now, prep_days)
    if target == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_calendar(Path(target), data)
        count = len(due.rows)
        said = f"Wrote {count} event{'s' if count != 1 else ''} to {target}"
        if prep_days is not None:
            said = f"Wrote {2 * count} events to {target}: {count} to hold, {count} to prepare"
        print(one_line(said))
    return 2 if due.problems else 0


def _say(line: str, target: str) -> None:
    """On stdout, unless stdout is the calendar."""
    print(one_line(line), file=sys.stderr if target == STDOUT else sys.stdout)


# -- the calendar -----------------------------------------------------------------------------------
def event_day(row: DueRow, today: date) -> date:
    """The day of a member's event: when due, or today if that has passed or no talk was ever held."""
    return today if row.next_due is None or row.next_due < today else row.next_due


def calendar_bytes(rows: Iterable[DueRow], today: date, now: datetime, prep_days: int | None = None) -> bytes:
    """The iCalendar file (RFC 5545: CRLF line ends, lines folded at 75 octets, UTF-8), one event a
    row, and with `prep_days` one to prepare that many days before it (today at the earliest), in
    the order of their days; `now` (UTC) stamps each event."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")  # a DATE-TIME in UTC
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{ical_text(PRODID)}",
        f"X-WR-CALNAME:{ical_text(CALENDAR_NAME)}",
    ]
    events = []
    for row in rows:
        day = event_day(row, today)
        events.append((day, row.employee, 1, _discussion(row, today)))
        if prep_days is not None:
            events.append(
                (max(day - timedelta(days=prep_days), today), row.employee, 0, _preparing(row, today))
            )
    for day, _, _, (summary, event_uid, text) in sorted(events):
        lines += _event(summary, event_uid, text, day, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _discussion(row: DueRow, today: date) -> tuple[str, str, str]:
    """The discussion's event: its summary, UID and description."""
    return f"Career discussion: {row.name or row.employee}", uid(row.employee), description(row, today)


def _preparing(row: DueRow, today: date) -> tuple[str, str, str]:
    """The event to prepare it (due --ics --prep-days): as content-free as the discussion's."""
    text = (
        f"Prepare the career aspiration discussion with {row.name or row.employee}: {_when(row, today)}.\n"
        f"Prepare with: aspire prep {row.employee}"
    )
    return f"Prepare: career discussion with {row.name or row.employee}", prep_uid(row.employee), text


def _event(summary: str, event_uid: str, text: str, day: date, stamp: str) -> list[str]:
    """An event's lines, in the order icalendar writes them (its canonical order, then by name)."""
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{ical_text(summary)}",
        f"DTSTART;VALUE=DATE:{ical_day(day)}",
    ]
    if day < date.max:  # without DTEND, an all-day event lasts that one day (RFC 5545, 3.6.1)
        lines.append(f"DTEND;VALUE=DATE:{ical_day(day + timedelta(days=1))}")
    lines += [
        f"DTSTAMP:{stamp}",
        f"UID:{event_uid}",  # an employee id is letters, digits and hyphens: nothing to escape
        f"DESCRIPTION:{ical_text(text)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return lines


def uid(employee: str) -> str:
    """The same for a member in every file, whatever the day: a newer file updates the event."""
    return f"{employee}.next-discussion@aspire"


def prep_uid(employee: str) -> str:
    return f"{employee}.prepare@aspire"


def description(row: DueRow, today: date) -> str:
    """What the event says: the cadence, when it was due, the commands. Never an answer or a note."""
    cadence = every(row.cadence_months)
    return (
        f"Career aspiration discussion with {row.name or row.employee}, {cadence}: {_when(row, today)}.\n"
        f"Prepare with: aspire prep {row.employee}\n"
        f"Hold it with: aspire talk {row.employee}"
    )


def _when(row: DueRow, today: date) -> str:
    if row.status == NEVER_HELD or row.next_due is None:
        return "never held yet, so due now"
    if row.next_due < today:
        return f"due {row.next_due.isoformat()}, overdue"
    return f"due {row.next_due.isoformat()}"


def ical_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 says, exactly as icalendar's vText escapes it (a literal
    backslash-N, which icalendar reads as a line break, included): tests/unit/test_ical_values.py."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ical_day(day: date) -> str:
    """A DATE value: YYYYMMDD."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _fold(line: str, limit: int = 75) -> str:
    """A content line folded as icalendar folds it: a CRLF and a space before the octet that would
    make a line reach `limit`, never inside a character, nor right after a backslash (an escape)."""
    if line.isascii():  # an octet a character: cut by position (a thousand events: keep this quick)
        if len(line) < limit:
            return line
        parts: list[str] = []
        start = 0
        while len(line) - start >= limit:
            cut = start + limit - 1
            if line[cut - 1] in "\\^":  # an escape's first character starts the next line
                cut -= 1
            parts.append(line[start:cut])
            start = cut
        parts.append(line[start:])
        return "\r\n ".join(parts)
    return _fold_by_octets(line, limit)


def _fold_by_octets(line: str, limit: int) -> str:
    parts: list[str] = []
    start, size = 0, 0
    for at, char in enumerate(line):
        width = len(char.encode("utf-8"))
        if at > start and size + width >= limit:
            cut = at - 1 if at - start > 1 and line[at - 1] in "\\^" else at
            parts.append(line[start:cut])
            start, size = cut, len(line[cut:at].encode("utf-8"))
        size += width
    parts.append(line[start:])
    return "\r\n ".join(parts)


# -- the file ---------------------------------------------------------------------------------------
def write_calendar(path: Path, data: bytes) -> None:
    """Replace `path` with `data` at once (files.atomic_write: a temporary file beside it, then a
    rename), keeping an existing file's mode. A link is not written through, nor replaced; neither
    is a file that is not a calendar (`--ics team.toml` by mistake). Not fsynced: the calendar is
    derived from the home, and the next run writes it again."""
    from aspire_cli.storage.files import atomic_write

    atomic_write(path, data, durable=False, mode=_replaceable_mode(path))


def _replaceable_mode(path: Path) -> int:
    """The mode the new file gets: the old one's, or what the umask makes of rw-rw-rw-. A BadInput
    if what is there must not be replaced."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
    except OSError:
        return 0o600  # the write itself says what is wrong
    if stat.S_ISLNK(info.st_mode):
        raise BadInput(
            f"--ics {path} is a symbolic link (to {path.readlink()}); aspire neither writes through "
            "it nor replaces it: give the file it points to, or another name"
        )
    if stat.S_ISDIR(info.st_mode):
        raise BadInput(f"--ics {path} is a folder: give a file name, e.g. {path / 'due.ics'}")
    if not stat.S_ISREG(info.st_mode) or not _is_calendar(path):
        raise BadInput(
            f"--ics {path} exists and is not a calendar file; aspire replaces only a calendar "
            "(pick another name, or remove it first)"
        )
    return stat.S_IMODE(info.st_mode)


def _is_calendar(path: Path) -> bool:
    """An empty file, or one that begins as an iCalendar file does."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise BadInput(
            f"--ics {path} exists and cannot be read ({exc.strerror}), so it may not be a calendar: "
            "remove it first, or pick another name"
        ) from None
    try:
        start = os.read(fd, 32)
    finally:
        os.close(fd)
    return not start or start.removeprefix(b"\xef\xbb\xbf").upper().startswith(b"BEGIN:VCALENDAR")
