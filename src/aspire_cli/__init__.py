"""aspire: career aspiration discussions, prepared, held, recorded and never forgotten."""

import os

__version__ = "0.1.0"

# pydantic looks for plugins (the entry points of every installed package) when it builds its first
# model: some 30 ms of every command that validates, for plugins aspire does not use.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
