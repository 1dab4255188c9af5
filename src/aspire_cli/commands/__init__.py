"""One module per command or group: each reads its arguments as typed values, calls storage and views,
and prints. Loadable without Typer."""
