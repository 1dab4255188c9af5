"""Pure functions from what storage holds to what a leader reads: tables, records as text, the report,
the share page, export rows, the calendar."""
