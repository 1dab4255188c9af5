"""The team report as a document to take to a talent review: Markdown, or one HTML file.

Both hold the same parts: a title (with the leader's name when it is set) and the day, the team's
table with each answer in full, the potential-by-readiness grid with each member's initials in their
cell, who is not assessed or left out, and a legend. Pure functions of a TeamReport (report.py).

The HTML file stands alone: its style is inline (print styles included: landscape pages, headers
repeated, rows kept whole), it has no script, and it names no other file or address, so opening or
printing it fetches nothing. Everything in it that came from a record is escaped (html.escape).
The Markdown escapes what it holds as the records' Markdown copies do (render.py).
"""

from __future__ import annotations

from html import escape as _escape_html

from aspire_cli.domain.team_report import GRID_ROWS, READINESS, MemberRow, TeamReport
from aspire_cli.safe_text import visible
from aspire_cli.views.html_page import page_head

HEADER = (
    "Employee", "Name", "Initials", "Next due", "Status", "Short-term aspiration", "Long-term aspiration",
    "Aims for", "You see", "Match", "Willing", "Readiness", "Next assignment", "Open actions", "Overdue",
    "Form",
)  # fmt: skip
LEGEND = (
    (
        "Due",
        "the next discussion's date and its status (overdue, never held, due soon, ok), as aspire due says.",
    ),
    ("Aims for", "the level the employee aims for, from their latest talk."),
    ("You see", "the potential level you see, from your latest prep; Readiness and Next assignment too."),
    (
        "Levels",
        "current role < one level up < two or more levels up < senior leadership; expert track apart.",
    ),
    (
        "Match",
        "aligned (the same level); aims higher (than you see); you see more (than they aim for); "
        "different track (the expert track against a management level); - when a level is missing.",
    ),
    (
        "Open actions",
        "actions agreed in talks and not done or dropped; Overdue: those of them past their due date.",
    ),
    ("Form", "yes when the employee returned a form of their own words for their latest talk."),
    ("Grid", "each assessed member's initials where your potential level and readiness put them."),
)


def escape(text: str) -> str:
    """Text as HTML: markup escaped, and control characters (bidirectional overrides, which could
    reorder what is read, included) shown as escapes, never obeyed."""
    return _escape_html(visible(text))


def title(team: TeamReport) -> str:
    return f"Team report: {team.leader}" if team.leader else "Team report"


def _summary(team: TeamReport) -> str:
    count = len(team.members)
    return f"As of {team.as_of.isoformat()}. {count} member{'s' if count != 1 else ''}."


def _cells(row: MemberRow) -> list[str]:
    """A member's row as text, in the order of HEADER; "-" for what is not known."""
    return [
        row.employee,
        row.name or "-",
        row.initials,
        row.next_due.isoformat() if row.next_due else "-",
        row.due_status,
        row.short_term_aspiration or "-",
        row.long_term_aspiration or "-",
        row.aspiration_level or "-",
        row.potential_level or "-",
        row.alignment or "-",
        row.willing or "-",
        row.readiness or "-",
        row.next_assignment or "-",
        str(row.open_actions),
        str(row.overdue_actions),
        "yes" if row.form_returned else "-",
    ]


def _not_assessed_lines(team: TeamReport) -> list[str]:
    return [f"{m.initials} {m.name or m.employee} ({m.employee}): {m.reason}" for m in team.not_assessed]


LEFT_OUT = "Left out, a file of theirs could not be read (aspire report names it): "


# -- Markdown ---------------------------------------------------------------------------------------
def markdown(team: TeamReport) -> str:
    from aspire_cli.views.record_text import escape_cell, escape_inline, heading_text

    def row(cells: list[str]) -> str:
        return "| " + " | ".join(escape_cell(cell) for cell in cells) + " |"

    lines = [f"# {heading_text(title(team))}", "", _summary(team), "", "## Team", ""]
    if team.members:
        lines += [row(list(HEADER)), "|" + " --- |" * len(HEADER)]
        lines += [row(_cells(member)) for member in team.members]
    else:
        lines.append("No one on the team yet.")
    lines += ["", "## Potential by readiness", ""]
    lines += [row(["Potential \\ readiness", *READINESS]), "|" + " --- |" * (len(READINESS) + 1)]
    for level in GRID_ROWS:
        cells = [", ".join(m.initials for m in team.grid[level][r]) for r in READINESS]
        lines.append(row([level, *cells]))
    if team.not_assessed:
        lines += ["", "Not assessed (no place in the grid):", ""]
        lines += [f"- {escape_inline(line)}" for line in _not_assessed_lines(team)]
    if team.left_out:
        lines += ["", escape_inline(LEFT_OUT + ", ".join(team.left_out))]
    lines += ["", "## Legend", ""]
    lines += [f"- **{term}**: {escape_inline(text)}" for term, text in LEGEND]
    return "\n".join(lines) + "\n"


# -- HTML -------------------------------------------------------------------------------------------
STYLE = """
body { font: 11pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  margin: 2rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; }
p.meta { color: #555; margin: 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c8c8c8; padding: .3rem .45rem; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
table.team td { white-space: pre-line; }
table.team td.count { text-align: right; }
table.team tbody tr:nth-child(even) { background: #fafafa; }
.overdue { color: #b00020; font-weight: 600; }
.never-held, .due-soon { color: #8a5a00; }
.ok { color: #1b6e20; }
table.grid td { min-width: 9rem; height: 2.2rem; }
table.grid th[scope=row] { white-space: nowrap; }
span.who { display: inline-block; margin: 0 .3rem .15rem 0; padding: 0 .25rem; border: 1px solid #999;
  border-radius: .2rem; background: #fff; }
dl.legend dt { font-weight: 600; float: left; clear: left; margin-right: .4rem; }
dl.legend dd { margin: 0 0 .2rem; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 8.5pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, table.grid, dl.legend { break-inside: avoid; }
  th, .overdue, .never-held, .due-soon, .ok { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def html_document(team: TeamReport) -> str:
    """One self-contained HTML file: nothing in it is fetched, nothing runs."""
    heading = escape(title(team))
    parts = [
        *page_head(f"{heading}, {team.as_of.isoformat()}", STYLE),
        f"<h1>{heading}</h1>",
        f'<p class="meta">{escape(_summary(team))}</p>',
        "<h2>Team</h2>",
        _team_table(team) if team.members else "<p>No one on the team yet.</p>",
        "<h2>Potential by readiness</h2>",
        _grid_table(team),
    ]
    if team.not_assessed:
        parts.append("<p>Not assessed (no place in the grid):</p>")
        parts.append(
            "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in _not_assessed_lines(team)) + "</ul>"
        )
    if team.left_out:
        parts.append(f"<p>{escape(LEFT_OUT + ', '.join(team.left_out))}</p>")
    parts.append("<h2>Legend</h2>")
    legend = "".join(f"<dt>{escape(term)}</dt><dd>{escape(text)}</dd>" for term, text in LEGEND)
    parts += [f'<dl class="legend">{legend}</dl>', "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _team_table(team: TeamReport) -> str:
    head = "".join(f'<th scope="col">{escape(title)}</th>' for title in HEADER)
    rows = []
    for member in team.members:
        cells = _cells(member)
        status = member.due_status.replace(" ", "-")
        tds = [
            f'<td class="{status}">{escape(text)}</td>'
            if at == 4
            else f'<td class="count">{escape(text)}</td>'
            if at >= 13
            else f"<td>{escape(text)}</td>"
            for at, text in enumerate(cells)
        ]
        rows.append(f"<tr>{''.join(tds)}</tr>")
    body = "\n".join(rows)
    return f'<table class="team">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


def _grid_table(team: TeamReport) -> str:
    head = '<th scope="col">Potential \\ readiness</th>' + "".join(
        f'<th scope="col">{escape(r)}</th>' for r in READINESS
    )
    rows = []
    for level in GRID_ROWS:
        cells = "".join(
            "<td>"
            + "".join(
                f'<span class="who" title="{escape(m.name or m.employee)} ({escape(m.employee)})">'
                f"{escape(m.initials)}</span>"
                for m in team.grid[level][r]
            )
            + "</td>"
            for r in READINESS
        )
        rows.append(f'<tr><th scope="row">{escape(level)}</th>{cells}</tr>')
    body = "\n".join(rows)
    return f'<table class="grid">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'
