"""Event coding: verb dictionaries, the CAMEO/PLOVER/Goldstein tables and the coder."""
