"""Asking the questions: the session, the interview held and its record written, answers from a
file, the screen, the walk through a question set, drafts kept as you go and offered back, Ctrl-X
Ctrl-E's private folder, the prompts (the one import of questionary)."""
