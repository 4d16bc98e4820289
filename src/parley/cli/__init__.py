"""The `parley` command: one module per command, each a thin layer over `parley.api`."""
