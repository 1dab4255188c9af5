"""The `aspire` console script."""

from __future__ import annotations


def main() -> None:
    from aspire_cli.cli import app

    app(prog_name="aspire")
