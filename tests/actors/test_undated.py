"""Office holders in documents with no date, or an inferred one: titles the text gives
are kept (sentences written for these tests)."""

import datetime as dt

import pytest

from parley.actors.entries import DatedCode, code_on
from parley.api import find_actors

KONO = "Foreign Minister Taro Kono"


def coded(dictionaries, text, date=None):
    return [
        (m.text, m.code)
        for m in find_actors(text, date, dictionaries=dictionaries)
        if m.role == "actor"
    ]


def test_without_a_date_an_office_not_ended_is_the_reading():
    held = (DatedCode("XYZGOV", dt.date(2001, 1, 1)), DatedCode("XYZELI"))
    ended = (DatedCode("XYZGOV", dt.date(2001, 1, 1), dt.date(2005, 1, 1)), DatedCode("XYZELI"))
    assert (code_on(held, None), code_on(ended, None)) == ("XYZGOV", "XYZELI")


def test_without_a_date_a_titled_person_is_coded_by_the_title(dictionaries):
    text = "Foreign Minister Taro Kono met Putin. Later Kono flew home."
    assert coded(dictionaries, text) == [
        ("Foreign Minister Taro Kono", "JPNGOV"),
        ("Putin", "RUSGOV"),
        ("Kono", "JPNGOV"),  # the title's code follows the surname
    ]


def test_without_a_date_a_bare_surname_is_who_governs_a_country_named(dictionaries):
    # read as recent news: the people in office now, of the countries the text names
    text = "Trump praised Kim on Tuesday. The United States and North Korea will meet."
    assert coded(dictionaries, text)[:2] == [("Trump", "USAGOV"), ("Kim", "PRKGOV")]
    # a surname no named country explains still waits for a title
    assert coded(dictionaries, "Trump praised Kim on Tuesday.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prime Minister Koizumi spoke.", [("Prime Minister Koizumi", "JPNGOV")]),
        ("Japan's Prime Minister Koizumi spoke.", [("Japan's Prime Minister Koizumi", "JPNGOV")]),
        # a title that no longer holds is no office
        ("The former Foreign Minister Taro Kono spoke.", [(KONO, "JPNELI")]),
        ("Ex-Prime Minister Koizumi spoke.", [("Minister Koizumi", "JPNELI")]),
    ],
)
def test_a_title_before_the_name_codes_a_person_out_of_office(dictionaries, text, expected):
    assert coded(dictionaries, text) == expected


def test_a_date_the_data_gave_outweighs_the_title(dictionaries):
    # Titles stay with people after office, by courtesy.
    assert coded(dictionaries, "Prime Minister Koizumi spoke.", "2015-06-01") == [
        ("Prime Minister Koizumi", "JPNELI")
    ]


def test_an_inferred_date_places_bare_surnames(dictionaries):
    text = "The summit was held in November 2004. Bush met Blair."
    assert coded(dictionaries, text) == [("Bush", "USAGOV"), ("Blair", "GBRGOV")]
