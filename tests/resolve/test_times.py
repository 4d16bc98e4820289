"""Each time expression news uses, resolved against fixed document dates."""

import datetime as dt

import pytest

import parley
from parley.resolve.times import FUTURE, NEAREST, PAST, resolve_times, time_phrases
from parley.text.tokens import tokenise

BASE = dt.date(2004, 11, 18)  # a Thursday


def times(text, base=BASE, direction=PAST):
    tokens = tokenise(text)
    return [
        (text[tokens[t.start].start : tokens[t.end - 1].end], t.date.isoformat(), t.granularity)
        for t in resolve_times(time_phrases(tokens), base, direction)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on November 4.", ("November 4", "2004-11-04", "day")),
        ("They met on Nov. 4.", ("Nov. 4", "2004-11-04", "day")),
        ("They met on 4 November.", ("4 November", "2004-11-04", "day")),
        ("They met in September.", ("September", "2004-09-01", "month")),  # the past one
        ("They met in February.", ("February", "2004-02-01", "month")),
        ("They will meet next January.", ("next January", "2005-01-01", "month")),
        ("Talks have stalled since last May.", ("last May", "2004-05-01", "month")),
        ("Talks have stalled since May.", ("May", "2004-05-01", "month")),
        ("They met on Wednesday.", ("Wednesday", "2004-11-17", "day")),
        ("They met last Thursday.", ("last Thursday", "2004-11-11", "day")),
        ("They fought three years ago.", ("three years ago", "2001-01-01", "year")),
        ("They fought two months ago.", ("two months ago", "2004-09-01", "month")),
        ("They met yesterday.", ("yesterday", "2004-11-17", "day")),
        ("They met last week.", ("last week", "2004-11-08", "week")),
        ("They met earlier this month.", ("earlier this month", "2004-11-01", "month")),
        ("They met in 1999.", ("1999", "1999-01-01", "year")),
        ("They met on November 4, 2003.", ("November 4, 2003", "2003-11-04", "day")),
        ("They met in September 2001.", ("September 2001", "2001-09-01", "month")),
        # a weekday before its date: the date says which
        ("They met on Saturday, April 24.", ("Saturday, April 24", "2004-04-24", "day")),
    ],
)
def test_each_expression_resolves_against_the_document_date(text, expected):
    assert times(text) == [expected]


def test_a_year_since_dates_what_follows_it():
    (found,) = resolve_times(time_phrases(tokenise("It is a year since the war began.")), BASE)
    assert (found.date, found.granularity, found.dates_following) == (
        dt.date(2003, 1, 1), "year", True,
    )  # fmt: skip


def test_the_tense_picks_the_last_or_the_next_of_a_month_or_a_weekday():
    assert times("They will meet in September.", direction=FUTURE) == [
        ("September", "2005-09-01", "month")
    ]
    assert times("They will meet on Wednesday.", direction=FUTURE) == [
        ("Wednesday", "2004-11-24", "day")
    ]
    # the present tense takes the nearer: a summit opening on November 24 is next week's
    assert times("The summit opens on November 24.", direction=NEAREST) == [
        ("November 24", "2004-11-24", "day")
    ]
    # the same month as the document's, in the past tense, is this one
    assert times("They met in November.") == [("November", "2004-11-01", "month")]


def test_with_no_tense_to_go_by_a_month_gone_outweighs_one_to_come():
    # May 2004 lies 201 days back, May 2005 164 ahead: news reports the past
    assert times("Sales fell in May.", direction=NEAREST) == [("May", "2004-05-01", "month")]
    # January 2005 lies 44 days ahead, January 2004 322 back
    assert times("Sales fell in January.", direction=NEAREST) == [
        ("January", "2005-01-01", "month")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He may go.",  # the verb, not the month
        "May I ask?",
        "They met 2000 delegates.",  # a number, not a year
        "The March on Washington began.",  # a month only before a day or as a time
        "They met on February 30.",  # no such day
    ],
)
def test_what_is_no_time_is_not_taken_for_one(text):
    assert times(text) == []


def test_without_a_document_date_only_a_time_that_names_its_year_resolves():
    assert times("They met on November 4 and in May 2001.", base=None) == [
        ("May 2001", "2001-05-01", "month")
    ]


# `str.isdigit` holds for a superscript, a circled digit and an Arabic-Indic digit;
# `int` refuses the first two, and a TimeML value must carry none: only ASCII digits
# count as numbers, and the times around them still resolve.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They met on May 3², 2024 and again on June 9.", [("June 9", "2004-06-09", "day")]),
        ("It ends in ① days; they met on November 4.", [("November 4", "2004-11-04", "day")]),
        ("He left ² weeks ago, on Monday.", [("Monday", "2004-11-15", "day")]),
        ("He left ٣ weeks ago, two years ago.", [("two years ago", "2002-01-01", "year")]),
        ("In ①②③④ they met; in 1999 they parted.", [("1999", "1999-01-01", "year")]),
        ("They met on ٣ May in ٢٠٢٤, then in May 2001.", [("May 2001", "2001-05-01", "month")]),
    ],
)
def test_digits_other_than_ascii_are_no_number(text, expected):
    assert times(text) == expected


def test_a_footnote_mark_does_not_keep_a_document_from_its_times(dictionaries):
    text = (
        "Talks resumed on May 3², 2024 and on Monday. They will end in ① days, "
        "² weeks after ٣ rounds, by June 2024."
    )
    found = parley.find_times(text, "2024-05-10", dictionaries=dictionaries)
    values = {t.text: t.value for t in found}
    assert values["Monday"] == "2024-05-06" and values["June 2024"] == "2024-06"
    assert all(t.value.isascii() for t in found)
