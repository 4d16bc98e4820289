"""Aggregates users of event data ask for: events per dyad per month, Goldstein sums and
means, quad-class counts, top actors, as SQL over the filtered events.

Group keys name what a row stands for. `actor` and `country` are either side: an event
counts once for its source and once for its target, which is how "top actors" and
"events involving a country" are read. Time keys (`day`, `week`, `month`, `year`) read
the filter's date (the event's, or with `date_of="document"` the document's); an event
dated only to a month falls on that month's first day, so `--precision day` keeps the
events dated to the day when that matters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from parley.errors import ParleyError
from parley.query.filters import EventFilter

# Each key: the output columns it adds, as (name, SQL expression); `{date}` is the date.
GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "source": (("source", "source"),),
    "target": (("target", "target"),),
    "dyad": (("source", "source"), ("target", "target")),
    "actor": (("actor", "actor"),),
    "source-country": (("source_country", "source_country"),),
    "target-country": (("target_country", "target_country"),),
    "country-dyad": (("source_country", "source_country"), ("target_country", "target_country")),
    "country": (("country", "country"),),
    "code": (("code", "code"),),
    "root": (("root", "root"),),
    "plover": (("plover_type", "plover_type"),),
    "quad": (("quad_class", "quad_class"),),
    "modality": (("modality", "modality"),),
    "place": (("location_name", "location_name"), ("location_country", "location_country")),
    "location": (
        ("geonames_id", "geonames_id"),
        ("location_name", "location_name"),
        ("location_country", "location_country"),
        ("latitude", "latitude"),
        ("longitude", "longitude"),
    ),
    "location-country": (("location_country", "location_country"),),
    "story": (("story_id", "story_id"),),
    "document": (("document_id", "document_id"),),
    "day": (("day", "{date}"),),
    "week": (("week", "CAST(date_trunc('week', {date}) AS DATE)"),),
    "month": (("month", "CAST(date_trunc('month', {date}) AS DATE)"),),
    "year": (("year", "year({date})"),),
}
TIME_KEYS = ("day", "week", "month", "year")
_EITHER_SIDE = ("actor", "country")

MEASURES = (
    "count(*) AS events",
    "round(sum(goldstein), 3) AS goldstein_sum",
    "round(avg(goldstein), 3) AS goldstein_mean",
    "count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation",
    "count(*) FILTER (WHERE quad_class = 2) AS material_cooperation",
    "count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict",
    "count(*) FILTER (WHERE quad_class = 4) AS material_conflict",
)


def group_keys(by: str | Sequence[str]) -> tuple[str, ...]:
    """Checked keys from `"dyad,month"` or a list; a ParleyError names an unknown one."""
    keys = tuple(k.strip() for k in (by.split(",") if isinstance(by, str) else by) if k.strip())
    unknown = [k for k in keys if k not in GROUPS]
    if unknown or not keys:
        raise ParleyError(
            f"cannot group by {', '.join(unknown) or 'nothing'} (keys: {', '.join(GROUPS)})"
        )
    return keys


def counts_sql(event_filter: EventFilter, by: str | Sequence[str]) -> tuple[str, list[Any]]:
    """SQL and parameters of the aggregate: one row per group with `MEASURES`. Rows come
    in time order when a time key is asked for, else the largest groups first."""
    keys = group_keys(by)
    where, params = event_filter.where()
    date = event_filter.date_column()
    columns: dict[str, str] = {}
    for key in keys:
        for name, expression in GROUPS[key]:
            columns.setdefault(name, expression.format(date=date))
    source = f"(SELECT * FROM events WHERE {where})"
    if any(key in _EITHER_SIDE for key in keys):
        # Two unnests of equal length pair up: each side with its own country.
        source = (
            "(SELECT *, unnest([source, target]) AS actor, "
            f"unnest([source_country, target_country]) AS country FROM {source})"
        )
    select = ", ".join(f"{expression} AS {name}" for name, expression in columns.items())
    names = ", ".join(columns)
    timed = any(key in TIME_KEYS for key in keys)
    order = names if timed else f"events DESC, {names}"
    sql = f"SELECT {select}, {', '.join(MEASURES)} FROM {source} GROUP BY ALL ORDER BY {order}"
    return sql, params
