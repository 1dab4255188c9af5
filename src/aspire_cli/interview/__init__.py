"""Asking the questions: the session, the screen, the walk through a question set, drafts kept as you
go, the prompts (the one import of questionary)."""
