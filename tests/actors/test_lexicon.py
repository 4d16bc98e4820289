import datetime as dt

import pytest

from parley.actors.matcher import PhraseMatcher
from parley.actors.petrarch import Phrase
from parley.text.segment import segment


def codes(dictionaries, text, day=dt.date(2004, 11, 20)):
    sentence = segment(text)[0]
    return [(m.text, m.code) for m in dictionaries.actors.mentions(sentence, day)]


def test_matcher_prefers_longest_phrase_and_stems():
    matcher: PhraseMatcher[str] = PhraseMatcher()
    matcher.add(Phrase(("NORTH", "KOREA"), False), "PRK")
    matcher.add(Phrase(("KOREA",), False), "KOR")
    matcher.add(Phrase(("ARGENTIN",), True), "ARG")
    found = matcher.find_all(["NORTH", "KOREA", "AND", "ARGENTINIAN", "KOREA"])
    assert [(m.start, m.end, m.payloads) for m in found] == [
        (0, 2, ["PRK"]),
        (3, 4, ["ARG"]),
        (4, 5, ["KOR"]),
    ]
    assert matcher.find_all(["ARGENT"]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan protested.", [("Japan", "JPN")]),
        ("Japan’s foreign minister spoke.", [("Japan’s foreign minister", "JPNGOV")]),
        ("The Chinese military moved.", [("Chinese military", "CHNMIL")]),
        ("North Korea and South Korea met.", [("North Korea", "PRK"), ("South Korea", "KOR")]),
        ("The U.S. protested.", [("The U.S.", "USA")]),
        (
            "Prime Minister Junichiro Koizumi spoke.",
            [("Prime Minister Junichiro Koizumi", "JPNGOV")],
        ),
    ],
)
def test_mentions_compose_countries_and_agents(dictionaries, text, expected):
    assert codes(dictionaries, text) == expected


def test_roles_follow_the_document_date(dictionaries):
    text = "Junichiro Koizumi spoke."
    assert codes(dictionaries, text, dt.date(2004, 1, 1)) == [("Junichiro Koizumi", "JPNGOV")]
    assert codes(dictionaries, text, dt.date(2010, 1, 1)) == [("Junichiro Koizumi", "JPNELI")]


def test_mentions_carry_dictionary_provenance_and_document_spans(dictionaries):
    text = "Intro sentence here. Japan protested."
    sentence = segment(text)[1]
    (mention,) = dictionaries.actors.mentions(sentence, None)
    assert text[mention.span.start : mention.span.end] == "Japan"
    assert mention.entries[0].startswith("Phoenix.Countries.actors.txt:")
