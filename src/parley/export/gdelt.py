"""The GDELT 2.0 event table layout: 61 tab-separated columns, no header, one row per
event counted once (docs/export.md has the column-by-column mapping).

Where parley has no value the field is blank, except the geographic types, which GDELT
itself writes as 0 for "no place". Actor codes drop parley's `---` for an unknown
country (`---GOV` is GDELT's `GOV`). GlobalEventID is the first 15 hex digits of
parley's event id read as a number (`printf '%015x'` gives the prefix back for
`parley explain`). NumArticles counts the documents of the story that report the event
(its copies' repeats and exact copies of its document included).
"""

from __future__ import annotations

from typing import Any

from parley.export.tabs import tab_line
from parley.query.filters import EventFilter

_ACTOR_NAME = r"^\S+ (.*?)(?: \(.*)?$"  # `countries.txt:28758 EGYPT (Phoenix…)` → EGYPT


def _actor(side: str) -> list[tuple[str, str]]:
    """The ten actor columns of one side (`source` for Actor1, `target` for Actor2)."""
    number = "1" if side == "source" else "2"
    name = (
        f"upper(coalesce(nullif(replace(replace(regexp_extract({side}_entries[1], "
        f"'{_ACTOR_NAME}', 1), '*', ''), '_', ' '), ''), {side}_text))"
    )
    country = f"CASE WHEN {side}_country IS NOT NULL THEN left({side}, 3) END"
    return [
        (f"Actor{number}Code", f"nullif(regexp_replace({side}, '^---', ''), '')"),
        (f"Actor{number}Name", name),
        (f"Actor{number}CountryCode", country),
        (f"Actor{number}KnownGroupCode", "NULL"),
        (f"Actor{number}EthnicCode", "NULL"),
        (f"Actor{number}Religion1Code", "NULL"),
        (f"Actor{number}Religion2Code", "NULL"),
        (f"Actor{number}Type1Code", f"{side}_sector"),
        (f"Actor{number}Type2Code", "NULL"),
        (f"Actor{number}Type3Code", "NULL"),
    ]


def _no_place(prefix: str) -> list[tuple[str, str]]:
    """The eight columns of a place parley does not locate (the actors' own places)."""
    return [
        (f"{prefix}_Type", "0"),
        *((f"{prefix}_{n}", "NULL") for n in ("FullName", "CountryCode", "ADM1Code")),
        (f"{prefix}_ADM2Code", "NULL"),
        (f"{prefix}_Lat", "NULL"),
        (f"{prefix}_Long", "NULL"),
        (f"{prefix}_FeatureID", "NULL"),
    ]


_GEO_TYPE = (
    "CASE WHEN location_kind IS NULL OR location_kind = 'continent' THEN 0 "
    "WHEN location_kind = 'country' THEN 1 "
    "WHEN location_kind IN ('state', 'region') "
    "THEN CASE WHEN location_country = 'USA' THEN 2 ELSE 5 END "
    "WHEN location_country = 'USA' THEN 3 ELSE 4 END"
)
_FULL_NAME = (
    "CASE WHEN location_name IS NOT NULL THEN concat_ws(', ', location_name, "
    "CASE WHEN location_kind <> 'country' AND location_admin1 <> location_name "
    "THEN location_admin1 END, "
    "CASE WHEN location_kind <> 'country' THEN place_country.name END) END"
)

# (name in the GDELT 2.0 codebook, SQL over the events joined below)
COLUMNS: list[tuple[str, str]] = [
    ("GlobalEventID", "CAST('0x' || left(event_id, 15) AS BIGINT)"),
    ("Day", "CAST(strftime(event_date, '%Y%m%d') AS INTEGER)"),
    ("MonthYear", "CAST(strftime(event_date, '%Y%m') AS INTEGER)"),
    ("Year", "year(event_date)"),
    ("FractionDate", "round(year(event_date) + dayofyear(event_date) / 365, 4)"),
    *_actor("source"),
    *_actor("target"),
    ("IsRootEvent", "CAST(sentence_index = 0 AS INTEGER)"),
    ("EventCode", "code"),
    ("EventBaseCode", "left(code, 3)"),
    ("EventRootCode", "root"),
    ("QuadClass", "quad_class"),
    ("GoldsteinScale", "goldstein"),
    ("NumMentions", "articles"),
    ("NumSources", "sources"),
    ("NumArticles", "articles"),
    ("AvgTone", "NULL"),
    *_no_place("Actor1Geo"),
    *_no_place("Actor2Geo"),
    ("ActionGeo_Type", _GEO_TYPE),
    ("ActionGeo_FullName", _FULL_NAME),
    ("ActionGeo_CountryCode", "place_country.fips"),
    (
        "ActionGeo_ADM1Code",
        "CASE WHEN location_kind = 'country' THEN place_country.fips END",
    ),
    ("ActionGeo_ADM2Code", "NULL"),
    ("ActionGeo_Lat", "latitude"),
    ("ActionGeo_Long", "longitude"),
    (
        "ActionGeo_FeatureID",
        "CASE WHEN location_kind = 'country' THEN place_country.fips "
        "ELSE CAST(geonames_id AS VARCHAR) END",
    ),
    ("DATEADDED", "CAST(strftime(added_at, '%Y%m%d%H%M%S') AS BIGINT)"),
    ("SOURCEURL", "coalesce(document_url, document_id)"),
]


def gdelt_sql(event_filter: EventFilter) -> tuple[str, list[Any]]:
    """One tab-separated line per event (blank fields for NULL; tabs and line breaks
    inside a value become spaces), in stored order."""
    where, params = event_filter.where()
    sql = f"""
        WITH chosen AS (SELECT * FROM events WHERE {where}),
        repeats AS (
            SELECT repeat_of, count(*) AS copies,
                   list(DISTINCT coalesce(publisher, document_id)) AS publishers
            FROM events WHERE repeat_of IS NOT NULL GROUP BY repeat_of
        ),
        exact AS (
            SELECT duplicate_of, count(*) AS copies,
                   list(DISTINCT coalesce(source, document_id)) AS publishers
            FROM documents WHERE duplicate_of IS NOT NULL GROUP BY duplicate_of
        ),
        counted AS (
            SELECT c.*, 1 + coalesce(r.copies, 0) + coalesce(x.copies, 0) AS articles,
                   len(list_distinct(list_concat([coalesce(c.publisher, c.document_id)],
                       coalesce(r.publishers, []), coalesce(x.publishers, []))))
                   AS sources
            FROM chosen c
            LEFT JOIN repeats r ON r.repeat_of = c.event_id
            LEFT JOIN exact x ON x.duplicate_of = c.document_id
        )
        SELECT {tab_line(sql for _name, sql in COLUMNS)}
        FROM counted LEFT JOIN lookup_countries place_country
             ON place_country.iso3 = counted.location_country
    """
    return sql, params
