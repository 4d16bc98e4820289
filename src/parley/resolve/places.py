"""Event locations: a place the event's clause names, resolved with the gazetteer.

A place is a name of the gazetteer after a preposition of place (`in Santiago, Chile`,
`at Vladivostok`, `near Aleppo`), or a city or state after one of motion (`headed to
Vladivostok`; a country after `to` is more often whom something is done to: `protested
to China`). It belongs to the events of the clause it hangs from, as a time does
(`parley.resolve.clauses`). A name several places bear (`Santiago`, `Georgia`) is the
one its qualifier names (`Santiago, Chile`), else the one in a country the document
speaks of most, else the most populous.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from parley.document import Document, Place, Sentence, Span, Token
from parley.resolve.clauses import clause_chain, phrase_rank, verb_word
from parley.resolve.gazetteer import Gazetteer, LazyGazetteer

_WHERE = frozenset(
    {"IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "AROUND", "THROUGHOUT", "OVER"}
)
_WHITHER = frozenset({"TO", "INTO", "TOWARD", "TOWARDS"})
_MOST_WORDS = 5


@dataclass(slots=True, frozen=True)
class PlaceMention:
    """A place a sentence names: tokens `[start, end)` (the qualifier included) and the
    gazetteer rows its name may be."""

    start: int
    end: int
    rows: tuple[int, ...]
    qualifier: tuple[int, ...] = ()  # rows of `Chile` in `Santiago, Chile`


def place_mentions(sentence: Sentence, gazetteer: Gazetteer) -> list[PlaceMention]:
    """The place names after prepositions of place or motion, left to right."""
    tokens, norms = sentence.tokens, [t.norm for t in sentence.tokens]
    found: list[PlaceMention] = []
    i = 0
    while i < len(norms):
        if norms[i] not in _WHERE and norms[i] not in _WHITHER:
            i += 1
            continue
        at = i + 2 if i + 1 < len(norms) and norms[i + 1] == "THE" else i + 1
        name = _longest(tokens, norms, at, gazetteer)
        if name is None:
            i += 1
            continue
        end, rows = name
        if norms[i] in _WHITHER:
            rows = [r for r in rows if gazetteer.places[r].kind != "country"]
        qualifier: list[int] = []
        if end + 1 < len(norms) and norms[end] == ",":
            after = _longest(tokens, norms, end + 1, gazetteer)
            if after is not None:
                broader = [r for r in after[1] if gazetteer.places[r].kind in ("country", "state")]
                if broader:
                    qualifier, end = broader, after[0]
        if rows:
            found.append(PlaceMention(at, end, tuple(rows), tuple(qualifier)))
        i = end
    return found


def _longest(
    tokens: Sequence[Token], norms: Sequence[str], at: int, gazetteer: Gazetteer
) -> tuple[int, list[int]] | None:
    """(end, rows) of the longest capitalised gazetteer name starting at token `at`."""
    if at >= len(norms) or not tokens[at].text[:1].isupper():
        return None
    for end in range(min(len(norms), at + _MOST_WORDS), at, -1):
        rows = gazetteer.named(tuple(norms[at:end]))
        if rows:
            return end, list(rows)
    return None


@dataclass(slots=True)
class ResolvePlaces:
    """Stage: give each event the place its clause names, if any."""

    gazetteer: LazyGazetteer = field(default_factory=LazyGazetteer)
    name: str = "resolve places"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        gazetteer = self.gazetteer.get()
        mentions: dict[int, list[PlaceMention]] = {}
        spoken = Counter(m.country for m in doc.mentions if m.country)
        for event in doc.events:
            sentence = doc.sentences[event.sentence_index]
            if event.sentence_index not in mentions:
                mentions[event.sentence_index] = place_mentions(sentence, gazetteer)
            found = _event_place(sentence, event.verb_span, mentions[event.sentence_index])
            if found is None:
                continue
            start, end = sentence.tokens[found.start].start, sentence.tokens[found.end - 1].end
            event.location = choose(gazetteer, found, spoken)
            event.location_span, event.location_text = Span(start, end), doc.text[start:end]
        return doc


def _event_place(
    sentence: Sentence, verb_span: Span, found: list[PlaceMention]
) -> PlaceMention | None:
    if not found or not sentence.words:
        return None
    words = sentence.words
    verb = verb_word(words, verb_span.start)
    if verb is None:
        return None
    chain = clause_chain(words, verb)
    ranked = [
        (rank, abs(p.start - words[verb].token), p)
        for p in found
        if (rank := phrase_rank(words, p.start, p.end, verb, chain)) is not None
    ]
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def choose(gazetteer: Gazetteer, mention: PlaceMention, spoken: Counter[str]) -> Place:
    """The place a name stands for: the one its qualifier names, else one in a country
    the document speaks of (the more mentions the better), else the most populous."""
    broader = {gazetteer.places[r].country for r in mention.qualifier}
    states = {gazetteer.places[r].name for r in mention.qualifier}

    def score(row: int) -> tuple[int, int, float]:
        place = gazetteer.places[row]
        qualified = place.country in broader or place.admin1 in states
        return (qualified, min(spoken[place.country], 3), math.log10(1 + gazetteer.population[row]))

    return gazetteer.places[max(mention.rows, key=score)]
