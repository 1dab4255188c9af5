"""What a user sees and finds on disk, command by command, in-process or as the installed script:
every promise of the README and docs/, the trust boundary, faults."""
