"""Time expressions that date no event (`parley.resolve.periods`), as `parley.find_times`
lists them beside the dating ones, on sentences written for these tests."""

import pytest

import parley

DAY = "1999-11-03"  # a Wednesday in the fourth quarter


def times(text: str, dictionaries, date: str | None = DAY) -> list[tuple[str, str, str]]:
    found = parley.find_times(text, date, dictionaries=dictionaries)
    return [(t.text, t.kind, t.value) for t in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike lasted two years.", ("two years", "DURATION", "P2Y")),
        ("It signed a 10-year lease.", ("10-year", "DURATION", "P10Y")),
        ("Talks went on for nearly forty years.", ("nearly forty years", "DURATION", "P40Y")),
        ("They waited more than four hours.", ("more than four hours", "DURATION", "PT4H")),
        ("It took 2 1/2 years to build.", ("2 1/2 years", "DURATION", "P2.5Y")),
        ("Sales rose over the past two months.", ("the past two months", "DURATION", "P2M")),
        ("It earned more in the first nine months.", ("the first nine months", "DURATION", "P9M")),
        ("Prices have risen for a few days.", ("a few days", "DURATION", "PXD")),
        ("Rebels now hold the town.", ("now", "DATE", "PRESENT_REF")),
        ("The army recently left.", ("recently", "DATE", "PAST_REF")),
        ("Profit fell in the third quarter.", ("the third quarter", "DATE", "1999-Q3")),
        ("Third-quarter profit fell.", ("Third-quarter", "DATE", "1999-Q3")),
        ("Profit fell in the quarter.", ("the quarter", "DATE", "1999-Q3")),
        ("Sales fell from a year earlier.", ("a year earlier", "DATE", "1998")),
        ("The plant opened in the late 1970s.", ("the late 1970s", "DATE", "197")),
        ("It was built in the 20th century.", ("the 20th century", "DATE", "19")),
        ("Prices peaked in mid-November.", ("mid-November", "DATE", "1999-11")),
        ("Troops will leave this summer.", ("this summer", "DATE", "1999-SU")),
        ("Shelling resumed this morning.", ("this morning", "TIME", "1999-11-03TMO")),
        ("The council meets every July.", ("every July", "SET", "XXXX-07")),
        ("The treaty of 1990 still holds.", ("1990", "DATE", "1990")),
        (
            "Sales fell in the second quarter of 1996.",
            ("the second quarter of 1996", "DATE", "1996-Q2"),
        ),
        ("Sales fell in the 1996 second quarter.", ("the 1996 second quarter", "DATE", "1996-Q2")),
        (
            "Output rose in this year's third quarter.",
            ("this year's third quarter", "DATE", "1999-Q3"),
        ),
        (
            "Output will rise in next year's first quarter.",
            ("next year's first quarter", "DATE", "2000-Q1"),
        ),
        ("The current system will stay.", ("current", "DATE", "PRESENT_REF")),
        ("A recent survey found little.", ("recent", "DATE", "PAST_REF")),
        ("Prices rose in recent years.", ("recent years", "DURATION", "PXY")),
    ],
)
def test_a_period_is_found_with_its_type_and_value(dictionaries, text, expected):
    assert expected in times(text, dictionaries)


@pytest.mark.parametrize(
    "text",
    [
        "It cost $1990 to fix.",  # an amount, not a year
        "Sales rose 12 percent.",
        "They met a year ago.",  # dates an event: `parley.resolve.times`, one expression
    ],
)
def test_no_period_where_the_words_are_no_time_or_another_kind(dictionaries, text):
    assert [t for t in times(text, dictionaries) if t[1] != "DATE" or t[0] == "1990"] == []


def test_a_dating_expression_is_listed_once_with_its_first_day(dictionaries):
    (ago,) = parley.find_times("They met a year ago.", DAY, dictionaries=dictionaries)
    assert (ago.text, ago.kind, ago.value, ago.granularity) == (
        "a year ago",
        "DATE",
        "1998",
        "year",
    )
    (months,) = parley.find_times("They talked for six months.", DAY, dictionaries=dictionaries)
    assert (months.date, months.granularity) == (None, None)


def test_without_a_date_a_quarter_keeps_its_unknown_year(dictionaries):
    assert ("the third quarter", "DATE", "XXXX-Q3") in times(
        "Profit fell in the third quarter.", dictionaries, date=None
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Officials met on Monday.", "1999-11-01"),  # news reports the past
        ("Officials will meet on Monday.", "1999-11-08"),  # unless the sentence says not
    ],
)
def test_a_weekday_without_a_verb_goes_the_way_its_sentence_does(dictionaries, text, value):
    (monday,) = parley.find_times(text, DAY, dictionaries=dictionaries)
    assert monday.value == value


def test_a_year_back_from_a_quarter_is_that_quarter_a_year_before(dictionaries):
    text = "Profit rose in the third quarter. Sales were flat from a year earlier."
    found = times(text, dictionaries)
    assert ("a year earlier", "DATE", "1998-Q3") in found
    text = "Profit rose in the third quarter. It fell in the 1997 period and last year's quarter."
    found = times(text, dictionaries)
    assert ("the 1997 period", "DATE", "1997-Q3") in found
    assert ("last year's quarter", "DATE", "1998-Q3") in found
    assert ("a year earlier", "DATE", "1998") in times(
        "Sales were flat from a year earlier.", dictionaries
    )


@pytest.mark.parametrize(
    ("date", "value"),
    [
        ("1999-11-01", "1999-W43-WE"),  # a Monday: the weekend just gone
        ("1999-11-03", "1999-W43-WE"),  # a Wednesday
        ("1999-11-04", "1999-W44-WE"),  # a Thursday: the one to come
    ],
)
def test_the_weekend_is_the_nearer_one(dictionaries, date, value):
    found = times("Crowds came over the weekend.", dictionaries, date)
    assert ("the weekend", "DATE", value) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It lasted ② years, then two years.", [("two years", "DURATION", "P2Y")]),
        ("It lasted ٣ years, then two years.", [("two years", "DURATION", "P2Y")]),
        ("A ٣-year lease ran for ² months.", []),
        ("Profit fell in the ١٩٨٨ quarter.", []),
        ("Profit fell in fiscal ٢٠٢٤ and in fiscal 1998.", [("fiscal 1998", "DATE", "1998")]),
        ("It dates from the ٣rd century.", []),
        ("Sales fell from ٣ years earlier.", []),
    ],
)
def test_only_ascii_digits_count_or_date(dictionaries, text, expected):
    assert times(text, dictionaries) == expected
