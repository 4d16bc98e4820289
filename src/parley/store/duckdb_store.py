"""DuckDB store: batched, transactional, idempotent writes of coded documents.

Documents are buffered and written in batches, one transaction each; a batch first deletes
any rows of its documents, so a batch written twice (a re-run after a crash) leaves one
copy. The store is also the deduplication index: it answers "is this content or this id
stored?" from the database and from its unwritten buffer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import duckdb
import pyarrow as pa

from parley.dedup.stage import Stored
from parley.document import Document, Rejection
from parley.errors import StoreError, one_line
from parley.store.keys import KeyFilter
from parley.store.records import (
    REJECTION_COLUMNS,
    TABLES,
    arrow_schema,
    document_rows,
    rejection_record,
    sql_type,
)
from parley.store.schema import DDL, MIGRATIONS, SCHEMA_VERSION, VIEWS
from parley.store.turns import POLL_SECONDS, Turns
from parley.store.writer import WriterLock

# "auto" memory: a checkpoint (DuckDB writes its log into the file every 16 MB of writes)
# pins a block per column of the table it writes; with the events table's 52 columns it
# failed under 27 MB and then invalidated the database. 64 MB leaves twice that, plus
# room for the document index; should a checkpoint still run out, the cap doubles and
# the batch is written again (up to _AUTO_CEILING of the machine's memory).
_AUTO_BASE_MB = 64
_AUTO_BYTES_PER_DOCUMENT = 512
_AUTO_CEILING = 0.5
_MERGE_MB = 512
WAIT_SECONDS = 60.0
# How long a writer that made way waits for its readers to close the file again (an
# export of millions of events takes minutes) before it stops, everything coded stored.
_READERS_SECONDS = 1800.0
# A writer makes way at most this often, so that a stream of readers cannot stall it.
_TURN_SECONDS = 0.5
_ASK_SECONDS = 0.05  # how often the writer looks for waiting readers


# A rejection is stored once: re-running the same inputs meets the same bad file again
# (it is told on stderr each time, and the run fails), but adds no second identical row.
_NEW_REJECTIONS = (
    " AS b WHERE NOT EXISTS (SELECT 1 FROM rejections r WHERE r.origin = b.origin"
    " AND r.document_id IS NOT DISTINCT FROM b.document_id AND r.stage = b.stage"
    " AND r.reason = b.reason)"
)


# A table's rows of a batch up to this many are inserted as bound values, more as one
# Arrow table. Turning Python rows into Arrow makes PyArrow import pandas, when it is
# installed (0.3 s): more than a run of one short document spends coding it.
_FEW_ROWS = 100


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[dict]
) -> None:
    """Add a batch's rows to `table` (rejections only where not stored already)."""
    only_new = _NEW_REJECTIONS if table == "rejections" else ""
    if len(rows) <= _FEW_ROWS:
        values = ", ".join(f'CAST(? AS {sql_type(c)}) AS "{c}"' for c in columns)
        con.executemany(
            f"INSERT INTO {table} BY NAME SELECT * FROM (SELECT {values})" + only_new,
            [[row[c] for c in columns] for row in rows],
        )
        return
    con.register("batch_rows", pa.Table.from_pylist(rows, arrow_schema(columns)))
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows" + only_new)
    con.unregister("batch_rows")


def _distinct(rejections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batch's rejections, each (origin, document, stage, reason) once."""
    seen: dict[tuple, dict[str, Any]] = {}
    for r in rejections:
        seen.setdefault((r["origin"], r["document_id"], r["stage"], r["reason"]), r)
    return list(seen.values())


def sql_text(value: str | Path) -> str:
    """A file name (or any text) as a SQL string literal, for statements such as COPY
    and read_parquet that take no parameters: a quote in a user's folder name is data."""
    return "'" + str(value).replace("'", "''") + "'"


def _holder(readers: bool, waited: float) -> str:
    """Who holds the file, for the one-line error of an open that gave up."""
    if readers:
        return f"it is being read by another program, which did not let go within {waited:g} s"
    if waited:  # a reader, waiting for a writer
        return f"it is being written by another program, which did not make way within {waited:g} s"
    # not a run of this parley: one would hold the writer lock (`parley.store.writer`)
    return "it is being written by another program"


def _out_of_memory(exc: duckdb.Error) -> bool:
    """Whether DuckDB failed for want of memory (a failed commit or checkpoint says so
    only in its words)."""
    text = str(exc)
    return isinstance(exc, duckdb.OutOfMemoryException) or any(
        words in text for words in ("could not allocate block", "failed to pin block")
    )


def _machine_mb() -> int:
    """The machine's memory in MB (4 GB where the system does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (AttributeError, ValueError, OSError):
        return 4096


# A batch's document ids as a query's one parameter: a list, not an Arrow table (which
# would make PyArrow import pandas for a run of one document, see `_FEW_ROWS`).
_BATCH_IDS = "SELECT unnest(?::VARCHAR[])"


def _delete_documents(
    con: duckdb.DuckDBPyConnection, ids: str, params: list[Any] | None = None
) -> None:
    """Remove every row of the documents whose ids the query `ids` gives (a batch
    written again replaces its documents' rows, never adds a second copy)."""
    for table in ("events", "mentions", "sentences", "documents"):
        con.execute(f"DELETE FROM {table} WHERE document_id IN ({ids})", params)


@dataclass(slots=True)
class Copy:
    """One document of a story: `duplicate_of` for an exact copy (not coded again),
    `similar_to` and `similarity` for any copy (the earlier document it matched)."""

    document_id: str
    origin: str
    format: str
    title: str | None
    date: dt.date | None
    duplicate_of: str | None
    similar_to: str | None
    similarity: float | None
    events: int

    @property
    def kind(self) -> str:
        if self.similar_to is None:
            return "first"
        return "exact copy" if self.duplicate_of is not None else "near copy"


@dataclass(slots=True)
class Story:
    """An article and its copies; `events` counts each (not negated) event once."""

    story_id: str
    events: int
    copies: list[Copy]


@dataclass(slots=True, frozen=True)
class _Keys:
    ids: KeyFilter
    hashes: KeyFilter


# Index lookups asked of the database before the store reads its keys into filters.
_FILTER_AFTER = 128


@dataclass(slots=True)
class _Batch:
    rows: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {table: [] for table in TABLES}
    )
    rejections: list[dict[str, Any]] = field(default_factory=list)
    by_hash: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_id: dict[str, str] = field(default_factory=dict)
    stored: list[str] = field(default_factory=list)  # ids that may have rows already


class DuckDBStore:
    """Stage and index over one DuckDB file; use as a context manager or call `close()`."""

    name = "store"

    def __init__(
        self,
        path: str | Path,
        batch_size: int = 200,
        read_only: bool = False,
        memory_limit: str = "auto",
        wait: float = WAIT_SECONDS,
    ):
        """`memory_limit` caps DuckDB's memory, which by default grows with the file up to
        80% of RAM. "auto" gives it a small fixed cache plus room for the one index it
        needs (document ids and content hashes, a few hundred bytes per document), so a
        run's memory does not grow with what it writes.

        `wait` is how long opening waits for another process to let go of the file: a
        reader asks a writing `parley code` run to make way (`parley.store.turns`); a
        writer waits for readers to finish, but not for another writer."""
        self.path = Path(path)
        self.batch_size = batch_size
        self.read_only = read_only
        self._auto = memory_limit == "auto"
        self._limit_mb = _AUTO_BASE_MB
        self._memory_limit = f"{_AUTO_BASE_MB}MB" if self._auto else memory_limit
        self._turns = Turns(self.path)
        self._next_turn = 0.0
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database")
        self._writer = WriterLock(self.path)
        if not read_only:
            self._writer.acquire()
        try:
            self._con = self._connect(wait)
        except BaseException:
            self._writer.release()
            raise
        self._batch = _Batch()
        # Documents this store (or a run killed before it relinked) wrote over
        # (`--replace`), with the story each was in: their copies and repeats are
        # re-derived (`parley.dedup.relink`), then `forget_replaced`.
        self.replaced: dict[str, str] = {}
        self._lookups = 0
        self._held: _Keys | None = None
        try:
            self._set_up()
        except BaseException as exc:
            self._con.close()
            self._writer.release()
            if isinstance(exc, duckdb.Error):
                hint = " (--db-memory gives DuckDB more memory)" if _out_of_memory(exc) else ""
                raise StoreError(
                    f"{self.path}: cannot set up the database{hint} ({one_line(exc)})"
                ) from exc
            raise

    def _set_up(self) -> None:
        """Check (a reader) or create and migrate (a writer) the tables; what is stored."""
        if self.read_only:
            self._check_readable()
        else:
            self._con.execute(DDL)
            self._migrate()
            row = self._con.execute("SELECT value FROM meta WHERE key = 'replaced'").fetchone()
            self.replaced = json.loads(row[0]) if row else {}
        self._stored = self._con.execute("SELECT count(*) FROM documents").fetchone()[0]
        self._fit_memory()

    def _connect(self, wait: float) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting up to `wait` s while another process holds it, and asking
        it to make way (`parley.store.turns`). A writer waits for readers only, and gives
        up at once on another writer (DuckDB's error says whether the file could be
        opened read-only, that is, whether readers hold it)."""
        deadline = time.monotonic() + wait
        with ExitStack() as asking:
            refresh: Callable[[], None] | None = None
            while True:
                try:
                    return duckdb.connect(
                        str(self.path),
                        read_only=self.read_only,
                        config={"memory_limit": self._memory_limit},
                    )
                except duckdb.IOException as exc:
                    if "lock" not in str(exc):
                        raise StoreError(f"{self.path}: cannot open database ({exc})") from exc
                    readers = "read-only mode" in str(exc)
                    if not (self.read_only or readers):
                        wait = 0  # another writer: say so now, it will not make way
                    if time.monotonic() >= deadline or not wait:
                        raise StoreError(
                            f"{self.path}: cannot open database ({_holder(readers, wait)})"
                        ) from exc
                except duckdb.ParserException as exc:
                    raise StoreError(
                        f"bad memory limit '{self._memory_limit}' (e.g. 128MB, 2GB)"
                    ) from exc
                except duckdb.Error as exc:
                    detail = one_line(exc)
                    raise StoreError(
                        f"{self.path}: not a usable DuckDB database ({detail})"
                    ) from exc
                if refresh is None:
                    by = "read" if self.read_only else "write"
                    refresh = asking.enter_context(self._turns.request(by))
                refresh()
                time.sleep(POLL_SECONDS)

    def _migrate(self) -> None:
        """Bring a database made by an older parley up to this schema, in one transaction."""
        con = self._con
        version = self._schema_version() or SCHEMA_VERSION
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer parley (schema {version}, this one reads "
                f"{SCHEMA_VERSION}); upgrade parley"
            )
        con.execute("BEGIN TRANSACTION")
        for old in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[old]:
                con.execute(statement)
        con.execute(VIEWS)
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('parley_version', ?)",
            [str(SCHEMA_VERSION), metadata.version("parley")],
        )
        con.execute("COMMIT")

    def _check_readable(self) -> None:
        """A reader (`stories`, `explain`) cannot migrate: an older file is a clear error,
        not a missing column halfway through a query."""
        try:
            version = self._schema_version()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a parley database ({one_line(exc)})") from exc
        if version is None or version < SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by an older parley; run `parley code` on it once to upgrade it"
            )

    def _schema_version(self) -> int | None:
        """The schema version the file records (None for a file that records none)."""
        row = self._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else None

    def _fit_memory(self) -> None:
        """With "auto", widen the cap as the document index grows (never the cache)."""
        if not self._auto:
            return
        wanted = _AUTO_BASE_MB + self._stored * _AUTO_BYTES_PER_DOCUMENT // 2**20
        if wanted > self._limit_mb * 1.1:
            self._limit_mb = wanted
            self._memory_limit = f"{wanted}MB"
            self._con.execute(f"SET memory_limit = '{wanted}MB'")

    # -- the DocumentIndex protocol -------------------------------------------------
    def _ask(self, sql: str, params: list[Any]) -> duckdb.DuckDBPyConnection:
        """A lookup of the deduplication index. A database that fails here fails for
        every document after it: the run stops with one line, not a line a document."""
        try:
            return self._con.execute(sql, params)
        except duckdb.Error as exc:
            raise StoreError(
                f"{self.path}: the database cannot be read, so the run stops; the "
                f"documents stored before are kept ({one_line(exc)})"
            ) from exc

    def find_by_hash(self, content: str) -> tuple[str, str] | None:
        if content in self._batch.by_hash:
            return self._batch.by_hash[content]
        keys = self._keys()
        if keys is not None and not keys.hashes.maybe(content):
            return None
        # on the indexed column alone (a second condition made DuckDB scan the table)
        rows = self._ask(
            "SELECT document_id, story_id, duplicate_of FROM documents WHERE content_hash = ?",
            [content],
        ).fetchall()
        return next(((d, s) for d, s, copy in rows if copy is None), None)

    def find_by_id(self, document_id: str) -> str | None:
        if document_id in self._batch.by_id:
            return self._batch.by_id[document_id]
        keys = self._keys()
        if keys is not None and not keys.ids.maybe(document_id):
            return None
        rows = self._ask(
            "SELECT content_hash FROM documents WHERE document_id = ?", [document_id]
        ).fetchall()
        return rows[0][0] if rows else None

    def _maybe_stored(self, ids: list[str]) -> list[str]:
        """Those of `ids` the database may hold (all of them until the filters are
        read): only their rows need looking up or deleting, which scans the tables."""
        if self._held is None:
            return ids
        return [i for i in ids if self._held.ids.maybe(i)]

    def _keys(self) -> _Keys | None:
        """The filters of stored ids and content hashes (`parley.store.keys`), read from
        the database once a run has asked enough to make that worth it; until then (an
        upload, a short run: None), every question goes to the database."""
        if self._held is None:
            self._lookups += 1
            if self._lookups <= _FILTER_AFTER:
                return None
            self._held = _Keys(
                KeyFilter.of(self._column("SELECT document_id FROM documents")),
                KeyFilter.of(
                    self._column("SELECT content_hash FROM documents WHERE duplicate_of IS NULL")
                ),
            )
        return self._held

    def _column(self, sql: str) -> Iterator[str]:
        cursor = self._ask(sql, [])
        while rows := cursor.fetchmany(10_000):
            yield from (row[0] for row in rows)

    def signatures(self) -> Iterator[Stored]:
        """Stored documents' MinHash signatures, in the order they were stored, with the
        dates a copy may share: an inferred date is a guess, never shared (a run takes
        the same dates whichever copy it met stored)."""
        cursor = self._con.execute(
            "SELECT document_id, story_id, "
            "CASE WHEN date_source = 'inferred' THEN NULL ELSE date END, signature "
            "FROM documents WHERE signature IS NOT NULL ORDER BY added_at, rowid"
        )
        while rows := cursor.fetchmany(10_000):
            yield from rows

    def story_events(self, story_id: str) -> dict[str, str]:
        """First sightings of a stored story's events. Only stories of earlier runs are
        asked for: `CountOnce` remembers this run's (far more than a batch holds)."""
        return dict(
            self._ask(
                "SELECT story_event_id, event_id FROM events "
                "WHERE story_id = ? AND repeat_of IS NULL",
                [story_id],
            ).fetchall()
        )

    def remember(self, doc: Document) -> None:
        if doc.duplicate_of is None:
            self._batch.by_hash.setdefault(doc.content_hash, (doc.id, doc.story_id))
        self._batch.by_id[doc.id] = doc.content_hash

    # -- the stage --------------------------------------------------------------------
    def __call__(self, doc: Document) -> Document:
        for table, rows in document_rows(doc, dt.datetime.now()).items():
            self._batch.rows[table] += rows
        self.remember(doc)
        if len(self._batch.rows["documents"]) >= self.batch_size:
            self.flush()
        now = time.monotonic()
        if now >= self._next_turn:
            if self._turns.asked():
                self._make_way()
            else:  # a directory scan a document cost 0.03 ms; a reader waits 0.05 s more
                self._next_turn = now + _ASK_SECONDS
        return doc

    def _make_way(self) -> None:
        """Let waiting readers in: commit the batch, close the file until they have
        read, open it again. Nothing buffered is lost if reopening fails: it was stored."""
        self.flush()
        self._con.close()
        self._con = None  # type: ignore[assignment]
        self._turns.let_in()
        self._con = self._connect(_READERS_SECONDS)
        self._next_turn = time.monotonic() + _TURN_SECONDS

    def add_rejection(self, rejection: Rejection) -> None:
        self._batch.rejections.append(rejection_record(rejection, dt.datetime.now()))

    def flush(self) -> None:
        """Write the buffered batch in one transaction."""
        batch, self._batch = self._batch, _Batch()
        documents = batch.rows["documents"]
        if not (documents or batch.rejections):
            self._batch.by_hash, self._batch.by_id = batch.by_hash, batch.by_id
            return
        # documents deduplicated but not yet stored (coded in workers meanwhile) stay
        # known to the next batch: a copy of one must still be found
        written = {d["document_id"] for d in documents}
        self._batch.by_id = {k: v for k, v in batch.by_id.items() if k not in written}
        self._batch.by_hash = {k: v for k, v in batch.by_hash.items() if v[0] not in written}
        batch.stored = self._maybe_stored([d["document_id"] for d in documents])
        while True:
            con = self._con
            try:
                con.execute("BEGIN TRANSACTION")
                replaced = self._keep_places(con, batch)
                self._write(con, batch)
                self._note_replaced(con, replaced)
                con.execute("COMMIT")
                break
            except duckdb.Error as exc:
                with suppress(duckdb.Error):  # a database DuckDB gave up on refuses this
                    con.execute("ROLLBACK")
                if not self._more_memory(exc):
                    self._failed(documents, exc)
        self._stored += len(documents) - len(replaced)
        self.replaced.update(replaced)
        if self._held is not None:
            self._held.ids.add(d["document_id"] for d in documents)
            self._held.hashes.add(d["content_hash"] for d in documents if d["duplicate_of"] is None)
        self._fit_memory()

    @staticmethod
    def _keep_places(con: duckdb.DuckDBPyConnection, batch: _Batch) -> dict[str, str]:
        """Documents of the batch stored before (a new version, `--replace`) keep the
        place in the stored order of the version they replace (`added_at`), as in a
        fresh run of the same inputs; their ids and the stories they were in."""
        documents = batch.rows["documents"]
        if not batch.stored:
            return {}
        stored = con.execute(
            f"SELECT document_id, added_at, story_id FROM documents "
            f"WHERE document_id IN ({_BATCH_IDS})",
            [batch.stored],
        ).fetchall()
        places = {document_id: added_at for document_id, added_at, _ in stored}
        for row in (*documents, *batch.rows["events"]):
            row["added_at"] = places.get(row["document_id"], row["added_at"])
        return {document_id: story_id for document_id, _, story_id in stored}

    def _more_memory(self, exc: duckdb.Error) -> bool:
        """After a write that ran out of memory under "auto": open the file again (after
        a failed checkpoint DuckDB refuses everything until then; what was committed is
        in its log) with twice the cap, if the machine has it. Whether the batch may be
        written again."""
        if not self._auto or not _out_of_memory(exc):
            return False
        wanted = self._limit_mb * 2
        if wanted > _machine_mb() * _AUTO_CEILING:
            return False
        self._con.close()
        self._con = None  # type: ignore[assignment]
        self._limit_mb, self._memory_limit = wanted, f"{wanted}MB"
        self._con = self._connect(_READERS_SECONDS)
        return True

    def _failed(self, documents: list[dict[str, Any]], exc: duckdb.Error) -> NoReturn:
        """Stop the run with one line: which documents, and that the rest is safe."""
        names = ", ".join(d["origin"] for d in documents[:3]) or "rejections"
        more = f" and {len(documents) - 3} more" if len(documents) > 3 else ""
        hint = " (--db-memory gives DuckDB more memory)" if _out_of_memory(exc) else ""
        raise StoreError(
            f"{self.path}: could not store {names}{more}, so the run stops; the documents "
            f"stored before are kept, and running the same command again stores the "
            f"rest{hint} ({one_line(exc)})"
        ) from exc

    @staticmethod
    def _write(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
        if batch.stored:  # rows of an earlier version: a batch replaces, never adds a copy
            _delete_documents(con, _BATCH_IDS, [batch.stored])
        tables = [*batch.rows.items(), ("rejections", _distinct(batch.rejections))]
        for table, rows in tables:
            if rows:
                _insert(con, table, TABLES.get(table, REJECTION_COLUMNS), rows)

    def forget_replaced(self) -> None:
        """The replaced documents' links are re-derived: nothing is left to relink."""
        self.flush()
        self._con.execute("DELETE FROM meta WHERE key = 'replaced'")
        self.replaced = {}

    def recount_repeats(self, story_ids: list[str]) -> None:
        """Count the events of these stories once again, in the stored order: the first
        sighting of a story event (the first document, then the order of its events)
        counts, every later one is a repeat of it (`parley.dedup.relink`)."""
        self.flush()
        con = self._con
        con.register("touched", pa.table({"story_id": pa.array(story_ids, pa.string())}))
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "UPDATE events SET repeat_of = CASE WHEN f.first = events.event_id "
                "THEN NULL ELSE f.first END FROM (SELECT e.event_id, first_value(e.event_id) "
                "OVER (PARTITION BY e.story_event_id ORDER BY d.added_at, d.rowid, e.rowid) "
                "AS first FROM events e JOIN documents d USING (document_id) "
                "WHERE e.story_id IN (SELECT story_id FROM touched)) f "
                "WHERE events.event_id = f.event_id"
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            with suppress(duckdb.Error):
                con.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: could not count the events of replaced documents' stories "
                f"again; the next `parley code` into it does ({one_line(exc)})"
            ) from exc
        finally:
            con.unregister("touched")

    def first_sightings(self, story_ids: list[str]) -> pa.Table:
        """`story_event_id`, `event_id` of the events stored stories counted (not
        repeats), for the runner that counts a run's events once per story in one
        query (`parley.runners.dataset`)."""
        con = self._con
        con.register("wanted_stories", pa.table({"story_id": pa.array(story_ids, pa.string())}))
        try:
            return con.execute(
                "SELECT story_event_id, event_id FROM events WHERE repeat_of IS NULL "
                "AND story_id IN (SELECT story_id FROM wanted_stories)"
            ).to_arrow_table()
        finally:
            con.unregister("wanted_stories")

    def add_dataset(self, folder: Path) -> int:
        """Merge a Parquet dataset of `parley code --runner dask` in one transaction (a
        document stored before is replaced, as a batch replaces it); the documents
        added. A failure leaves the database as it was."""
        self.flush()
        con = self._con

        def rows(name: str) -> str | None:
            if (folder / f"{name}.parquet").is_file():
                return f"read_parquet({sql_text(folder / f'{name}.parquet')})"
            if any((folder / name).rglob("*.parquet")):
                files = f"{sql_text(folder / name / '**' / '*.parquet')}, hive_partitioning = true"
                return f"(SELECT * EXCLUDE (year) FROM read_parquet({files}))"
            return None

        documents = rows("documents")
        added = 0
        if documents is not None:
            added = con.execute(f"SELECT count(*) FROM {documents}").fetchall()[0][0]
        if self._auto:  # a bulk insert needs more than the small cache of "auto"
            con.execute(f"SET memory_limit = '{max(self._limit_mb, _MERGE_MB)}MB'")
        try:
            con.execute("BEGIN TRANSACTION")
            if documents is not None:
                con.execute(f"CREATE TEMP TABLE dataset_ids AS SELECT document_id FROM {documents}")
                con.execute(
                    "CREATE TEMP TABLE dataset_places AS SELECT document_id, added_at, story_id "
                    "FROM documents WHERE document_id IN (SELECT document_id FROM dataset_ids)"
                )
                _delete_documents(con, "SELECT document_id FROM dataset_ids")
                con.execute("DROP TABLE dataset_ids")
            for table in ("documents", "sentences", "mentions", "events", "rejections"):
                source = rows(table)
                if source is not None:
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {source}")
            replaced = self._keep_merged_places(con) if documents is not None else {}
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: could not merge {folder}; the database is as it was "
                f"({one_line(exc)})"
            ) from exc
        finally:
            if self._auto:
                con.execute(f"SET memory_limit = '{self._limit_mb}MB'")
        self._stored += added - len(replaced)
        self.replaced.update(replaced)
        self._held = None  # read again when next needed, with the merged documents
        self._fit_memory()
        return added

    def _keep_merged_places(self, con: duckdb.DuckDBPyConnection) -> dict[str, str]:
        """Documents a merged dataset replaced keep their places (`_keep_places`) and
        are noted for relinking, as a batch's are; their ids and former stories."""
        replaced = dict(con.execute("SELECT document_id, story_id FROM dataset_places").fetchall())
        for table in ("documents", "events"):
            con.execute(
                f"UPDATE {table} SET added_at = p.added_at FROM dataset_places p "
                f"WHERE {table}.document_id = p.document_id"
            )
        con.execute("DROP TABLE dataset_places")
        self._note_replaced(con, replaced)
        return replaced

    def _note_replaced(self, con: duckdb.DuckDBPyConnection, replaced: dict[str, str]) -> None:
        """Note the documents still to relink in `meta`, in the transaction that replaced
        them: a run killed before relinking leaves them for the next run to relink."""
        if replaced:
            pending = json.dumps({**self.replaced, **replaced})
            con.execute("INSERT OR REPLACE INTO meta VALUES ('replaced', ?)", [pending])

    def close(self) -> None:
        """Write what is buffered and release the file."""
        if self._con is None:
            self._writer.release()
            return
        try:
            self.flush()
        finally:
            self._con.close()
            self._con = None  # type: ignore[assignment]
            self._writer.release()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stories(self, everything: bool = False) -> Iterator[Story]:
        """Stories with their copies, oldest story first; only those with two documents
        or more unless `everything`. Streams: a story at a time. A copy's events are
        counted as its story's are (each once, not the negated ones): a story of one
        document has as many events as that document."""
        least = 1 if everything else 2
        cursor = self._con.execute(
            "WITH docs AS (SELECT *, rowid AS position, "
            "min(added_at) OVER (PARTITION BY story_id) AS began FROM documents), "
            "own AS (SELECT document_id, count(DISTINCT story_event_id) FILTER "
            "(WHERE NOT negated) AS events FROM events GROUP BY document_id) "
            "SELECT d.story_id, s.events, d.document_id, d.origin, "
            "d.format, d.title, d.date, d.duplicate_of, d.similar_to, d.similarity, "
            "coalesce(o.events, 0) FROM docs d JOIN stories s USING (story_id) "
            "LEFT JOIN own o USING (document_id) "
            "WHERE s.documents >= ? ORDER BY d.began, d.story_id, d.added_at, d.position",
            [least],
        )
        story: Story | None = None
        while rows := cursor.fetchmany(1000):
            for row in rows:
                if story is None or story.story_id != row[0]:
                    if story is not None:
                        yield story
                    story = Story(row[0], row[1], [])
                story.copies.append(Copy(*row[2:]))
        if story is not None:
            yield story

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for readers (`parley.query`); writes go through the store."""
        return self._con

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a read query (tests, `explain`); the store stays the only writer."""
        return self._con.execute(sql, params or []).fetchall()
