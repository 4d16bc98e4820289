"""Which time dates which event, on sentences written for these tests (document date
2004-11-18, a Thursday)."""

import pytest

import parley


def dated(dictionaries, text, date="2004-11-18"):
    return sorted(
        (e.source, e.code, e.target, e.event_date.isoformat(), e.date_granularity,
         e.date_source, e.date_text)
        for e in parley.code_text(text, date, dictionaries=dictionaries)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the time in the event's own clause
        (
            "Japan and China met on Wednesday.",
            [
                ("CHN", "040", "JPN", "2004-11-17", "day", "text", "Wednesday"),
                ("JPN", "040", "CHN", "2004-11-17", "day", "text", "Wednesday"),
            ],
        ),
        # the tense picks the last September or the next
        (
            "Japan will meet China in September.",
            [("JPN", "040", "CHN", "2005-09-01", "month", "text", "September")],
        ),
        # a clause that continues the dated one is dated too
        (
            "Japan met China on Wednesday to discuss the dispute with Vietnam.",
            [("JPN", "040", "CHN", "2004-11-17", "day", "text", "Wednesday")],
        ),
        # the speaker's day is not the reported act's: the attack is in September
        (
            "China attacked Vietnam in September, Japan said on Wednesday.",
            [("CHN", "190", "VNM", "2004-09-01", "month", "text", "September")],
        ),
        # `a year since` dates what follows it
        (
            "It is a year since Russia attacked Georgia.",
            [("RUS", "190", "GEO", "2003-01-01", "year", "text", "a year since")],
        ),
    ],
)
def test_an_event_takes_the_time_of_its_clause(dictionaries, text, expected):
    assert dated(dictionaries, text) == expected


def test_a_time_in_another_clause_does_not_date_the_event(dictionaries):
    text = "Japan, which met China in September, attacked Vietnam."
    assert dated(dictionaries, text) == [
        ("JPN", "040", "CHN", "2004-09-01", "month", "text", "September"),
        ("JPN", "190", "VNM", "2004-11-18", "day", "document", ""),
    ]


def test_the_time_keeps_its_span_in_the_document(dictionaries):
    text = "Intro. Japan and China met on 4 November."
    (event, _) = parley.code_text(text, "2004-11-18", dictionaries=dictionaries)
    assert text[event.date_span.start : event.date_span.end] == "4 November"
    assert event.date_label() == "2004-11-04"


def test_without_any_date_an_event_has_none(dictionaries):
    (event, _) = parley.code_text("Japan and China met on Wednesday.", None,
                                  dictionaries=dictionaries)  # fmt: skip
    assert (event.event_date, event.date_source) == (None, "none")


def test_a_time_hanging_from_the_verb_beats_a_dateline(dictionaries):
    text = "GENEVA, Oct. 18 — Japan protested to China on Thursday."
    assert dated(dictionaries, text, "2024-10-20") == [
        ("JPN", "140", "CHN", "2024-10-17", "day", "text", "Thursday")
    ]
