"""Resolution of when (and, later, where) each event happened."""
