import pytest

from parley.ingest.hyphens import Dehyphenator
from parley.ingest.reflow import looks_hard_wrapped, reflow


@pytest.fixture(scope="module")
def words() -> Dehyphenator:
    return Dehyphenator.english()


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("inter", "national", "international"),  # the word list knows the word
        ("nego", "tiations", "negotiations"),  # and its inflections
        ("long", "range", "long-range"),  # the word list knows the compound
        ("re", "election", "re-election"),  # same-vowel prefix keeps its hyphen
        ("co", "operation", "co-operation"),
        ("Koiz", "umi", "Koiz-umi"),  # no evidence: nothing is invented
    ],
)
def test_dehyphenation_uses_word_evidence(words, left, right, expected):
    assert words.join(left, right) == expected


def test_the_document_own_spelling_wins(words):
    assert words.join("inter", "national", {"inter-national"}) == "inter-national"
    assert words.join("Koiz", "umi", {"koizumi"}) == "Koizumi"


WRAPPED = """\
Ministers from the alliance met in Brussels on Wednesday and agreed on a new inter-
national framework for arms control, officials said after talks that ran late into the
night. The agreement follows months of difficult nego-
tiations and a contested re-
election in one member state, and covers long-
range missiles deployed near the border.
Policy Brief | Page 2
The second paragraph starts on a new page and it is long enough to fill the whole line
but it does not end here because the page ends in the middle of the
3

sentence, which goes on after the page number at the top of the next page of the
text.
Short closing line.
"""


def test_reflow_rebuilds_paragraphs(words):
    assert looks_hard_wrapped(WRAPPED)
    assert reflow(WRAPPED, words).split("\n\n") == [
        "Ministers from the alliance met in Brussels on Wednesday and agreed on a new "
        "international framework for arms control, officials said after talks that ran late "
        "into the night. The agreement follows months of difficult negotiations and a "
        "contested re-election in one member state, and covers long-range missiles deployed "
        "near the border.",
        "The second paragraph starts on a new page and it is long enough to fill the whole "
        "line but it does not end here because the page ends in the middle of the sentence, "
        "which goes on after the page number at the top of the next page of the text.",
        "Short closing line.",
    ]


def test_paragraph_per_line_text_is_not_hard_wrapped():
    text = "\n\n".join(["A whole paragraph on one line. " * 8] * 6)
    assert not looks_hard_wrapped(text)


def test_repeated_running_headers_are_dropped(words):
    fillers = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]
    pages = [
        "The Quarterly Review\n"
        + "".join(
            f"a line of body text about {w} {v} that runs on to the very end\n"
            for v in ("one", "two")
        )
        for w in fillers[:3]
    ]
    cleaned = reflow("".join(pages), words)
    assert "Quarterly Review" not in cleaned and cleaned.count("body text") == 6
