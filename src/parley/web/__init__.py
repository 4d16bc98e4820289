"""`parley serve`: a local web app over a parley database (JSON API and pages)."""
