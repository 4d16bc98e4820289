"""PLOVER event records as JSON Lines: the event type and mode of the CAMEO→PLOVER 2021
conversion table, the actor and recipient (PLOVER's names for source and target) with
their country and PLOVER sector, and parley's provenance.

Only events with a PLOVER type are written: a CAMEO code the table does not convert
has no PLOVER record. PLOVER's own intensity scale is not CAMEO's Goldstein scale, so
the Goldstein score is kept under `cameo`, not passed off as an intensity. docs/export.md
lists every field.
"""

from __future__ import annotations

from typing import Any

from parley.query.filters import EventFilter


def _party(side: str) -> str:
    return (
        f"struct_pack(code := e.{side}, country := e.{side}_country, "
        f"sector := e.{side}_sector, text := e.{side}_text)"
    )


_RECORD = f"""struct_pack(
    id := e.event_id,
    date := e.event_date,
    date_precision := e.date_granularity,
    event_type := e.plover_type,
    mode := e.plover_mode,
    context := CAST([] AS VARCHAR[]),
    actor := {_party("source")},
    recipient := {_party("target")},
    negated := e.negated,
    modality := e.modality,
    cameo := struct_pack(code := e.code, root := e.root, quad_class := e.quad_class,
                         goldstein := e.goldstein),
    location := CASE WHEN e.location_name IS NOT NULL THEN struct_pack(
        placename := e.location_name, kind := e.location_kind,
        country := e.location_country, admin1 := e.location_admin1,
        latitude := e.latitude, longitude := e.longitude, geonames_id := e.geonames_id,
        text := e.location_text) END,
    source := struct_pack(document_id := e.document_id, story_id := e.story_id,
        url := e.document_url, publisher := e.publisher, publication_date := e.document_date,
        sentence_index := e.sentence_index, sentence := e.sentence_text,
        verb := e.verb_text, verb_entry := e.verb_entry)
)"""


def plover_sql(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """One JSON object per event that has a PLOVER type, in stored order."""
    where, params = event_filter.where()
    sql = (
        f"SELECT CAST(to_json({_RECORD}) AS VARCHAR) AS line "
        f"FROM (SELECT * FROM events WHERE {where} AND plover_type IS NOT NULL) e"
    )
    return sql, params
