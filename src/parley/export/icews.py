"""An ICEWS-style event table: the 20 tab-separated columns of the ICEWS coded event
data files on Dataverse, with their header, one row per event counted once.

ICEWS names actors by their dictionary entry and sectors by name; parley writes the
words of the text (`Egyptian officials`) and the sector of the actor code
(`Government`). Countries are names, as ICEWS writes them. `Sentence Number` counts from
1, as ICEWS does (parley's `sentence_index` counts from 0). docs/export.md maps each
column.
"""

from __future__ import annotations

from typing import Any

from parley.export.tabs import tab_line
from parley.query.filters import EventFilter

COLUMNS: list[tuple[str, str]] = [
    ("Event ID", "e.event_id"),
    ("Event Date", "strftime(e.event_date, '%Y-%m-%d')"),
    ("Source Name", "e.source_text"),
    ("Source Sectors", "source_sector_name.name"),
    ("Source Country", "source_country_name.name"),
    ("Event Text", "coalesce(code4.description, code3.description, code2.description)"),
    ("CAMEO Code", "e.code"),
    ("Intensity", "e.goldstein"),
    ("Target Name", "e.target_text"),
    ("Target Sectors", "target_sector_name.name"),
    ("Target Country", "target_country_name.name"),
    ("Story ID", "e.story_id"),
    ("Sentence Number", "e.sentence_index + 1"),
    ("Publisher", "e.publisher"),
    ("City", "CASE WHEN e.location_kind = 'city' THEN e.location_name END"),
    ("District", "NULL"),
    (
        "Province",
        "CASE WHEN e.location_kind = 'state' THEN e.location_name ELSE e.location_admin1 END",
    ),
    ("Country", "place_country_name.name"),
    ("Latitude", "e.latitude"),
    ("Longitude", "e.longitude"),
]


def icews_sql(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """A header line, then one tab-separated line per event, in stored order."""
    where, params = event_filter.where()
    joins = " ".join(
        f"LEFT JOIN lookup_countries {side}_country_name ON {side}_country_name.iso3 = e.{column}"
        for side, column in (
            ("source", "source_country"),
            ("target", "target_country"),
            ("place", "location_country"),
        )
    )
    joins += " " + " ".join(
        f"LEFT JOIN lookup_sectors {side}_sector_name ON {side}_sector_name.code = e.{side}_sector"
        for side in ("source", "target")
    )
    joins += " " + " ".join(
        f"LEFT JOIN lookup_events code{size} ON code{size}.code = left(e.code, {size})"
        for size in (4, 3, 2)
    )
    sql = (
        f"SELECT {tab_line(sql for _name, sql in COLUMNS)} "
        f"FROM (SELECT * FROM events WHERE {where}) e {joins}"
    )
    return sql, params
