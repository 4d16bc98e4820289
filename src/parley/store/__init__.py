"""The store: an embedded DuckDB database that users can open with any DuckDB client."""
