"""Leaving parley: events as GDELT 2.0 and ICEWS-style tables, PLOVER records, CSV, TSV,
JSON Lines and Parquet, streamed from the database (docs/export.md)."""
