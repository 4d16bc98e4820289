"""Character repair: the text every span points into."""

import pytest

from parley.ingest.clean import normalise_characters, repair_mojibake


@pytest.mark.parametrize(
    ("mangled", "meant"),
    [
        ("the partyâ€™s leader", "the party’s leader"),
        ("â€œno commentâ€\u009d", "“no comment”"),
        ("cafÃ© owners", "café owners"),
        ("ten\u00c2\u00a0days", "ten\u00a0days"),
    ],
)
def test_utf8_read_as_cp1252_is_repaired(mangled, meant):
    assert repair_mojibake(mangled) == meant


@pytest.mark.parametrize("text", ["Âge and âme stay", "plain text", "Ã is a letter too"])
def test_text_that_is_no_mojibake_is_left_alone(text):
    assert repair_mojibake(text) == text


def test_repaired_quotes_are_then_made_straight():
    assert normalise_characters("the partyâ€™s â€œleaderâ€\u009d") == "the party's \"leader\""
