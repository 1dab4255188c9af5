"""No file or stream aspire reads can make it take unbounded memory or time: answers files (standard
input and devices too), question sets, settings and hand-over archives each have a cap, and what is
over it, endless or never-ending is one line naming it, exit status 2, with nothing written.

Each run is given a ceiling on its memory (an endless read fails fast instead of filling the machine)
and on its time (a read that blocks fails the test instead of hanging it)."""

import gzip
import io
import os
import resource
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from support.answers import TALK_ANSWERS
from support.paths import REPO
from support.processes import aspire_script, terminal_env

from aspire_cli.storage.archive import Manifest
from aspire_cli.storage.toml_write import toml_text

MiB = 1024 * 1024
MEMORY_CEILING = 1024 * MiB  # far above what a run needs (about 100 MiB), far below an endless read
SHIPPED_TALK = (REPO / "questions" / "talk.toml").read_text()
DEEP_BRACKETS = "a = " + "[" * 100_000
DEEP_KEYS = "a" + ".a" * 100_000 + " = 1\n"


def _ceiling() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def run(home: Path, *args: str, stdin=None, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [aspire_script(), *args],
        stdin=subprocess.DEVNULL if stdin is None else stdin,
        capture_output=True,
        text=True,
        env=terminal_env(home),
        timeout=timeout,
        preexec_fn=_ceiling,
    )


def one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr[-2000:]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0][:2000])
    return lines[0]


def padded(text: str, size: int) -> str:
    """`text` made exactly `size` bytes long by a comment at its end."""
    return text + "#" + "x" * (size - len(text.encode()) - 2) + "\n"


def records(home: Path) -> list[Path]:
    return sorted((home / "records").rglob("*.toml"))


@pytest.fixture
def alice(aspire, home):
    assert aspire("team", "add", "alice").exit_code == 0
    return home


# -- answers files ---------------------------------------------------------------------------------
def test_dev_zero_as_answers_ends_in_one_line(alice):
    one_line_error(run(alice, "talk", "alice", "--answers", "/dev/zero"), "/dev/zero", "--answers -")
    assert records(alice) == []


def test_a_fifo_with_no_writer_as_answers_does_not_hang(alice, tmp_path):
    fifo = tmp_path / "answers.fifo"
    os.mkfifo(fifo)
    one_line_error(run(alice, "talk", "alice", "--answers", str(fifo), timeout=20), str(fifo))
    assert records(alice) == []


def test_endless_standard_input_ends_in_one_line_naming_the_cap(alice):
    yes = subprocess.Popen(["yes"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        result = run(alice, "talk", "alice", "--answers", "-", stdin=yes.stdout)
    finally:
        yes.kill()
        yes.wait()
        yes.stdout.close()
    one_line_error(result, "stdin", "4 MiB")
    assert records(alice) == []


def test_answers_from_a_closed_standard_input_are_one_line(alice):
    result = subprocess.run(
        [aspire_script(), "talk", "alice", "--answers", "-"],
        capture_output=True,
        text=True,
        env=terminal_env(alice),
        timeout=30,
        preexec_fn=lambda: os.close(0),
    )
    one_line_error(result, "stdin", "--answers FILE")


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_answers_over_four_mib_are_refused_and_up_to_it_saved(alice, tmp_path, source):
    def talk(size: int) -> subprocess.CompletedProcess:
        answers = tmp_path / "answers.toml"
        answers.write_text(padded(TALK_ANSWERS, size))
        if source == "file":
            return run(alice, "talk", "alice", "--answers", str(answers))
        with answers.open("rb") as stdin:
            return run(alice, "talk", "alice", "--answers", "-", stdin=stdin)

    one_line_error(talk(4 * MiB + 1), "4 MiB")
    assert records(alice) == []
    saved = talk(4 * MiB)
    assert saved.returncode == 0, saved.stderr
    assert len(records(alice)) == 1


# -- question sets ---------------------------------------------------------------------------------
def test_your_own_set_over_one_mib_is_named_and_nothing_written(alice, tmp_path):
    (alice / "questions").mkdir()
    own = alice / "questions" / "talk.toml"
    own.write_text(padded(SHIPPED_TALK, MiB + 1))
    (tmp_path / "answers.toml").write_text(TALK_ANSWERS)
    one_line_error(
        run(alice, "talk", "alice", "--answers", str(tmp_path / "answers.toml")), str(own), "1 MiB"
    )
    assert records(alice) == []


@pytest.mark.parametrize(
    "how", [["talk", "alice", "--answers", "-", "--questions"], ["questions", "validate"]]
)
def test_a_given_set_over_one_mib_is_named(alice, tmp_path, how):
    given = tmp_path / "given.toml"
    given.write_text(padded(SHIPPED_TALK, MiB + 1))
    with (tmp_path / "a.toml").open("w+b") as stdin:
        stdin.write(TALK_ANSWERS.encode())
        stdin.seek(0)
        one_line_error(run(alice, *how, str(given), stdin=stdin), str(given), "1 MiB")
    assert records(alice) == []


def test_a_fifo_given_to_validate_does_not_hang(alice, tmp_path):
    fifo = tmp_path / "set.toml"
    os.mkfifo(fifo)
    one_line_error(run(alice, "questions", "validate", str(fifo), timeout=20), str(fifo))


def test_a_fifo_in_place_of_your_own_set_does_not_hang_an_export(alice, tmp_path):
    (tmp_path / "answers.toml").write_text(TALK_ANSWERS)
    assert run(alice, "talk", "alice", "--answers", str(tmp_path / "answers.toml")).returncode == 0
    (alice / "questions").mkdir()
    os.mkfifo(alice / "questions" / "talk.toml")
    one_line_error(run(alice, "export", timeout=20), "questions/talk.toml")


# -- nesting, and settings -------------------------------------------------------------------------
PLACES = ["answers file", "own set", "--questions", "questions validate", "config.toml"]


def _write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def _reading(place: str, home: Path, tmp: Path, text: str) -> list[str]:
    """The command that reads `text` from `place`."""
    if place == "answers file":
        return ["talk", "alice", "--answers", _write(tmp / "a.toml", text)]
    if place == "own set":
        _write(home / "questions" / "talk.toml", text)
        return ["talk", "alice", "--answers", _write(tmp / "a.toml", TALK_ANSWERS)]
    if place == "--questions":
        return [
            "prep",
            "alice",
            "--answers",
            _write(tmp / "a.toml", ""),
            "--questions",
            _write(tmp / "q.toml", text),
        ]
    if place == "questions validate":
        return ["questions", "validate", _write(tmp / "q.toml", text)]
    _write(home / "config.toml", text)
    return ["config"]


@pytest.mark.parametrize("text", [DEEP_BRACKETS, DEEP_KEYS], ids=["brackets", "dotted keys"])
@pytest.mark.parametrize("place", PLACES)
def test_deeply_nested_toml_is_one_line_wherever_it_is_read(alice, tmp_path, place, text):
    result = run(alice, *_reading(place, alice, tmp_path, text))
    if place == "questions validate":  # one line per problem, each naming the file
        lines = result.stderr.splitlines()
        assert result.returncode == 2 and 1 <= len(lines) <= 5, result.stderr[-2000:]
        assert all(str(tmp_path / "q.toml") in line and len(line) < 200 for line in lines), lines
    else:
        one_line_error(result)
    assert records(alice) == []


def test_deeply_nested_answers_on_standard_input_are_one_line(alice, tmp_path):
    with (tmp_path / "a.toml").open("w+b") as stdin:
        stdin.write(DEEP_BRACKETS.encode())
        stdin.seek(0)
        one_line_error(run(alice, "talk", "alice", "--answers", "-", stdin=stdin), "stdin")


@pytest.mark.parametrize("kind", ["over one MiB", "a FIFO"])
def test_settings_that_are_too_big_or_never_end_are_one_line(alice, kind):
    config = alice / "config.toml"
    if kind == "a FIFO":
        os.mkfifo(config)
    else:
        config.write_text(padded('leader = "Dana"\n', MiB + 1))
    one_line_error(run(alice, "config", timeout=20), str(config))


# -- hand-over archives ----------------------------------------------------------------------------
def _archive(path: Path, member: tarfile.TarInfo) -> None:
    """A hand-over archive of bob with a valid manifest and one hostile `member`."""
    manifest = Manifest(
        format="aspire-handover",
        format_version=1,
        aspire_version="1",
        created=datetime(2026, 1, 1, tzinfo=UTC),
        employee="bob",
        cadence_months=12,
    )
    data = toml_text(manifest.to_toml_data()).encode()
    out = io.BytesIO()
    with (
        gzip.GzipFile(fileobj=out, mode="wb") as packed,
        tarfile.open(fileobj=packed, mode="w", format=tarfile.PAX_FORMAT) as tar,
    ):
        info = tarfile.TarInfo("manifest.toml")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        tar.addfile(member, io.BytesIO(b"x") if member.isfile() else None)
    path.write_bytes(out.getvalue())


def _member(kind: str) -> tarfile.TarInfo:
    long = "records/bob/" + "x" * 1_000_000
    if kind == "name":
        member = tarfile.TarInfo(long)
        member.size = 1
    else:
        member = tarfile.TarInfo("records/bob/2026-01-01-talk.toml")
        member.type, member.linkname = tarfile.SYMTYPE, long
    return member


@pytest.mark.parametrize("kind", ["name", "link target"])
def test_an_archive_member_with_a_huge_name_is_named_in_a_short_line(alice, tmp_path, kind):
    archive = tmp_path / "bob.tar.gz"
    _archive(archive, _member(kind))
    line = one_line_error(run(alice, "import", str(archive)), str(archive), "records/bob/xxx")
    assert len(line) < 1000
    assert not (alice / "records" / "bob").exists()
