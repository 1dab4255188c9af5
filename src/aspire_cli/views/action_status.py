"""Where an action stands, in words: the one wording of `aspire actions`, `show`, `history`, the
brief before a discussion, `export` and `share` (tracking.py decides the status; this says it).
"""

from __future__ import annotations

from aspire_cli.domain.tracking import TrackedAction


def status_text(action: TrackedAction, *, due: bool = False) -> str:
    """'open', 'overdue', 'done on 2026-05-04', 'dropped on 2026-05-04'; with `due` (where no column
    shows it) an open action's due date after it: 'open, due 2027-06-30', 'overdue, due 2026-03-01'."""
    if action.closed is not None:
        return f"{action.status} on {action.closed.isoformat()}"
    if due and action.due is not None:
        return f"{action.status}, due {action.due.isoformat()}"
    return action.status
