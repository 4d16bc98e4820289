"""Flat records: the one definition of an event row, shared by the store and every output.

A row also carries the few facts of its document that analysis and exports need on
every event (the document's date, address and publisher): the events table is then the
one table users need, and exports stream it without a join whose memory would grow with
the number of documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from parley.document import Document, Event, Rejection
from parley.store.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS, SENTENCE_COLUMNS

EVENT_FIELDS = (
    "event_id", "document_id", "story_id", "sentence_index", "sentence_text",
    "source", "target", "source_country", "source_sector", "target_country",
    "target_sector", "code", "root", "quad_class", "goldstein", "plover_type",
    "plover_mode", "negated", "modality", "event_date", "date_source",
    "source_start", "source_end", "verb_start", "verb_end", "target_start", "target_end",
    "source_text", "verb_text", "target_text", "source_entries", "verb_entry",
    "target_entries", "rules", "story_event_id", "repeat_of", "date_granularity", "date_text",
    "date_start", "date_end", "location_name", "location_kind", "location_country",
    "location_admin1", "latitude", "longitude", "geonames_id", "location_text",
    "location_start", "location_end", "document_date", "document_url", "publisher",
)  # fmt: skip


def event_record(event: Event, doc: Document) -> dict[str, Any]:
    """An event of `doc` as a flat dict in `EVENT_FIELDS` order (dates stay `date`s)."""
    return {
        "event_id": event.event_id,
        "document_id": event.document_id,
        "story_id": event.story_id,
        "sentence_index": event.sentence_index,
        "sentence_text": event.sentence_text,
        "source": event.source,
        "target": event.target,
        "source_country": event.source_country,
        "source_sector": event.source_sector,
        "target_country": event.target_country,
        "target_sector": event.target_sector,
        "code": event.code,
        "root": event.root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "negated": event.negated,
        "modality": event.modality,
        "event_date": event.event_date,
        "date_source": event.date_source,
        "source_start": event.source_span.start,
        "source_end": event.source_span.end,
        "verb_start": event.verb_span.start,
        "verb_end": event.verb_span.end,
        "target_start": event.target_span.start,
        "target_end": event.target_span.end,
        "source_text": event.source_text,
        "verb_text": event.verb_text,
        "target_text": event.target_text,
        "source_entries": list(event.source_entries),
        "verb_entry": event.verb_entry,
        "target_entries": list(event.target_entries),
        "rules": list(event.rules),
        "story_event_id": event.story_event_id,
        "repeat_of": event.repeat_of,
        "date_granularity": event.date_granularity,
        "date_text": event.date_text,
        "date_start": event.date_span.start if event.date_span else None,
        "date_end": event.date_span.end if event.date_span else None,
        **_location(event),
        "document_date": doc.date,
        "document_url": doc.url,
        "publisher": doc.source,
    }


def _location(event: Event) -> dict[str, Any]:
    place, span = event.location, event.location_span
    return {
        "location_name": place.name if place else None,
        "location_kind": place.kind if place else None,
        "location_country": place.country if place else None,
        "location_admin1": (place.admin1 or None) if place else None,
        "latitude": place.latitude if place else None,
        "longitude": place.longitude if place else None,
        "geonames_id": place.geonames_id if place else None,
        "location_text": event.location_text,
        "location_start": span.start if span else None,
        "location_end": span.end if span else None,
    }


REJECTION_COLUMNS = ("origin", "document_id", "stage", "reason", "rejected_at")
# The tables one document writes, and their columns: the store's batches and the Parquet
# shards of `parley.runners.cluster` are the same rows.
TABLES: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "sentences": SENTENCE_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "events": (*EVENT_FIELDS, "added_at"),
}

_STR = pa.string()
_INT = pa.int32()
_LIST = pa.list_(pa.string())
_TYPES: dict[str, pa.DataType] = {
    "date": pa.date32(), "event_date": pa.date32(), "document_date": pa.date32(),
    "added_at": pa.timestamp("us"), "rejected_at": pa.timestamp("us"),
    "goldstein": pa.float64(), "negated": pa.bool_(),
    "similarity": pa.float64(), "signature": pa.binary(),
    "entries": _LIST, "source_entries": _LIST, "target_entries": _LIST, "rules": _LIST,
    "n_chars": _INT, "n_sentences": _INT, "n_events": _INT, "sentence_index": _INT,
    "char_start": _INT, "char_end": _INT, "quad_class": _INT,
    "source_start": _INT, "source_end": _INT, "verb_start": _INT, "verb_end": _INT,
    "target_start": _INT, "target_end": _INT, "date_start": _INT, "date_end": _INT,
    "latitude": pa.float64(), "longitude": pa.float64(), "geonames_id": pa.int64(),
    "location_start": _INT, "location_end": _INT,
}  # fmt: skip


def arrow_schema(columns: tuple[str, ...]) -> pa.Schema:
    """The Arrow types of these columns (the store's column types)."""
    return pa.schema([(name, _TYPES.get(name, _STR)) for name in columns])


_SQL = {
    _STR: "VARCHAR", _INT: "INTEGER", _LIST: "VARCHAR[]", pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE", pa.bool_(): "BOOLEAN", pa.date32(): "DATE",
    pa.timestamp("us"): "TIMESTAMP", pa.binary(): "BLOB",
}  # fmt: skip


def sql_type(column: str) -> str:
    """A column's type in DuckDB's SQL, as `arrow_schema` gives it in Arrow."""
    return _SQL[_TYPES.get(column, _STR)]


def document_rows(doc: Document, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row one coded document writes, table by table (`TABLES`)."""
    document = {
        "document_id": doc.id, "origin": doc.origin, "format": doc.format,
        "url": doc.url, "title": doc.title, "author": doc.author,
        "affiliation": doc.affiliation, "source": doc.source, "date": doc.date,
        "date_source": doc.date_source, "content_hash": doc.content_hash,
        "story_id": doc.story_id, "duplicate_of": doc.duplicate_of,
        "similar_to": doc.similar_to, "similarity": doc.similarity,
        "signature": doc.signature or None, "n_chars": len(doc.text),
        "n_sentences": len(doc.sentences), "n_events": len(doc.events),
        "text": doc.text, "added_at": now,
    }  # fmt: skip
    sentences = [
        {"document_id": doc.id, "sentence_index": s.index, "char_start": s.start,
         "char_end": s.end, "text": s.text}
        for s in doc.sentences
    ]  # fmt: skip
    mentions = [
        {"document_id": doc.id, "sentence_index": m.sentence_index,
         "char_start": m.span.start, "char_end": m.span.end, "text": m.text,
         "code": m.code, "kind": m.kind, "role": m.role, "country": m.country,
         "sector": m.sector, "entries": list(m.entries)}
        for m in doc.mentions
    ]  # fmt: skip
    events = [{**event_record(e, doc), "added_at": now} for e in doc.events]
    return {"documents": [document], "sentences": sentences, "mentions": mentions,
            "events": events}  # fmt: skip


def rejection_record(rejection: Rejection, now: dt.datetime) -> dict[str, Any]:
    """A rejection as a row of the `rejections` table."""
    return {
        "origin": rejection.origin, "document_id": rejection.document_id,
        "stage": rejection.stage, "reason": rejection.reason, "rejected_at": now,
    }  # fmt: skip


def plain(value: Any) -> Any:
    """A record's value as JSON and CSV writers take it: dates (and times) as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value
