"""Deduplication: fingerprints of clean text and the stage that assigns stories."""
