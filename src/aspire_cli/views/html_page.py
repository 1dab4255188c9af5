"""The head every HTML page aspire writes begins with (the report, the share page): self-contained,
nothing in it fetched, nothing run. The title comes escaped; the style is the page's own."""

from __future__ import annotations

NOTHING_FETCHED_NOTHING_RUN = "default-src 'none'; style-src 'unsafe-inline'"


def page_head(title: str, style: str) -> list[str]:
    """The lines from the doctype to the opening <body>."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # nothing is fetched and nothing runs, whatever a text in the page might try
        f'<meta http-equiv="Content-Security-Policy" content="{NOTHING_FETCHED_NOTHING_RUN}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
