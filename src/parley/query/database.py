"""The Python API over a parley database: filtered events, aggregates and exports.

>>> with EventDatabase("parley.duckdb") as db:                      # doctest: +SKIP
...     frame = db.events(country="CHN", since="2024-01-01").df()      # pandas
...     monthly = db.counts("dyad,month", code="04").pl()              # polars
...     db.export("gdelt", "events.gdelt.tsv")

`events` and `counts` return DuckDB relations: nothing is read until a frame is asked
for (`.df()`, `.pl()`, `.arrow()`), and then only the rows and columns the filter keeps,
so the database is never copied into memory whole. For a result too large for memory,
`.to_arrow_reader(rows)` streams it in batches.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import duckdb

from parley.atomic import atomic_path
from parley.errors import ParleyError, one_line
from parley.export.formats import FORMATS, LAYOUTS, TABLES, table_projection
from parley.export.lookups import register_lookups
from parley.export.writers import Progress, write_delimited, write_lines, write_parquet
from parley.query.counts import counts_sql
from parley.query.filters import EventFilter, events_sql
from parley.store.duckdb_store import DuckDBStore

BATCH_ROWS = 10_000
# A cap, not a reservation: reading needs no document index (unlike `parley code`), but
# the joins on lookup tables and the aggregates need more room than a writer's cache.
READ_MEMORY_LIMIT = "128MB"


class EventDatabase:
    """A parley database opened for reading. If a `parley code` run is writing to it,
    opening asks the run to make way (`parley.store.turns`), and the run waits until this
    is closed: close it (or use `with`) when done, so that the run can go on."""

    def __init__(self, path: str | Path, memory_limit: str = READ_MEMORY_LIMIT) -> None:
        self._store = DuckDBStore(path, read_only=True, memory_limit=memory_limit)
        self._limit = memory_limit
        self.path = self._store.path
        con = self._store.connection
        # Rows keep their stored order through the joins on small lookup tables only if
        # those stay the build side (no reordering of joins) and one thread runs them;
        # writing the batches, not DuckDB, is what an export spends its time on.
        con.execute("SET threads = 1")
        con.execute("SET disabled_optimizers = 'join_order,build_side_probe_side'")
        con.execute("SET enable_progress_bar = false")
        register_lookups(con)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The read-only DuckDB connection (one query at a time)."""
        return self._store.connection

    def sql(self, query: str, params: Sequence[Any] = ()) -> duckdb.DuckDBPyRelation:
        """Any read query over the tables of docs/schema.md, as a relation."""
        return self._store.connection.sql(query, params=list(params) or None)

    def events(
        self, columns: Sequence[str] = (), event_filter: EventFilter | None = None, **filters: Any
    ) -> duckdb.DuckDBPyRelation:
        """The events a filter keeps (keyword filters as in `EventFilter.of`), in stored
        order; all columns or `columns`."""
        chosen = _chosen(event_filter, filters)
        self._check_columns(columns)
        return self.sql(*events_sql(chosen, columns))

    def counts(
        self, by: str | Sequence[str], event_filter: EventFilter | None = None, **filters: Any
    ) -> duckdb.DuckDBPyRelation:
        """Events, Goldstein sum and mean and quad-class counts per group (`"dyad,month"`,
        keys of `parley.query.counts.GROUPS`) of the events a filter keeps."""
        chosen = _chosen(event_filter, filters)
        return self.sql(*counts_sql(chosen, by))

    def export(
        self,
        fmt: str,
        sink: str | Path | BinaryIO,
        event_filter: EventFilter | None = None,
        progress: Progress = lambda rows: None,
        **filters: Any,
    ) -> int:
        """Write the events a filter keeps in format `fmt` (see `FORMATS`) to a path or a
        binary stream, a batch at a time; returns the number of records written."""
        chosen = _chosen(event_filter, filters)
        layout = LAYOUTS.get(fmt)
        if layout is None:
            return self.write(self.events(event_filter=chosen), fmt, sink, progress)
        with self.reading(), _opened(sink) as stream:
            reader = self.sql(*layout.shape(chosen)).to_arrow_reader(BATCH_ROWS)
            return write_lines(reader, stream, layout.header, progress)

    def write(
        self,
        relation: duckdb.DuckDBPyRelation,
        fmt: str,
        sink: str | Path | BinaryIO,
        progress: Progress = lambda rows: None,
    ) -> int:
        """Write any relation of this database (`events`, `counts`, `sql`) as a table
        format (csv, tsv, jsonl, parquet), a batch at a time."""
        if fmt not in TABLES:
            raise ParleyError(f"unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
        types = [str(t) for t in relation.types]
        shaped = relation.project(table_projection(relation.columns, types, fmt))
        with self.reading(), _opened(sink) as stream:
            reader = shaped.to_arrow_reader(BATCH_ROWS)
            if fmt == "jsonl":
                return write_lines(reader, stream, None, progress)
            if fmt == "parquet":
                return write_parquet(reader, stream, progress)
            return write_delimited(reader, stream, "," if fmt == "csv" else "\t", progress)

    def total(self, fmt: str, event_filter: EventFilter) -> int:
        """How many records `export` would write (for progress)."""
        layout = LAYOUTS.get(fmt)
        query, params = layout.shape(event_filter) if layout else events_sql(event_filter)
        return self.sql(f"SELECT count(*) FROM ({query})", params).fetchall()[0][0]

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Around reading a relation of this database: the engine's errors become one
        line naming the database (and what to do when it ran out of memory)."""
        try:
            yield
        except duckdb.OutOfMemoryException as exc:
            raise ParleyError(
                f"{self.path}: the database engine ran out of memory ({self._limit}); "
                "raise --memory-limit"
            ) from exc
        except duckdb.Error as exc:
            raise ParleyError(f"{self.path}: {one_line(exc)}") from exc

    def columns(self) -> list[str]:
        """The columns of the events table (docs/schema.md)."""
        return self.sql("SELECT * FROM events LIMIT 0").columns

    def _check_columns(self, columns: Sequence[str]) -> None:
        known = set(self.columns())
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ParleyError(
                f"no column {', '.join(unknown)} in events (docs/schema.md lists them)"
            )

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> EventDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _chosen(event_filter: EventFilter | None, filters: dict[str, Any]) -> EventFilter:
    """The filter given, or one made of keyword filters; not both, or some would be lost."""
    if event_filter is not None and filters:
        raise ParleyError(
            f"give an EventFilter or keyword filters, not both ({', '.join(filters)})"
        )
    return event_filter or EventFilter.of(**filters)


@contextmanager
def _opened(sink: str | Path | BinaryIO) -> Iterator[BinaryIO]:
    """A binary stream for `sink`: for a path, a temporary file beside it that becomes
    the file at the path only when the block ends normally (`parley.atomic`: an export
    stopped part-way leaves the previous file whole); else the stream given."""
    if isinstance(sink, str | Path):
        with ExitStack() as stack:
            try:
                stream = stack.enter_context(open(stack.enter_context(atomic_path(sink)), "wb"))
            except OSError as exc:
                raise ParleyError(f"{sink}: cannot write ({exc.strerror})") from exc
            yield stream
    else:
        yield sink
