"""The cluster's last phase: the coded shards become one Parquet dataset.

One DuckDB query over the shards' files does what needs the whole corpus and is cheap:
count each event once per story (the first sighting in input order, as `CountOnce`
does, or one an earlier run stored), and stamp documents in input order. It streams
and spills to disk, so the client's memory does not grow with the corpus.

The dataset, which DuckDB, Spark, pandas or polars read directly:

    events/year=2024/*.parquet      the store's events columns (`docs/schema.md`)
    documents/year=2024/*.parquet   one row a document, copies included
    stories/year=2024/*.parquet     one row a story (the `stories` view)
    sentences.parquet, mentions.parquet, rejections.parquet

`year` is the event's date (else its document's), the document's date, the story's
first date; undated rows are under `year=NULL`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from parley.document import Rejection
from parley.runners.tasks import work_folder
from parley.store.duckdb_store import sql_text
from parley.store.records import REJECTION_COLUMNS, TABLES, arrow_schema, rejection_record
from parley.store.schema import VIEWS

PARTITIONED = {
    "events": "year(coalesce(e.event_date, e.document_date))",
    "documents": "year(e.date)",
}
SINGLE = ("sentences", "mentions", "rejections")
NAMES = (*PARTITIONED, "stories", *SINGLE)
_NO_PRIORS = pa.schema([("story_event_id", pa.string()), ("event_id", pa.string())])


def _files(paths: list[Path]) -> str:
    """A SQL list of file names."""
    return "[" + ", ".join(map(sql_text, paths)) + "]"


def write_dataset(
    out: Path,
    coded: list[Path],
    rejections: list[Rejection],
    priors: pa.Table | None,
    started: dt.datetime,
    memory_limit: str = "2GB",
) -> int:
    """Write the dataset into `out` (replacing an earlier one); the events counted.
    `priors` are the first sightings (`story_event_id`, `event_id`) of stored stories
    that this run's near copies joined (`DuckDBStore.first_sightings`)."""
    work = work_folder(out)
    staging = work / f"dataset-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    config = {"memory_limit": memory_limit, "temp_directory": str(work / "spill")}
    with duckdb.connect(config=config) as con:
        con.register("priors", priors if priors is not None else _NO_PRIORS.empty_table())
        _write_rejections(staging, rejections)
        if coded:
            counted = _write_tables(con, staging, coded, started)
        else:  # nothing was coded: empty tables, so that readers find every name
            counted = 0
            for name in (*PARTITIONED, "stories"):
                (staging / name).mkdir()
            for name in ("sentences", "mentions"):
                empty = arrow_schema(TABLES[name]).empty_table()
                pq.write_table(empty, staging / f"{name}.parquet")
    _swap_in(staging, out)
    return counted


def _swap_in(staging: Path, out: Path) -> None:
    """Put the staged tables in `out` in place of the earlier ones, by renames only: a
    table is deleted only once it is out of `out` (moved into the staging folder), so a
    run stopped part-way leaves each table whole, old or new, or not there, never a
    table folder deleted in part (the run's manifest says whether the dataset is done)."""
    replaced = staging / ".replaced"
    replaced.mkdir()
    for name in NAMES:
        for old in (out / name, out / f"{name}.parquet"):
            if old.exists():
                old.rename(replaced / old.name)
        for new in (staging / name, staging / f"{name}.parquet"):
            if new.exists():
                new.rename(out / new.name)
    shutil.rmtree(staging)


def _write_rejections(staging: Path, rejections: list[Rejection]) -> None:
    now = dt.datetime.now()
    rows = [rejection_record(r, now) for r in rejections]
    table = pa.Table.from_pylist(rows, arrow_schema(REJECTION_COLUMNS))
    pq.write_table(table, staging / "rejections.parquet")


def _write_tables(
    con: duckdb.DuckDBPyConnection,
    staging: Path,
    coded: list[Path],
    started: dt.datetime,
) -> int:
    def work(table: str) -> str:
        return f"read_parquet({_files([folder / f'{table}.parquet' for folder in coded])})"

    con.execute(
        "CREATE TEMP TABLE stamps AS SELECT shard, position, "
        f"TIMESTAMP '{started.isoformat(sep=' ')}' "
        "+ to_microseconds(row_number() OVER (ORDER BY shard, position)) AS added_at "
        f"FROM {work('documents')}"
    )
    prior = (
        "(SELECT story_event_id, any_value(event_id) AS prior FROM priors GROUP BY story_event_id)"
    )
    first = "coalesce(p.prior, e.first_sighting)"
    replaced = {
        "events": {
            "repeat_of": f"CASE WHEN {first} <> e.event_id THEN {first} END",
            "added_at": "s.added_at",
        },
        "documents": {"added_at": "s.added_at"},
    }
    sources = {
        "events": (
            "(SELECT *, first_value(event_id) OVER (PARTITION BY story_event_id "
            f"ORDER BY shard, position, event_index) AS first_sighting FROM {work('events')}) e "
            f"LEFT JOIN {prior} p USING (story_event_id) JOIN stamps s USING (shard, position)"
        ),
        "documents": f"{work('documents')} e JOIN stamps s USING (shard, position)",
    }
    for table, columns in TABLES.items():
        select = ", ".join(f"{replaced.get(table, {}).get(c, 'e.' + c)} AS {c}" for c in columns)
        if table in PARTITIONED:
            query = (
                f"SELECT {select}, {PARTITIONED[table]} AS year "
                f"FROM {sources[table]} ORDER BY s.added_at"
            )
            target = staging / table
            con.execute(
                f"COPY ({query}) TO {sql_text(target)} (FORMAT parquet, PARTITION_BY (year))"
            )
            target.mkdir(exist_ok=True)  # no rows: an empty folder, not a missing one
        else:
            query = f"SELECT {select} FROM {work(table)} e ORDER BY e.shard, e.position"
            target = sql_text(staging / f"{table}.parquet")
            con.execute(f"COPY ({query}) TO {target} (FORMAT parquet)")
    return _write_stories(con, staging)


def _write_stories(con: duckdb.DuckDBPyConnection, staging: Path) -> int:
    """The `stories` view of the store, over the dataset's documents and events."""
    for table in PARTITIONED:
        found = list((staging / table).rglob("*.parquet"))
        if found:
            con.execute(
                f"CREATE VIEW {table} AS SELECT * EXCLUDE (year) FROM "
                f"read_parquet({_files(found)}, hive_partitioning = true)"
            )
        else:
            columns = ", ".join(f"NULL::VARCHAR AS {c}" for c in TABLES[table])
            con.execute(f"CREATE VIEW {table} AS SELECT {columns} WHERE false")
    con.execute(VIEWS)
    target = staging / "stories"
    con.execute(
        "COPY (SELECT *, year(first_date) AS year FROM stories ORDER BY first_document) "
        f"TO {sql_text(target)} (FORMAT parquet, PARTITION_BY (year))"
    )
    target.mkdir(exist_ok=True)
    return con.execute("SELECT count(*) FROM events WHERE repeat_of IS NULL").fetchall()[0][0]
