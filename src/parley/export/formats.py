"""The export formats: for each, the SQL that shapes the events and the writer that
streams them (docs/export.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parley.export import gdelt, icews
from parley.export.plover import plover_sql
from parley.query.filters import EventFilter, events_sql

Shape = Callable[[EventFilter], tuple[str, list[Any]]]
# Lists cannot sit in a CSV cell: entries are joined as `parley code --format csv` does.
_FLAT_LISTS = (
    "* REPLACE (array_to_string(source_entries, ' | ') AS source_entries, "
    "array_to_string(target_entries, ' | ') AS target_entries)"
)


@dataclass(slots=True, frozen=True)
class Format:
    """`writer`: `lines` (SQL makes each line), `delimited` or `parquet`."""

    name: str
    summary: str
    shape: Shape
    writer: str
    delimiter: str = ","
    header: str | None = None
    binary: bool = False


def _records(event_filter: EventFilter) -> tuple[str, list[Any]]:
    sql, params = events_sql(event_filter)
    return f"SELECT CAST(to_json(e) AS VARCHAR) AS line FROM ({sql}) e", params


def _flat(event_filter: EventFilter) -> tuple[str, list[Any]]:
    sql, params = events_sql(event_filter)
    return f"SELECT {_FLAT_LISTS} FROM ({sql})", params


FORMATS: dict[str, Format] = {
    "gdelt": Format(
        "gdelt", "GDELT 2.0 event table (61 columns, TSV, no header)", gdelt.gdelt_sql, "lines"
    ),
    "icews": Format(
        "icews",
        "ICEWS-style event table (20 columns, TSV with header)",
        icews.icews_sql,
        "lines",
        header="\t".join(name for name, _sql in icews.COLUMNS),
    ),
    "plover": Format("plover", "PLOVER records, JSON Lines", plover_sql, "lines"),
    "jsonl": Format("jsonl", "every column, JSON Lines", _records, "lines"),
    "csv": Format("csv", "every column, CSV with header", _flat, "delimited", ","),
    "tsv": Format("tsv", "every column, TSV with header", _flat, "delimited", "\t"),
    "parquet": Format(
        "parquet", "every column, Parquet (typed)", events_sql, "parquet", binary=True
    ),
}
