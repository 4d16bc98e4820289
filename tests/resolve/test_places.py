"""Which place an event happened in, on sentences written for these tests, and the
place-resolution accuracy on the project's own set (`tests/data/places.jsonl`)."""

import json
from pathlib import Path

import pytest

import parley
from parley.api import code_document
from parley.document import Document
from parley.resolve.places import document_places

PLACES = Path(__file__).resolve().parents[1] / "data" / "places.jsonl"


def located(dictionaries, text, date="2024-06-01"):
    return sorted(
        (e.source, e.code, e.target,
         (e.location.name, e.location.country, e.location.kind) if e.location else None,
         e.location_text)
        for e in parley.code_text(text, date, dictionaries=dictionaries)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "place", "written"),
    [
        # a qualifier picks the Santiago of Chile
        (
            "Japan and China met in Santiago, Chile on Wednesday.",
            ("Santiago", "CHL", "capital"),
            "Santiago, Chile",
        ),
        # a place the event's clause continues from (`headed to … to huddle`)
        (
            "Kim Jong Un headed to Vladivostok to huddle with Vladimir Putin.",
            ("Vladivostok", "RUS", "city"),
            "Vladivostok",
        ),
        # a country after `in` is where it happened
        ("Japan and China held talks in Vietnam.", ("Vietnam", "VNM", "country"), "Vietnam"),
    ],
)
def test_an_event_is_located_where_its_clause_says(dictionaries, text, place, written):
    found = located(dictionaries, text, "2019-04-26")
    assert found and all(f[3:] == (place, written) for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Japan protested to China.",  # `to` a country: whom, not where
        "Japan gave advice to Bush.",  # a person, not the town of Bush in Egypt
        # a university's town is not where the event happened
        "Japan praised China, said a scholar at a university in Vladivostok.",
    ],
)
def test_no_place_is_given_where_the_text_gives_none(dictionaries, text):
    # 2004: `Bush` names the president (by 2024 no Bush holds an office to be named by)
    assert all(f[3] is None for f in located(dictionaries, text, "2004-06-01"))


def test_the_speakers_place_is_not_the_place_of_what_it_reports(dictionaries):
    events = parley.code_text("Japan said in Tokyo that China will help Vietnam.", "2024-06-01",
                              dictionaries=dictionaries)  # fmt: skip
    (helping,) = [e for e in events if e.verb_text == "help"]
    assert (helping.source, helping.target, helping.location) == ("CHN", "VNM", None)


def test_an_ambiguous_name_is_the_place_in_the_documents_countries(dictionaries):
    georgia_us = "The United States sent aid to Texas. Storms killed farmers in Georgia."
    georgia = "Russia and Georgia fought. Russian troops attacked farmers in Georgia."
    gazetteer = dictionaries.gazetteer.get()
    for text, country in ((georgia_us, "USA"), (georgia, "GEO")):
        doc = code_document(Document(id="d", origin="t", format="text", raw=text),
                            dictionaries, "2024-06-01")  # fmt: skip
        found = [(w, p.country) for w, p in document_places(doc, gazetteer) if w == "Georgia"]
        assert found == [("Georgia", country)]


def test_place_resolution_on_the_projects_set_keeps_its_floor(dictionaries):
    gazetteer = dictionaries.gazetteer.get()
    records = [json.loads(line) for line in PLACES.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 50
    right = 0
    for n, record in enumerate(records):
        doc = code_document(Document(id=f"p{n}", origin="t", format="text", raw=record["text"]),
                            dictionaries, "2024-06-01")  # fmt: skip
        found = [p.country for w, p in document_places(doc, gazetteer)
                 if w.startswith(record["place"])]  # fmt: skip
        right += bool(found) and found[0] == record["country"]
    assert right / len(records) >= 0.95  # measured 60/60 (benchmarks/places.py)
