"""Each filter of `parley query` keeps exactly the events a direct reading of the stored
rows says it should, on a database coded from examples/."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.errors import ParleyError
from parley.query.database import EventDatabase
from parley.query.filters import EventFilter
from tests.conftest import REPOST_ID, counted

CASES = [
    ({"actor": "EGY"}, lambda e: e["source"].startswith("EGY") or e["target"].startswith("EGY")),
    ({"source": "JPN"}, lambda e: e["source"].startswith("JPN")),
    ({"target": "CHN,IRN"}, lambda e: e["target"][:3] in ("CHN", "IRN")),
    ({"country": "chn"}, lambda e: "CHN" in (e["source_country"], e["target_country"])),
    ({"source_country": "JPN"}, lambda e: e["source_country"] == "JPN"),
    ({"target_country": "ISR"}, lambda e: e["target_country"] == "ISR"),
    ({"located_in": "BRA"}, lambda e: e["location_country"] == "BRA"),
    ({"code": "04"}, lambda e: e["code"].startswith("04")),
    ({"code": "111,1721"}, lambda e: e["code"].startswith(("111", "1721"))),
    ({"plover": "accuse"}, lambda e: e["plover_type"] == "ACCUSE"),
    ({"quad_class": "3,4"}, lambda e: e["quad_class"] in (3, 4)),
    (
        {"since": "2024-06-01", "until": "2024-09-30"},
        lambda e: (
            e["event_date"] is not None
            and dt.date(2024, 6, 1) <= e["event_date"] <= dt.date(2024, 9, 30)
        ),
    ),
    (
        {"since": "2024-06-11", "date_of": "document"},
        lambda e: e["document_date"] is not None and e["document_date"] >= dt.date(2024, 6, 11),
    ),
    ({"precision": "month"}, lambda e: e["date_granularity"] == "month"),
    ({"modality": "reported,future"}, lambda e: e["modality"] in ("reported", "future")),
    ({"story": "st-cf213b024a414b55"}, lambda e: e["story_id"] == "st-cf213b024a414b55"),
    ({"document": "wire-2024-0003"}, lambda e: e["document_id"] == "wire-2024-0003"),
    (
        {"text": ["Coast Guard", "islands"]},
        lambda e: (
            "coast guard" in e["sentence_text"].lower() and "islands" in e["sentence_text"].lower()
        ),
    ),
]


@pytest.mark.parametrize(("filters", "keep"), CASES, ids=[str(c[0]) for c in CASES])
def test_each_filter_keeps_what_it_says(examples_db, stored, filters, keep):
    expected = [e["event_id"] for e in stored if counted(e) and keep(e)]
    everything = [e["event_id"] for e in stored if counted(e)]
    assert expected and len(expected) < len(everything), "the examples must exercise the filter"
    with EventDatabase(examples_db) as db:
        got = [row[0] for row in db.events(["event_id"], **filters).fetchall()]
    assert got == expected  # the same events, in stored order


def test_negated_and_repeats_are_left_out_unless_asked(examples_db, stored):
    with EventDatabase(examples_db) as db:
        default = {r[0] for r in db.events(["event_id"]).fetchall()}
        only = {r[0] for r in db.events(["event_id"], negated="only", repeats=True).fetchall()}
        every = db.events(["event_id"], negated="include", repeats=True).fetchall()
        repeats = {
            r[0] for r in db.events(["event_id"], repeats=True, document=REPOST_ID).fetchall()
        }
    assert default == {e["event_id"] for e in stored if counted(e)}
    assert only == {e["event_id"] for e in stored if e["negated"]} and only
    assert len(every) == len(stored)
    assert repeats and all(
        e["repeat_of"] for e in stored if e["event_id"] in repeats and e["document_id"] == REPOST_ID
    )
    assert not repeats & default


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"code": "4x"}, "code: '4X' is not a CAMEO code"),
        ({"country": "China"}, "country: 'CHINA' is not an ISO alpha-3 code"),
        ({"plover": "HUG"}, "plover: 'HUG' is not one of ACCUSE"),
        ({"quad_class": "5"}, "quad class '5' is not 1"),
        ({"since": "last week"}, "since: bad date 'last week'"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "is after until"),
        ({"modality": "maybe"}, "modality: 'maybe' is not one of asserted"),
        ({"colour": "red"}, "unknown filter colour"),
    ],
)
def test_bad_filters_are_named_errors(filters, message):
    with pytest.raises(ParleyError, match=message):
        EventFilter.of(**filters)


def test_unknown_column_is_a_named_error(examples_db):
    with EventDatabase(examples_db) as db, pytest.raises(ParleyError, match="no column colour"):
        db.events(["source", "colour"])
