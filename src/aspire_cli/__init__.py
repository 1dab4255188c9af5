"""aspire: career aspiration discussions, prepared, held, recorded and never forgotten."""

__version__ = "0.1.0"
