"""Every place and time parley resolves in a text (`find_places`, `find_times`), on
sentences written for these tests: what the event stages find, listed whole."""

import datetime as dt

import pytest

import parley
from parley.resolve.times import timeml_value

SANTIAGO = "Protesters gathered in Santiago, Chile on Monday."


def test_a_qualified_place_is_two_toponyms_each_resolved(dictionaries):
    found = parley.find_places(SANTIAGO, "2024-06-05", dictionaries=dictionaries)
    assert [(p.text, p.name, p.kind, p.country) for p in found] == [
        ("Santiago", "Santiago", "capital", "CHL"),
        ("Chile", "Chile", "country", "CHL"),
    ]
    for place in found:
        assert SANTIAGO[place.start : place.end] == place.text
        assert place.sentence_index == 0 and place.geonames_id > 0
    santiago = found[0]
    assert santiago.latitude == pytest.approx(-33.45, abs=0.1)
    assert santiago.longitude == pytest.approx(-70.65, abs=0.1)


def test_a_state_qualifier_is_the_state_the_city_lies_in(dictionaries):
    found = parley.find_places(
        "Police in Atlanta, Georgia arrested him.", dictionaries=dictionaries
    )
    assert [(p.text, p.kind, p.country) for p in found] == [
        ("Atlanta", "city", "USA"),
        ("Georgia", "state", "USA"),
    ]


def test_a_region_qualifier_picks_the_smaller_place_that_lies_in_it(dictionaries):
    text = "The riots in Perth, Scotland ended."
    perth, scotland = parley.find_places(text, dictionaries=dictionaries)
    assert (text[perth.start : perth.end], perth.country) == ("Perth", "GBR")
    assert (scotland.text, scotland.kind, scotland.country) == ("Scotland", "region", "GBR")


def test_places_of_several_sentences_are_listed_in_text_order(dictionaries):
    text = "Talks were held in Vietnam. Then Japan sent aid to Vladivostok."
    found = parley.find_places(text, "2024-06-05", dictionaries=dictionaries)
    assert [(p.sentence_index, p.text, p.country) for p in found] == [
        (0, "Vietnam", "VNM"),
        (1, "Japan", "JPN"),
        (1, "Vladivostok", "RUS"),
    ]
    assert [text[p.start : p.end] for p in found] == ["Vietnam", "Japan", "Vladivostok"]


def test_a_person_is_no_place(dictionaries):
    # Bush is an actor (a person) in 2004: not the Egyptian town of that name
    found = parley.find_places("Japan gave advice to Bush.", "2004-11-20",
                               dictionaries=dictionaries)  # fmt: skip
    assert [p.text for p in found] == ["Japan"]


def test_spans_index_the_clean_text(dictionaries):
    raw = "Talks\u00ad were held in Cairo."  # the soft hyphen is cleaned away
    (cairo,) = parley.find_places(raw, dictionaries=dictionaries)
    assert "Talks were held in Cairo."[cairo.start : cairo.end] == "Cairo"
    assert raw[cairo.start : cairo.end] != "Cairo"


def test_every_time_is_resolved_against_the_date(dictionaries):
    text = "They met last week and will meet in September 2005. Three years ago it rained."
    found = parley.find_times(text, "2004-11-18", dictionaries=dictionaries)
    assert [(t.sentence_index, t.text, t.date, t.granularity, t.value) for t in found] == [
        (0, "last week", dt.date(2004, 11, 8), "week", "2004-W46"),
        (0, "September 2005", dt.date(2005, 9, 1), "month", "2005-09"),
        (1, "Three years ago", dt.date(2001, 1, 1), "year", "2001"),
    ]
    assert all(text[t.start : t.end] == t.text for t in found)


def test_a_weekday_is_a_day_of_the_documents_week(dictionaries):
    (monday,) = parley.find_times(SANTIAGO, "2024-06-05", dictionaries=dictionaries)
    assert (SANTIAGO[monday.start : monday.end], monday.value) == ("Monday", "2024-06-03")


def test_without_a_date_only_times_that_name_their_year_resolve(dictionaries):
    found = parley.find_times("They met on Monday and in 2003.", dictionaries=dictionaries)
    assert [(t.text, t.value) for t in found] == [("2003", "2003")]


@pytest.mark.parametrize(
    ("date", "granularity", "value"),
    [
        (dt.date(1998, 10, 27), "day", "1998-10-27"),
        (dt.date(1998, 10, 26), "week", "1998-W44"),
        (dt.date(2004, 12, 27), "week", "2004-W53"),  # the ISO year of the Monday
        (dt.date(2008, 12, 29), "week", "2009-W01"),
        (dt.date(1998, 10, 1), "month", "1998-10"),
        (dt.date(1998, 1, 1), "year", "1998"),
    ],
)
def test_a_time_is_written_as_timeml_writes_its_precision(date, granularity, value):
    assert timeml_value(date, granularity) == value
