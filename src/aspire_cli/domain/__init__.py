"""What aspire knows, as pure code: ids, schedules, question sets and records as models, actions'
status, the team report. Imports nothing of aspire's but errors and safe_text."""
