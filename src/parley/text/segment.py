"""Sentence splitting tuned for news text.

Rules, not a model: a sentence ends at `.`, `!` or `?` (with closing quotes) followed by
space and a capital, a digit or an opening quote, unless the word before the period is a
known, capitalised abbreviation (`Dr.`, `Jan.`, `Gen.`; `he said no.` ends) or an initial;
paragraph breaks always end a sentence. Offsets are kept, so each sentence is a span of
the clean text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from parley.document import Document, Sentence, Token
from parley.limits import DEFAULT_LIMITS
from parley.text.tokens import ABBREVIATIONS, LOWER_CASE_ABBREVIATIONS, tokenise

_STARTERS = frozenset(
    """
    the a an in on at it he she they we i but and this that these those there his her its
    their our after before when while as if however meanwhile yet so for
    """.split()
)
_BOUNDARY_RE = re.compile(r"[.!?]+['\"”’)\]]*(?=\s)|\n[ \t]*\n")
_NEXT_RE = re.compile(r"\s+(['\"“‘(\[]?)(\w+)")


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith("\n"):
        return True
    nxt = _NEXT_RE.match(text, match.end())
    if nxt is None:
        return True
    word = nxt.group(2)
    if not (word[0].isupper() or word[0].isdigit() or nxt.group(1)):
        return False
    if not match.group().startswith("."):
        return True
    end = start = match.start()
    while start > 0 and not text[start - 1].isspace():  # back over the word, not the text
        start -= 1
    if start == end:
        return True
    prev = text[start:end].lstrip("(\"'“‘")
    if prev.lower() in ABBREVIATIONS and (prev[:1].isupper() or prev in LOWER_CASE_ABBREVIATIONS):
        return False
    if len(prev) == 1 and prev.isalpha() and prev.isupper():
        return False  # an initial: "C. Kenneth Quinones"
    if "." in prev:  # U.S., U.N.: a boundary only before a typical sentence opener
        return word.lower() in _STARTERS
    return True


def split_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield `(start, end)` of each sentence, trimmed of surrounding white space."""
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if not _is_boundary(text, match):
            continue
        end = match.start() if match.group().startswith("\n") else match.end()
        yield from _trimmed(text, start, end)
        start = match.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        yield start + lead, start + lead + len(stripped)


_BREAKS = frozenset(";,:")


def _pieces(tokens: list[Token], most: int) -> Iterator[list[Token]]:
    """`tokens` in pieces of at most `most`, each cut after the last `;`, `,` or `:` of
    its second half when there is one (`Limits.sentence_words`). Each piece is sliced
    once from the whole, so a hostile million-token "sentence" costs linear time."""
    start = 0
    while len(tokens) - start > most:
        cut = next(
            (
                k + 1
                for k in range(start + most - 1, start + most // 2, -1)
                if tokens[k].text in _BREAKS
            ),
            start + most,
        )
        yield tokens[start:cut]
        start = cut
    yield tokens[start:]


def segment(text: str, most_words: int = DEFAULT_LIMITS.sentence_words) -> list[Sentence]:
    """Split clean text into indexed sentences with tokens; a sentence of more than
    `most_words` tokens is cut into pieces of at most that many."""
    out: list[Sentence] = []
    for start, end in split_spans(text):
        tokens = tokenise(text[start:end], start)
        if len(tokens) <= most_words:  # nearly always: the sentence as it is
            out.append(Sentence(len(out), start, end, text[start:end], tokens))
            continue
        for piece in _pieces(tokens, most_words):
            s, e = piece[0].start, piece[-1].end
            out.append(Sentence(len(out), s, e, text[s:e], piece))
    return out


@dataclass(slots=True)
class Segment:
    """Stage: split the clean text into sentences and tokens."""

    most_words: int = DEFAULT_LIMITS.sentence_words
    name: str = "segment"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        doc.sentences = segment(doc.text, self.most_words)
        return doc
