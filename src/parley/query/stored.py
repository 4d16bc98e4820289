"""Documents as a database holds them, events and all: what `parley code --all` prints
for inputs stored by an earlier run, through the same writers as the ones it codes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from parley.document import Document, Event, Place, Span
from parley.store.duckdb_store import DuckDBStore
from parley.store.records import EVENT_FIELDS

_DOCUMENT_COLUMNS = ("document_id", "origin", "format", "title", "url", "source", "date")


def stored_documents(db: str | Path, ids: Sequence[str]) -> Iterator[Document]:
    """The stored documents with these ids, in the order given, each with its stored
    events in their stored order (text and sentences are not read: writers need none)."""
    if not ids:
        return
    with DuckDBStore(db, read_only=True) as store:
        con = store.connection.cursor()  # its own: the store's may hold a result
        con.register("wanted", pa.table({"document_id": pa.array(list(ids), pa.string())}))
        try:
            documents = {
                row[0]: row
                for row in con.execute(
                    f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents "
                    "WHERE document_id IN (SELECT document_id FROM wanted)"
                ).fetchall()
            }
            events: dict[str, list[Event]] = {}
            cursor = con.execute(
                f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE document_id IN "
                "(SELECT document_id FROM wanted) ORDER BY rowid"
            )
            while rows := cursor.fetchmany(4096):
                for row in rows:
                    event = event_from_record(dict(zip(EVENT_FIELDS, row, strict=True)))
                    events.setdefault(event.document_id, []).append(event)
        finally:
            con.unregister("wanted")
    for document_id in dict.fromkeys(ids):
        found = documents.get(document_id)
        if found is None:
            continue
        _, origin, fmt, title, url, source, date = found
        doc = Document(document_id, origin, fmt, "", title=title, url=url, source=source)
        doc.date, doc.events = date, events.get(document_id, [])
        yield doc


def event_from_record(record: dict[str, Any]) -> Event:
    """An event again from its stored row (`parley.store.records.event_record` undone)."""
    r = record

    def span(name: str) -> Span | None:
        start, end = r[f"{name}_start"], r[f"{name}_end"]
        return None if start is None else Span(start, end)

    place = None
    if r["location_name"] is not None:
        place = Place(
            r["geonames_id"], r["location_name"], r["location_kind"], r["location_country"],
            r["location_admin1"] or "", r["latitude"], r["longitude"],
        )  # fmt: skip
    return Event(
        event_id=r["event_id"], document_id=r["document_id"], story_id=r["story_id"],
        sentence_index=r["sentence_index"], sentence_text=r["sentence_text"],
        source=r["source"], target=r["target"], source_country=r["source_country"],
        source_sector=r["source_sector"], target_country=r["target_country"],
        target_sector=r["target_sector"], code=r["code"], root=r["root"],
        quad_class=r["quad_class"], goldstein=r["goldstein"], plover_type=r["plover_type"],
        plover_mode=r["plover_mode"], negated=r["negated"], modality=r["modality"],
        event_date=r["event_date"], date_source=r["date_source"],
        source_span=Span(r["source_start"], r["source_end"]),
        verb_span=Span(r["verb_start"], r["verb_end"]),
        target_span=Span(r["target_start"], r["target_end"]),
        source_text=r["source_text"], verb_text=r["verb_text"], target_text=r["target_text"],
        source_entries=tuple(r["source_entries"] or ()), verb_entry=r["verb_entry"],
        target_entries=tuple(r["target_entries"] or ()), rules=tuple(r["rules"] or ()),
        story_event_id=r["story_event_id"], repeat_of=r["repeat_of"],
        date_granularity=r["date_granularity"], date_text=r["date_text"],
        date_span=span("date"), location=place, location_text=r["location_text"],
        location_span=span("location"),
    )  # fmt: skip
