"""The leader's folder and what is derived from it: where each file lives and the one builder and
parser of its name (layout), the one atomic writer (files; folders for folders), the home as one
handle (store) with its parts (records, follow_ups, drafts, roster), locks, the index (index/),
settings, question-set files, git, sync's rules and merge driver, the hand-over archive."""
