"""Aggregates (`parley query --by`) agree with counting the stored rows by hand."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest

from parley.errors import ParleyError
from parley.query.counts import GROUPS
from parley.query.database import EventDatabase
from tests.conftest import counted


def by_hand(stored, key, keep=lambda e: True):
    """events, Goldstein sum, quad-class counts per key, from the stored rows."""
    groups: dict = defaultdict(lambda: [0, 0.0, Counter()])
    for e in stored:
        if not (counted(e) and keep(e)):
            continue
        for k in key(e):
            group = groups[k]
            group[0] += 1
            group[1] += e["goldstein"] or 0.0
            group[2][e["quad_class"]] += 1
    return {
        k: (n, round(g, 3), tuple(q[c] for c in (1, 2, 3, 4))) for k, (n, g, q) in groups.items()
    }


def from_db(rows, width):
    return {
        r[:width] if width > 1 else r[0]: (r[width], r[width + 1], tuple(r[width + 3 : width + 7]))
        for r in rows
    }


def test_events_per_dyad_per_month(examples_db, stored):
    def key(e):
        month = e["event_date"].replace(day=1) if e["event_date"] else None
        return [(e["source"], e["target"], month)]

    with EventDatabase(examples_db) as db:
        relation = db.counts("dyad,month")
        rows, columns = relation.fetchall(), relation.columns
    assert columns[:4] == ["source", "target", "month", "events"]
    assert from_db(rows, 3) == by_hand(stored, key)
    assert len(rows) > 10


def test_top_actors_count_both_sides_largest_first(examples_db, stored):
    with EventDatabase(examples_db) as db:
        rows = db.counts("actor", quad_class="3,4").fetchall()
    expected = by_hand(stored, lambda e: [e["source"], e["target"]], lambda e: e["quad_class"] > 2)
    assert from_db(rows, 1) == expected
    assert [r[1] for r in rows] == sorted((r[1] for r in rows), reverse=True)


def test_goldstein_mean_and_quad_counts_per_country_and_week(examples_db, stored):
    with EventDatabase(examples_db) as db:
        rows = db.counts(["source-country", "week"], since="2024-01-01").fetchall()
    for _country, week, events, total, mean, *quads in rows:
        assert week.weekday() == 0 and week >= dt.date(2023, 12, 25)  # weeks begin on Monday
        assert sum(quads) == events and mean == pytest.approx(total / events, abs=1e-3)
    mine = by_hand(
        stored,
        lambda e: [
            (e["source_country"], e["event_date"] - dt.timedelta(e["event_date"].weekday()))
        ],
        lambda e: e["event_date"] is not None and e["event_date"] >= dt.date(2024, 1, 1),
    )
    assert {(r[0], r[1]): r[2] for r in rows} == {k: v[0] for k, v in mine.items()}


def test_time_groups_come_in_time_order_and_read_the_chosen_date(examples_db, stored):
    with EventDatabase(examples_db) as db:
        rows = db.counts("year", date_of="document").fetchall()
    years = [r[0] for r in rows]
    assert years == sorted(years, key=lambda y: (y is None, y))
    expected = Counter(e["document_date"].year if e["document_date"] else None
                       for e in stored if counted(e))  # fmt: skip
    assert {r[0]: r[1] for r in rows} == dict(expected)


def test_unknown_group_is_a_named_error(examples_db):
    with (
        EventDatabase(examples_db) as db,
        pytest.raises(ParleyError, match="cannot group by colour"),
    ):
        db.counts("dyad,colour")


# Each key's groups, read from a stored row (either-side keys give two).
_KEYS = {
    "source": lambda e: [e["source"]],
    "target": lambda e: [e["target"]],
    "dyad": lambda e: [(e["source"], e["target"])],
    "actor": lambda e: [e["source"], e["target"]],
    "source-country": lambda e: [e["source_country"]],
    "target-country": lambda e: [e["target_country"]],
    "country-dyad": lambda e: [(e["source_country"], e["target_country"])],
    "country": lambda e: [e["source_country"], e["target_country"]],
    "code": lambda e: [e["code"]],
    "root": lambda e: [e["root"]],
    "plover": lambda e: [e["plover_type"]],
    "quad": lambda e: [e["quad_class"]],
    "modality": lambda e: [e["modality"]],
    "place": lambda e: [(e["location_name"], e["location_country"])],
    "location": lambda e: [
        (e["geonames_id"], e["location_name"], e["location_country"], e["latitude"],
         e["longitude"])
    ],
    "location-country": lambda e: [e["location_country"]],
    "story": lambda e: [e["story_id"]],
    "document": lambda e: [e["document_id"]],
    "day": lambda e: [e["event_date"]],
    "week": lambda e: [
        e["event_date"] and e["event_date"] - dt.timedelta(e["event_date"].weekday())
    ],
    "month": lambda e: [e["event_date"] and e["event_date"].replace(day=1)],
    "year": lambda e: [e["event_date"] and e["event_date"].year],
}


def test_every_group_key_counts_as_the_rows_say(examples_db, stored):
    assert set(_KEYS) == set(GROUPS)
    with EventDatabase(examples_db) as db:
        for key, groups in _KEYS.items():
            relation = db.counts(key)
            width = relation.columns.index("events")
            rows = relation.fetchall()
            got = {r[:width] if width > 1 else r[0]: r[width] for r in rows}
            expected = {k: v[0] for k, v in by_hand(stored, groups).items()}
            assert got == expected, key
