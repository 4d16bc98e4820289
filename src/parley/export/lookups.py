"""Small bundled tables the export layouts join on: country names and FIPS codes, CAMEO
event descriptions, names of the PLOVER sectors that events carry.

They are registered on the reading connection as Arrow tables (a few hundred rows
each), so layouts stay SQL and the events stream through DuckDB without Python per row.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from parley.events.ontology import Ontology
from parley.tables import table_rows, tables_folder

# Table name → its columns, as the layouts' SQL reads them.
LOOKUPS = {
    "lookup_countries": ("iso3", "name", "fips"),
    "lookup_events": ("code", "description"),
    "lookup_sectors": ("code", "name"),
}


def register_lookups(con: duckdb.DuckDBPyConnection) -> None:
    """Make the lookup tables visible to SQL on `con` (read-only connections too)."""
    folder = tables_folder()
    fips = dict(table_rows(folder / "fips.tsv"))
    names: dict[str, str] = {}
    for _cameo, iso3, name in table_rows(folder / "countries.tsv"):
        names.setdefault(iso3, name)
    countries = sorted(set(names) | set(fips))
    # Events carry PLOVER sectors; each is also a row of its own, whose description names it.
    sectors = [row for row in table_rows(folder / "sectors.tsv") if row[0] == row[1]]
    descriptions = {
        code: _description(text) for code, text in Ontology.load(folder).descriptions.items()
    }
    tables = {
        "lookup_countries": (
            countries,
            [names.get(c) for c in countries],
            [fips.get(c) for c in countries],
        ),
        "lookup_events": (list(descriptions), list(descriptions.values())),
        "lookup_sectors": (
            [row[0] for row in sectors],
            [row[2].split(":")[0].strip().capitalize() for row in sectors],
        ),
    }
    for name, columns in LOOKUPS.items():
        con.register(name, pa.table(dict(zip(columns, tables[name], strict=True))))


def _description(text: str) -> str:
    """`MAKE PUBLIC STATEMENT` → `Make public statement`; `Make statement, not specified
    below` → `Make statement`, as ICEWS writes event texts."""
    text = text.capitalize() if text.isupper() else text
    return text.removesuffix(", not specified below")
