"""Syntactic words: the units a parser attaches, cut from the tokens dictionaries match.

Dictionary matching wants `Japan's` and `didn't` whole (one token, normalised to `JAPAN`
and `DIDN'T`); Universal Dependencies, on which the parser was trained, wants the
possessive and the negation as words of their own (`Japan` `'s`, `did` `n't`) and splits
hyphenated compounds (`US` `-` `led`). Every word keeps its character offsets and the
index of the token it came from, so the two views stay linked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.document import Token

_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_NEGATION = re.compile(r"(?i)(n['’]t)$")
_CLITIC = re.compile(r"(?i)(['’](?:s|re|ve|ll|d|m))$|(?<=s)(['’])$")
_FUSED = {"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3}
_FUSED_SIZES = frozenset(len(word) for word in _FUSED)


@dataclass(slots=True)
class Piece:
    """A syntactic word's text and document offsets, and the token it belongs to.

    Not frozen: a frozen dataclass is built through `object.__setattr__`, and a news
    sentence makes dozens of these (a sixth of the analysis time, measured)."""

    text: str
    start: int
    end: int
    token: int


def _split_token(token: Token, index: int) -> list[Piece]:
    """The syntactic words of a token that may hold several (`index`: its position)."""
    pieces = []
    at = token.start
    for part in _HYPHEN.split(token.text):
        if at > token.start:
            pieces.append(Piece("-", at, at + 1, index))
            at += 1
        pieces += _split_word(part, at, index)
        at += len(part)
    return pieces


def _split_word(text: str, start: int, index: int) -> list[Piece]:
    cut = len(text)
    fused = _FUSED.get(text.lower())
    if fused is not None:
        cut = fused
    else:
        negation = _NEGATION.search(text)
        clitic = _CLITIC.search(text)
        found = negation or clitic
        if found is not None and found.start() > 0:
            cut = found.start()
    if cut == len(text):
        return [Piece(text, start, start + len(text), index)]
    return [
        Piece(text[:cut], start, start + cut, index),
        Piece(text[cut:], start + cut, start + len(text), index),
    ]


def split_tokens(tokens: list[Token]) -> list[Piece]:
    """Every syntactic word of a sentence, in order."""
    out = []
    for i, token in enumerate(tokens):
        text = token.text
        if (
            "-" in text
            or "'" in text
            or "’" in text
            or (len(text) in _FUSED_SIZES and text.lower() in _FUSED)
        ):
            out += _split_token(token, i)
        else:
            out.append(Piece(text, token.start, token.end, i))  # most words: nothing to cut
    return out
