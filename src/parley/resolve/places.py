"""Event locations: a place the event's clause names, resolved with the gazetteer.

A place is a name of the gazetteer after a preposition of place (`in Santiago, Chile`,
`at Vladivostok`, `near Aleppo`), or a city or state after one of motion (`headed to
Vladivostok`; a country after `to` is more often whom something is done to: `protested
to China`). It belongs to the events of the clause whose verb it hangs from, as a time does
(`parley.resolve.clauses`), but not when it hangs from a noun (`a scholar at the
university in Vladivostok`). A name several places bear (`Santiago`, `Georgia`) is the
one its qualifier names (`Santiago, Chile`), else the one in a country the document
speaks of most, else the most populous.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from parley.document import Document, Place, Sentence, Span, Token
from parley.resolve.clauses import closest, phrase_rank, verb_word
from parley.resolve.gazetteer import Gazetteer, LazyGazetteer
from parley.text.tokens import phrase_key

_WHERE = frozenset(
    {"IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "AROUND", "THROUGHOUT", "OVER"}
)
_WHITHER = frozenset({"TO", "INTO", "TOWARD", "TOWARDS"})
_MOST_WORDS = 5
# Actors whose names are no places (`advice to Bush`: not the town of Bush). Not
# organisations: the actor dictionaries file many regions and cities so (`Gaza`).
_NAMED = frozenset({"person"})


@dataclass(slots=True, frozen=True)
class PlaceMention:
    """A place a sentence names: tokens `[start, end)` (the qualifier included) and the
    gazetteer rows its name may be."""

    start: int
    end: int
    rows: tuple[int, ...]
    qualifier: tuple[int, ...] = ()  # rows of `Chile` in `Santiago, Chile`
    region: str = ""  # an admin region named so instead (`Perth, Scotland`), upper case


def place_mentions(
    sentence: Sentence, gazetteer: Gazetteer, people: Collection[int] = ()
) -> list[PlaceMention]:
    """The place names after prepositions of place or motion, left to right; not at
    tokens `people` (actors that are no places: `advice to Bush` is no town Bush)."""
    tokens, norms = sentence.tokens, [t.norm for t in sentence.tokens]
    found: list[PlaceMention] = []
    i = 0
    while i < len(norms):
        if norms[i] not in _WHERE and norms[i] not in _WHITHER:
            i += 1
            continue
        at = i + 2 if i + 1 < len(norms) and norms[i + 1] == "THE" else i + 1
        name = _longest(tokens, norms, at, gazetteer)
        if name is not None and any(t in people for t in range(at, name[0])):
            name = None
        if name is None:
            i += 1
            continue
        end, rows = name
        if norms[i] in _WHITHER:
            rows = [r for r in rows if gazetteer.places[r].kind != "country"]
        qualifier: list[int] = []
        region = ""
        if end + 1 < len(norms) and norms[end] == ",":
            after = _longest(tokens, norms, end + 1, gazetteer)
            regions = {gazetteer.places[r].admin1.upper() for r in rows}
            if after is not None:
                broader = [r for r in after[1] if gazetteer.places[r].kind in ("country", "state")]
                if broader:
                    qualifier, end = broader, after[0]
            elif norms[end + 1] in regions and tokens[end + 1].text[:1].isupper():
                region, end = norms[end + 1], end + 2
        if rows:
            found.append(PlaceMention(at, end, tuple(rows), tuple(qualifier), region))
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
        spoken, people = _context(doc, gazetteer)
        for event in doc.events:
            index = event.sentence_index
            sentence = doc.sentences[index]
            if index not in mentions:
                mentions[index] = place_mentions(sentence, gazetteer, people.get(index, ()))
            found = _event_place(sentence, event.verb_span, mentions[index])
            if found is None:
                continue
            event.location = choose(gazetteer, found, spoken)
            event.location_span = sentence.char_span(found.start, found.end)
            event.location_text = sentence.surface(found.start, found.end)
        return doc


def _context(doc: Document, gazetteer: Gazetteer) -> tuple[Counter[str], dict[int, set[int]]]:
    """The countries the document speaks of (mentions a country; not a name several
    countries' places bear, `Georgia`, which would vote for itself), and per sentence
    the tokens of persons (not agents: `protesters in Moscow` holds a place)."""

    found: dict[str, bool] = {}  # a document names its actors again and again

    def ambiguous(text: str) -> bool:
        if text not in found:
            key = phrase_key(text)
            found[text] = any(
                len({gazetteer.places[r].country for r in gazetteer.named(k)}) > 1
                for k in (key, key[-1:], key[-2:])
            )
        return found[text]

    spoken = Counter(m.country for m in doc.mentions if m.country and not ambiguous(m.text))
    people: dict[int, set[int]] = {}
    for m in doc.mentions:
        if m.kind in _NAMED:
            people.setdefault(m.sentence_index, set()).update(range(m.token_start, m.token_end))
    return spoken, people


def document_places(doc: Document, gazetteer: Gazetteer) -> list[tuple[str, Place]]:
    """Every place a document names, as written and as resolved (whether or not an
    event happened there): what the place-resolution benchmark scores."""
    spoken, people = _context(doc, gazetteer)
    found = []
    for sentence in doc.sentences:
        for mention in place_mentions(sentence, gazetteer, people.get(sentence.index, ())):
            written = sentence.surface(mention.start, mention.end)
            found.append((written, choose(gazetteer, mention, spoken)))
    return found


@dataclass(slots=True, frozen=True)
class FoundPlace:
    """A toponym of a text and the gazetteer place it resolves to: what `parley places`
    shows and the geoparsing benchmark scores. `start`/`end` index `Document.text` (the
    clean text), as every span does; the rest is the GeoNames place as the gazetteer has
    it (`kind`: city, state, country; `country`: ISO-3166 alpha-3)."""

    sentence_index: int
    start: int
    end: int
    text: str
    name: str
    geonames_id: int
    latitude: float
    longitude: float
    country: str
    kind: str
    admin1: str

    @classmethod
    def at(cls, sentence: Sentence, start: int, end: int, place: Place) -> FoundPlace:
        """The place named by tokens `[start, end)` of `sentence`."""
        span = sentence.char_span(start, end)
        return cls(
            sentence.index, span.start, span.end, sentence.surface(start, end), place.name,
            place.geonames_id, place.latitude, place.longitude, place.country, place.kind,
            place.admin1,
        )  # fmt: skip


def found_places(doc: Document, gazetteer: Gazetteer) -> list[FoundPlace]:
    """Every toponym the event-place rules find in a document (`place_mentions`, resolved
    by `choose` as an event's place is), whether or not an event happened there, in text
    order. A qualified name is two toponyms, each resolved: `Santiago, Chile` gives
    Santiago (in Chile) and Chile, since a reader (and a geoparsing gold set) sees two
    names there; an event's `location_text` keeps the whole phrase. A region the
    gazetteer lacks (`Perth, Scotland`) qualifies the place but is not listed."""
    spoken, people = _context(doc, gazetteer)
    found: list[FoundPlace] = []
    for sentence in doc.sentences:
        norms = [t.norm for t in sentence.tokens]
        for mention in place_mentions(sentence, gazetteer, people.get(sentence.index, ())):
            place = choose(gazetteer, mention, spoken)
            if not mention.qualifier and not mention.region:
                found.append(FoundPlace.at(sentence, mention.start, mention.end, place))
                continue
            # the same longest name `place_mentions` took, then `,` and the qualifier
            name = _longest(sentence.tokens, norms, mention.start, gazetteer)
            name_end = name[0] if name is not None else mention.end
            found.append(FoundPlace.at(sentence, mention.start, name_end, place))
            if mention.qualifier and name_end + 1 < mention.end:
                # `Atlanta, Georgia`: the Georgia Atlanta lies in, not the country
                holds = [r for r in mention.qualifier if _holds(gazetteer.places[r], place)]
                rows = tuple(holds) or mention.qualifier
                qualifier = choose(gazetteer, PlaceMention(name_end + 1, mention.end, rows), spoken)
                found.append(FoundPlace.at(sentence, name_end + 1, mention.end, qualifier))
    return found


def _holds(broader: Place, place: Place) -> bool:
    """Whether `place` lies in the country or state `broader`."""
    if broader.kind == "country":
        return broader.country == place.country
    return broader.country == place.country and broader.name == place.admin1


def _event_place(
    sentence: Sentence, verb_span: Span, found: list[PlaceMention]
) -> PlaceMention | None:
    if not found or not sentence.words:
        return None
    words = sentence.words
    verb = verb_word(words, verb_span.start)
    if verb is None:
        return None

    def rank(place: PlaceMention, chain: list[int]) -> int | None:
        """Hanging from the verb or a clause head: `the university in X` is no venue."""
        near = phrase_rank(words, place.start, place.end, verb, chain)
        return near if near is not None and near % 2 == 0 else None

    return closest(words, verb, found, rank)


def choose(gazetteer: Gazetteer, mention: PlaceMention, spoken: Counter[str]) -> Place:
    """The place a name stands for: the one its qualifier names, else one in a country
    the document speaks of (the more mentions the better), else the most populous."""
    broader = {gazetteer.places[r].country for r in mention.qualifier}
    states = {gazetteer.places[r].name for r in mention.qualifier}

    def score(row: int) -> tuple[int, int, float]:
        place = gazetteer.places[row]
        qualified = (
            place.country in broader
            or place.admin1 in states
            or (bool(mention.region) and place.admin1.upper() == mention.region)
        )
        return (qualified, min(spoken[place.country], 3), math.log10(1 + gazetteer.population[row]))

    return gazetteer.places[max(mention.rows, key=score)]
