"""The documentation is where users look for it, and true to the app.

docs/reference.md and man/aspire.1 are written from the Typer app (support/command_reference.py):
these tests fail when either differs from the app, and `python tests/support/command_reference.py`
writes both again. The site builds with `mkdocs build --strict` (no broken link or anchor, no page left out
of the navigation) without the network; the man page reads at 80 columns; the README's Quick start
is what CI runs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from markdown_it import MarkdownIt
from support import command_reference
from support.paths import REPO

REGENERATE = f"python {Path(command_reference.__file__).relative_to(REPO)}"


def test_the_command_reference_is_the_typer_apps():
    written = (REPO / command_reference.MARKDOWN_FILE).read_text(encoding="utf-8")
    assert written == command_reference.markdown(), f"docs/reference.md is stale: run {REGENERATE}"


def test_the_man_page_is_the_typer_apps():
    written = (REPO / command_reference.MAN_FILE).read_text(encoding="utf-8")
    assert written == command_reference.man_page(), f"man/aspire.1 is stale: run {REGENERATE}"


def test_every_command_and_option_of_the_app_is_in_the_reference():
    reference = (REPO / command_reference.MARKDOWN_FILE).read_text(encoding="utf-8")
    for entry in command_reference.entries():
        assert f"\n## {entry.path}\n" in reference
        for item in [*entry.arguments, *entry.options]:
            assert f"- `{item.typed}`: " in reference.split(f"\n## {entry.path}\n")[1].split("\n## ")[0]
    for typed in ("--as-of YYYY-MM-DD", "--format table|md|csv|json|html", "--include-prep", "EMPLOYEE"):
        assert f"`{typed}`" in reference


def test_the_man_page_reads_at_80_columns_without_a_warning():
    shown = subprocess.run(
        ["groff", "-man", "-Tutf8", "-ww", "-rLL=78n", "-P-c", str(REPO / command_reference.MAN_FILE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stderr == ""
    text = re.sub(r".\x08", "", shown.stdout)  # groff's overstrikes for bold and underline
    assert max(len(line) for line in text.splitlines()) <= 80
    for entry in command_reference.entries()[1:]:  # each command a heading of its own
        assert re.search(rf"^   {re.escape(entry.path)}$", text, re.MULTILINE), entry.path
    assert "EXIT STATUS" in text and "ASPIRE_HOME" in text
    assert "Example:" in text and "aspire talk alice --from alice-2026-12-03-answers.toml" in text


def test_the_site_builds_strictly_without_the_network(tmp_path):
    site = tmp_path / "site"
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9"
    )
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
    )
    assert built.returncode == 0, built.stderr
    reference = (site / "reference/index.html").read_text(encoding="utf-8")
    assert 'id="aspire-team-add"' in reference
    cycle = (site / "guide/cycle/index.html").read_text(encoding="utf-8")
    assert '<h1 id="the-yearly-cycle">The yearly cycle' in cycle and 'class="highlight"' in cycle
    for page in site.rglob("*.html"):  # the site reads offline: nothing loaded from anywhere else
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page


def quick_start() -> list[str]:
    """The commands of the README's Quick start, one per code block, in order."""
    tokens = MarkdownIt().parse((REPO / "README.md").read_text(encoding="utf-8"))
    start = next(i for i, t in enumerate(tokens) if t.type == "inline" and t.content == "Quick start")
    end = next(i for i in range(start + 1, len(tokens)) if tokens[i].type == "heading_open")
    return [t.content.strip() for t in tokens[start:end] if t.type == "fence"]


def test_the_quick_start_installs_in_a_virtual_environment_and_runs_the_main_job():
    install, test = quick_start()
    assert install == "python3 -m venv .venv && . .venv/bin/activate && pip install . && aspire prep alice"
    assert test == "pip install '.[test]' && python -m pytest"


def test_ci_runs_the_readme_test_command_in_a_fresh_virtual_environment():
    ci = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == quick_start()[1]
    assert "python3 -m venv --clear .venv-ci" in ci and "source .venv-ci/bin/activate" in ci


def test_the_readme_is_read_in_five_minutes_and_points_to_the_rest():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    for target in re.findall(r"\]\(((?:docs/)[^)#]+)", readme):
        assert (REPO / target).is_file(), target
    assert "(docs/reference.md)" in readme and "man aspire" in readme
