"""Runners: where the per-document stages run (this process, or worker processes)."""
