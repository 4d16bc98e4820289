"""Validation: code gold-standard records and score the events against what was expected."""
