"""The head every HTML page aspire writes begins with (the report, the share page, the employee's
answers form, the pre-read): self-contained, nothing in it fetched. The title comes escaped; the style
is the page's own; a page that runs a script of its own (the form) gives the policy that allows it."""

from __future__ import annotations

NOTHING_FETCHED_NOTHING_RUN = "default-src 'none'; style-src 'unsafe-inline'"


def page_head(title: str, style: str, policy: str | None = None) -> list[str]:
    """The lines from the doctype to the opening <body>, with the page's Content-Security-Policy
    before anything it governs: `policy` for a page with a script of its own (the form), else one
    that fetches and runs nothing."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # nothing is fetched and nothing runs, whatever a text in the page might try
        f'<meta http-equiv="Content-Security-Policy" content="{policy or NOTHING_FETCHED_NOTHING_RUN}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
    ]
