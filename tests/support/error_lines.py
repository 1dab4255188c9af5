"""An error is one line beginning `error:`: the checks of it, and the installed script run where
printing an undecodable byte would raise."""

import os
import subprocess
from pathlib import Path

from support.processes import aspire_script

LIBRARY_WORDS = ("Usage:", "Try '", "Error:", "Input should", "Field required", "Value error", "Traceback")


def script(home: Path, *args: str | bytes, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed `aspire`, in a UTF-8 locale where printing an undecodable byte would raise."""
    env = dict(os.environ, ASPIRE_HOME=str(home), NO_COLOR="1", LC_ALL="C.UTF-8", COLUMNS="100")
    return subprocess.run(
        [aspire_script(), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="backslashreplace",
        timeout=30,
    )


def assert_one_error_line(stderr: str, expected: str | None = None) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    assert not any(words in stderr for words in LIBRARY_WORDS), stderr
    if expected is not None:
        assert lines[0] == expected
    return lines[0]


def one_line_error(result) -> str:
    """The Typer app's result: one `error:` line, nothing on stdout, a non-zero exit."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert result.exit_code != 0 and result.stdout == ""
    return lines[0]


def one_line_of(stderr: str) -> str:
    """stderr is one line (a warning or an error) and no traceback; that line."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]
