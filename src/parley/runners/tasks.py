"""What a Dask worker does with a shard: prepare it, then code it. Both write their
output atomically (to a temporary name, then renamed), and both find the output of an
earlier attempt and return it without redoing it: a task retried after its worker was
killed, or a rerun after a crash, never writes a shard twice.

- `prepare`: read → clean → describe, and fingerprint each document (content hash,
  MinHash signature). The result is a Parquet file of clean texts and fingerprints, so
  deduplication (`parley.runners.decide`) needs no text and coding needs no re-reading.
- `code`: the documents of a prepared shard, with deduplication's decisions (story,
  copy of what, shared date), through the per-document stages, as Parquet tables with
  the store's columns plus their input position.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from parley.coding import Settings
from parley.dedup.fingerprint import content_hash
from parley.dedup.minhash import MinHasher
from parley.dedup.stage import MemoryIndex
from parley.dedup.story_events import CountOnce
from parley.document import Document, Rejection
from parley.ingest.clean import Clean
from parley.ingest.describe import Describe
from parley.pipeline import Pipeline
from parley.runners import worker
from parley.runners.shards import Shard
from parley.store.records import TABLES, arrow_schema, document_rows

# The order of a row in the input: its shard, its place in the shard (and, for an event,
# its place in its document). Work tables carry them; the final dataset does not.
_ORDER = (pa.field("shard", pa.int32()), pa.field("position", pa.int32()))
_EVENT_ORDER = pa.field("event_index", pa.int32())

PREPARED = pa.schema([
    ("position", pa.int32()), ("counted", pa.bool_()), ("status", pa.string()),
    ("origin", pa.string()), ("document_id", pa.string()), ("format", pa.string()),
    ("url", pa.string()), ("title", pa.string()), ("author", pa.string()),
    ("affiliation", pa.string()), ("source", pa.string()), ("date", pa.date32()),
    ("date_source", pa.string()), ("text", pa.string()), ("content_hash", pa.string()),
    ("signature", pa.binary()), ("stage", pa.string()), ("reason", pa.string()),
])  # fmt: skip
_METADATA = ("url", "title", "author", "affiliation", "source")


@dataclass(slots=True, frozen=True)
class Decision:
    """What deduplication decided for one document of a shard that is to be coded."""

    position: int
    document_id: str
    origin: str
    story_id: str
    duplicate_of: str | None
    similar_to: str | None
    similarity: float | None
    signature: bytes
    date: dt.date | None
    date_source: str | None


@dataclass(slots=True)
class Summary:
    """What coding a shard gave: the pipeline's counters and its rejections."""

    documents: int = 0
    coded: int = 0
    copies: int = 0
    near_copies: int = 0
    sentences: int = 0
    events: int = 0
    rejections: list[Rejection] = field(default_factory=list)


def work_folder(out: Path) -> Path:
    """Where a run keeps its shards' work files, inside its output folder."""
    return out / ".work"


def prepared_path(folder: Path, shard: Shard) -> Path:
    return folder / "prepared" / f"{shard.name}.parquet"


def coded_path(folder: Path, shard: Shard, decisions: list[Decision]) -> Path:
    """A shard's coded tables, named by its decisions too: deduplicated otherwise (other
    documents stored meanwhile), it is another output."""
    digest = hashlib.sha256(repr(decisions).encode()).hexdigest()[:12]
    return folder / "coded" / f"{shard.name}-{digest}"


def _rejection_rows(rows: list[dict[str, Any]]) -> list[Rejection]:
    return [
        Rejection(r["origin"], r["reason"], r["stage"], r["document_id"])
        for r in rows
        if r["status"] == "rejected"
    ]


def prepare(shard: Shard, settings: Settings, folder: Path) -> list[Rejection]:
    """Read, clean, describe and fingerprint a shard; its read and clean rejections."""
    target = prepared_path(folder, shard)
    if target.exists():
        columns = ["status", "origin", "document_id", "stage", "reason"]
        return _rejection_rows(pq.read_table(target, columns=columns).to_pylist())
    words = worker.dictionaries(settings.paths, settings.analyser).words
    pipeline = Pipeline([Clean(words), Describe(settings.default_date)])
    hasher = MinHasher() if settings.threshold else None
    rows: list[dict[str, Any]] = []
    for position, item in enumerate(shard.items(settings.limits)):
        outcome = pipeline.process(item) if isinstance(item, Document) else item
        row: dict[str, Any] = {"position": position, "counted": isinstance(item, Document)}
        if isinstance(outcome, Document):
            row.update(
                status="document", origin=outcome.origin, document_id=outcome.id,
                format=outcome.format, date=outcome.date, date_source=outcome.date_source,
                text=outcome.text, content_hash=content_hash(outcome.text, outcome.date),
                signature=hasher.signature(outcome.text).tobytes() if hasher else None,
                **{name: getattr(outcome, name) for name in _METADATA},
            )  # fmt: skip
        elif isinstance(outcome, Rejection):
            row.update(
                status="rejected", origin=outcome.origin, document_id=outcome.document_id,
                stage=outcome.stage, reason=outcome.reason,
            )  # fmt: skip
        rows.append(row)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    pq.write_table(pa.Table.from_pylist(rows, PREPARED), temporary)
    os.replace(temporary, target)
    return _rejection_rows(rows)


def code(shard: Shard, decisions: list[Decision], settings: Settings, folder: Path) -> Summary:
    """Code the documents that deduplication kept, as it decided; write their rows."""
    target = coded_path(folder, shard, decisions)
    if target.exists():
        return _read_summary(target)
    prepared = {
        row["position"]: row for row in pq.read_table(prepared_path(folder, shard)).to_pylist()
    }
    docs = [_document(prepared[d.position], d) for d in decisions]
    positions = {doc.id: d.position for doc, d in zip(docs, decisions, strict=True)}
    summary = Summary()
    per_document = worker.stages(settings.paths, settings.analyser, settings.limits)
    stages = [*per_document, CountOnce(MemoryIndex())]
    pipeline = Pipeline(stages, on_reject=summary.rejections.append)
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    now = dt.datetime.now()
    for doc in pipeline.run(docs):
        if not isinstance(doc, Document):
            continue  # a rejection: in the summary
        order = {"shard": shard.number, "position": positions[doc.id]}
        for table, rows in document_rows(doc, now).items():
            tables[table] += [
                {**row, **order, **({"event_index": i} if table == "events" else {})}
                for i, row in enumerate(rows)
            ]
    counters = pipeline.counters
    summary.documents, summary.coded = counters.documents, counters.coded
    summary.copies, summary.near_copies = counters.copies, counters.near_copies
    summary.sentences = counters.sentences
    summary.events = len(tables["events"])
    _write_coded(target, tables, summary)
    return summary


def _document(row: dict[str, Any], decision: Decision) -> Document:
    """A prepared document as deduplication left it."""
    doc = Document(id=row["document_id"], origin=row["origin"], format=row["format"], raw="")
    doc.text = row["text"]
    for name in _METADATA:
        setattr(doc, name, row[name])
    doc.content_hash = row["content_hash"]
    doc.date, doc.date_source = decision.date, decision.date_source
    doc.story_id, doc.duplicate_of = decision.story_id, decision.duplicate_of
    doc.similar_to, doc.similarity = decision.similar_to, decision.similarity
    doc.signature = decision.signature
    return doc


def _work_schema(table: str) -> pa.Schema:
    """A work table's columns: the store's, then the input order."""
    extra = (*_ORDER, _EVENT_ORDER) if table == "events" else _ORDER
    return pa.schema([*arrow_schema(TABLES[table]), *extra])


def _write_coded(target: Path, tables: dict[str, list[dict[str, Any]]], summary: Summary) -> None:
    """All of a shard's tables under a temporary name, then renamed at once. Should two
    attempts both finish (a worker thought dead was not), the first rename wins and the
    second attempt's files, the same rows, are dropped."""
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    temporary.mkdir(parents=True)
    for table, rows in tables.items():
        schema = _work_schema(table)
        pq.write_table(pa.Table.from_pylist(rows, schema), temporary / f"{table}.parquet")
    record = asdict(summary)
    record["rejections"] = [asdict(r) for r in summary.rejections]
    (temporary / "summary.json").write_text(json.dumps(record), encoding="utf-8")
    try:
        temporary.rename(target)
    except OSError:
        if not target.exists():
            raise
        shutil.rmtree(temporary, ignore_errors=True)


def _read_summary(target: Path) -> Summary:
    record = json.loads((target / "summary.json").read_text(encoding="utf-8"))
    rejections = [Rejection(**r) for r in record.pop("rejections")]
    return Summary(**record, rejections=rejections)
