"""Flat records: the one definition of an event row, shared by the store and every output.

A row also carries the few facts of its document that analysis and exports need on
every event (the document's date, address and publisher): the events table is then the
one table users need, and exports stream it without a join whose memory would grow with
the number of documents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from parley.document import Document, Event

EVENT_FIELDS = (
    "event_id", "document_id", "story_id", "sentence_index", "sentence_text",
    "source", "target", "source_country", "source_sector", "target_country",
    "target_sector", "code", "root", "quad_class", "goldstein", "plover_type",
    "plover_mode", "negated", "modality", "event_date", "date_source",
    "source_start", "source_end", "verb_start", "verb_end", "target_start", "target_end",
    "source_text", "verb_text", "target_text", "source_entries", "verb_entry",
    "target_entries", "story_event_id", "repeat_of", "date_granularity", "date_text",
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


def plain(value: Any) -> Any:
    """A record's value as JSON and CSV writers take it: dates (and times) as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value
