"""Syntax: tokens into UD words, parley's tagger and dependency parser network, lemmas and the
analysis interface the coder reads."""
