"""The export formats (docs/export.md): layouts other tools read (GDELT, ICEWS, PLOVER),
whose SQL makes each output line from the events, and plain tables (CSV, TSV, JSON
Lines, Parquet) of any query's rows, which `parley query` writes too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from parley.export import gdelt, icews
from parley.export.plover import plover_sql
from parley.query.filters import EventFilter

Shape = Callable[[EventFilter], tuple[str, list[Any]]]


@dataclass(slots=True, frozen=True)
class Layout:
    """A layout: SQL selecting one text column, `line`, per record; a header line or none."""

    summary: str
    shape: Shape
    header: str | None = None


LAYOUTS: dict[str, Layout] = {
    "gdelt": Layout("GDELT 2.0 event table (61 columns, TSV, no header)", gdelt.gdelt_sql),
    "icews": Layout(
        "ICEWS-style event table (20 columns, TSV with header)",
        icews.icews_sql,
        header="\t".join(name for name, _sql in icews.COLUMNS),
    ),
    "plover": Layout("PLOVER event records, JSON Lines", plover_sql),
}
TABLES = {
    "csv": "every column, CSV with header",
    "tsv": "every column, TSV with header",
    "jsonl": "every column, JSON Lines",
    "parquet": "every column, Parquet (typed: dates, lists)",
}
FORMATS = {**{name: layout.summary for name, layout in LAYOUTS.items()}, **TABLES}


def table_projection(columns: Sequence[str], types: Sequence[str], fmt: str) -> str:
    """The columns of a query's rows as a table format writes them: JSON Lines get a
    `line` per row; CSV and TSV get list cells joined with ` | ` (as `parley code
    --format csv` writes them); Parquet keeps every type."""
    if fmt == "jsonl":
        fields = ", ".join(f'"{c}" := "{c}"' for c in columns)
        return f"CAST(to_json(struct_pack({fields})) AS VARCHAR) AS line"
    if fmt in ("csv", "tsv"):
        return ", ".join(
            f'array_to_string("{c}", \' | \') AS "{c}"' if t.endswith("[]") else f'"{c}"'
            for c, t in zip(columns, types, strict=True)
        )
    return ", ".join(f'"{c}"' for c in columns)
