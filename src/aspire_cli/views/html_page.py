"""The head every HTML page aspire writes begins with (the report, the share page, the employee's
answers form): self-contained, nothing in it fetched. The title comes escaped; the style is the page's
own; a page that runs a script of its own (the form) gives the Content-Security-Policy that allows it."""

from __future__ import annotations


def page_head(title: str, style: str, policy: str | None = None) -> list[str]:
    """The lines from the doctype to the opening <body>; `policy`, if given, as the page's
    Content-Security-Policy (before anything it governs)."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        *([f'<meta http-equiv="Content-Security-Policy" content="{policy}">'] if policy else []),
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
