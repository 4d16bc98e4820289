"""Ingest: find input files, read them into Documents, clean and describe them."""
