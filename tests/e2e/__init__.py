"""Whole processes: the installed script in a real pseudo-terminal, processes started together,
and what a run imports and opens."""
