"""The edge: the Typer app, the fast launcher, completion, and turning errors into one line and an exit
code."""
