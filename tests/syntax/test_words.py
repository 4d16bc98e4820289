import pytest

from parley.syntax.words import split_tokens
from parley.text.tokens import tokenise


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Japan's envoy", ["Japan", "'s", "envoy"]),
        ("Japan’s envoy", ["Japan", "’s", "envoy"]),
        ("they didn't", ["they", "did", "n't"]),
        ("we can't", ["we", "ca", "n't"]),
        ("Seoul won't", ["Seoul", "wo", "n't"]),
        ("we cannot", ["we", "can", "not"]),
        ("They're here", ["They", "'re", "here"]),
        ("the Allies' plan", ["the", "Allies", "'", "plan"]),
        ("a U.S.-led force", ["a", "U.S.", "-", "led", "force"]),
        ("a Trump-Kim summit", ["a", "Trump", "-", "Kim", "summit"]),
        ("it's", ["it", "'s"]),
    ],
)
def test_tokens_split_into_ud_words(text, words):
    assert [p.text for p in split_tokens(tokenise(text))] == words


def test_words_keep_offsets_into_the_text_and_their_token():
    text = "Then Japan's U.S.-led allies didn't."
    tokens = tokenise(text, 100)
    pieces = split_tokens(tokens)
    for piece in pieces:
        assert text[piece.start - 100 : piece.end - 100] == piece.text
        token = tokens[piece.token]
        assert token.start <= piece.start and piece.end <= token.end
