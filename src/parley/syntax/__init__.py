"""Syntax: parley's own tagger, lemmatiser and (later) dependency parser, trained offline."""
