"""The leader's folder and what is derived from it: paths, the one atomic writer, the file names,
records, the roster, drafts, the index, settings, git."""
