"""One module's pure functions at a time: domain, layout, width, JSON and TOML text, parsers."""
