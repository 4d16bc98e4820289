"""Places: every toponym of a text (`found_places`, what `parley places` lists), and an
event's location, both resolved with the gazetteer.

A toponym is a gazetteer name wherever it stands, unless it is a common word, a date or
part of a person's name (`toponym_mentions`), or a street or feature name
(`feature_mentions`). An event's place is narrower: a name after a preposition of place
(`in Santiago, Chile`, `at Vladivostok`, `near Aleppo`) or of motion (`headed to
Vladivostok`; a country after `to` is more often whom something is done to: `protested
to China`). It belongs to the events of the clause whose verb it hangs from, as a time
does (`parley.resolve.clauses`), but not when it hangs from a noun (`a scholar at the
university in Vladivostok`). A name several places bear (`Santiago`, `Georgia`) is the
one its qualifier names (`Santiago, Chile`), else the one with the most weight of
evidence from its size and kind and what the document says (`choose`).
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field

from parley.dates import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS
from parley.document import Document, Mention, Place, Sentence, Span, Token
from parley.resolve.clauses import closest, phrase_rank, verb_word
from parley.resolve.gazetteer import (
    LARGE,
    Gazetteer,
    LazyGazetteer,
    great_circle_km,
    spelled_out,
)
from parley.text.tokens import phrase_key

_WHERE = frozenset(
    {"IN", "AT", "NEAR", "INSIDE", "OUTSIDE", "ACROSS", "AROUND", "THROUGHOUT", "OVER"}
)
_WHITHER = frozenset({"TO", "INTO", "TOWARD", "TOWARDS"})
_MOST_WORDS = 5
_REGIONS = frozenset({"state", "region"})
_BROADER = frozenset({"country", *_REGIONS})  # what `Perth, Scotland` names second
_BROAD = frozenset({"continent", *_BROADER})
_TOWNS = frozenset({"city", "capital", "county"})
_LENDS = frozenset({"city", "county"})  # what lends its neighbours support (`_support`)
_NEWS = frozenset({"continent", "country", "state"})  # news beyond their size
_LIES_IN = frozenset({*_TOWNS, "state"})  # what a feature named after a place lies in
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?")
# evidence for a place, against log10 of its people (see `choose`)
COUNTRY_WEIGHT = 2.0
NEIGHBOUR_WEIGHT = 0.75
REGION_WEIGHT = 2.0
BROAD_WEIGHT = 2.0
REGION_DISCOUNT = 1.0
CAPITAL_WEIGHT = 3.0
NEAR_WEIGHT = 4.0  # a sure neighbour (see `_support`)
NEAR_MOST = 2.0  # neighbours' support counted at most
NEAR_KM = 80.0
SPELLING_RATIO = 0.85  # how alike another spelling of a name is (difflib's ratio)
ALIAS_DISCOUNT = 2.0  # a town a name calls by another name of it (see `_by_alias`)
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
    name_end: int = 0  # where the name ends before its qualifier (0: at `end`)


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
        mention = _named_at(tokens, norms, at, gazetteer, people)
        if (
            mention is not None
            and norms[i] in _WHITHER
            and any(gazetteer.places[r].kind == "country" for r in mention.rows)
        ):
            mention = None  # `protested to China`: to whom, even where towns bear the name
        if mention is None:
            i += 1
            continue
        found.append(mention)
        i = mention.end
    return found


def toponym_mentions(
    sentence: Sentence,
    gazetteer: Gazetteer,
    people: Collection[int] = (),
    persons: Collection[str] = (),
    names: Sequence[tuple[int, int]] | None = None,
) -> list[PlaceMention]:
    """Every place name of a sentence, left to right, wherever it stands (`Moscow said`,
    `the Aleppo offensive`, `a Vladivostok summit`): what a geoparser lists. An event's
    place is narrower (`place_mentions`). Not at tokens `people`, not inside a person's
    name (`names`, the sentence's `person_names` if not given), and not a lone word of
    one the document names elsewhere (`persons`: `Moore said` after `Linda Moore`)."""
    tokens, norms = sentence.tokens, [t.norm for t in sentence.tokens]
    if names is None:
        names = person_names(sentence, gazetteer)
    named = {i for run in names for i in range(*run)}
    found: list[PlaceMention] = []
    i = 0
    while i < len(norms):
        if not tokens[i].text[:1].isupper():  # every name is capitalised: most words go
            i += 1
            continue
        mention = _named_at(tokens, norms, i, gazetteer, people)
        if mention is None:
            i += 1
            continue
        words = range(mention.start, mention.end)
        alone = mention.end - mention.start == 1 and norms[mention.start] in persons
        if not alone and not any(t in named for t in words):
            found.append(mention)
        i = mention.end
    return found


def person_names(sentence: Sentence, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Token ranges that read as a person's name: two or more capitalised words in a row,
    none of them a word English also writes in lower case (`Community`, `East`), a title
    or a date, and no place name of several words (`San Jose`) or large or broad place
    (`Paris`, `Arkansas`) among them — `Linda Taylor`, `David Smith`, though `Linda`,
    `Taylor` and `David` are towns. The names of things after a small place go with
    them (`Ozark Chamber`), as the people they help find outnumber them."""
    tokens, norms = sentence.tokens, [t.norm for t in sentence.tokens]
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(len(tokens) + 1):
        namelike = i < len(tokens) and _namelike(tokens[i].text, norms[i], gazetteer)
        if namelike and start is None:
            start = i
        elif not namelike and start is not None:
            if i - start >= 2 and not _holds_place(norms, start, i, gazetteer):
                runs.append((start, i))
            start = None
    return runs


def _namelike(text: str, norm: str, gazetteer: Gazetteer) -> bool:
    """A capitalised word that is no common word, title or date."""
    return (
        text[:1].isupper()
        and text.replace("'", "").isalpha()
        and not text.isupper()
        and not gazetteer.ordinary(norm)
        and norm not in gazetteer.titles
        and norm not in MONTHS
        and norm not in WEEKDAYS
    )


def _holds_place(norms: Sequence[str], start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether tokens `[start, end)` hold a place name of several words, or the name of a
    large or broad place (a country, state, region, continent)."""
    for i in range(start, end):
        for j in range(min(end, i + _MOST_WORDS), i + 1, -1):
            if gazetteer.named(tuple(norms[i:j])):
                return True
        rows = gazetteer.named((norms[i],))
        if any(gazetteer.places[r].kind != "city" or gazetteer.population[r] >= LARGE
               for r in rows):  # fmt: skip
            return True
    return False


def feature_mentions(sentence: Sentence, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Token ranges of street and feature names, which no gazetteer of towns holds:
    capitalised words before a word that ends such a name (`Main Street`, `West 16th
    Street`, `Neches River`), after one that begins it (`Lake Lanier`, `Mount Vernon`),
    or a road's number (`Highway 19`, `Interstate 64`); see `data/places/feature_words.tsv`."""
    tokens, norms = sentence.tokens, [t.norm for t in sentence.tokens]
    found: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        kinds = gazetteer.features.get(norms[i])
        if kinds is None or not token.text[:1].isupper() or (found and i < found[-1][1]):
            continue
        # `Main St. in Dover` keeps the abbreviation's full stop, `on Main Street.` not
        end = i + 2 if i + 2 < len(tokens) and norms[i + 1] == "." else i + 1
        if "number" in kinds and i + 1 < len(tokens) and tokens[i + 1].text.isdigit():
            found.append((i, i + 2))
            continue
        if "after" in kinds:
            start = i
            while start > 0 and i - start < _MOST_WORDS - 1 and _in_feature(tokens[start - 1]):
                start -= 1
            if start < i and _opens(norms, start) and gazetteer.ordinary(norms[start]):
                start += 1  # `The Street`; `Main Street` opening a sentence is lost too
            if start < i and not _town_named(norms, start, end, gazetteer):
                found.append((start, end))
                continue
        if "before" in kinds:
            after = i + 1
            while after < len(tokens) and after - i < _MOST_WORDS - 1:
                if not _in_feature(tokens[after]):
                    break
                after += 1
            if after > i + 1 and not _town_named(norms, i, after, gazetteer):
                found.append((i, after))
    return found


def _town_named(norms: Sequence[str], start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Whether a feature name is a town's (`Fort Worth`, `Virginia Beach`, `Rock Hill`)."""
    key = tuple(n for n in norms[start:end] if n != ".")
    return bool(gazetteer.named(key))


def _in_feature(token: Token) -> bool:
    """A word a street or feature name is made of: capitalised (`Governors'`), or an
    ordinal or number (`16th`, `40th`); not a possessive, which ends another name
    (`Rock Hill's Main Street`)."""
    text = token.text
    if text.endswith(("'s", "’s")):
        return False
    return (text[:1].isupper() and text.replace("'", "").replace("’", "").isalpha()) or bool(
        _ORDINAL.fullmatch(text)
    )


def _named_at(
    tokens: Sequence[Token],
    norms: Sequence[str],
    at: int,
    gazetteer: Gazetteer,
    people: Collection[int],
) -> PlaceMention | None:
    """The place name starting at token `at` with its qualifier (`Santiago, Chile`;
    `Perth, Scotland`, a region the gazetteer lacks), or None: not a name after a
    person's title (`Mr. Lincoln`), and a one-word name that is also a date or a common
    word (`May`, `Police`, `Center`) only with its qualifier, or inside a sentence if
    some place of the name is large (`Nice`, `Reading`) or the name is a country's or a
    US state's (`Turkey`)."""
    name = _longest(tokens, norms, at, gazetteer)
    if name is None:
        return None
    end, rows = name
    country = any(gazetteer.places[r].kind == "country" for r in rows)
    if not country and any(t in people for t in range(at, end)):
        return None  # `advice to Bush`; but `Russian` in `Russian Foreign Minister Lavrov`
    if _after_title(norms, at, gazetteer):
        return None
    named_end = end
    qualifier: list[int] = []
    region = ""
    if end + 1 < len(norms) and norms[end] == ",":
        after = _longest(tokens, norms, end + 1, gazetteer)
        regions = {gazetteer.places[r].admin1.upper() for r in rows}
        if after is not None:
            broader = [r for r in after[1] if gazetteer.places[r].kind in _BROADER]
            if broader:
                qualifier, end = broader, after[0]
        elif norms[end + 1] in regions and tokens[end + 1].text[:1].isupper():
            region, end = norms[end + 1], end + 2
    if named_end == at + 1 and not qualifier and not region:
        word = norms[at]
        if word in MONTHS or word in WEEKDAYS or word in MONTH_ABBREVIATIONS:
            return None
        if (
            not tokens[at].text.isupper()  # `US`, `U.S.`: written so, no common word
            and gazetteer.also_a_word(word)
            and not gazetteer.news_anywhere((word,), inside=not _opens(norms, at))
        ):
            return None
    name_end = named_end if named_end < end else 0
    return PlaceMention(at, end, tuple(rows), tuple(qualifier), region, name_end)


_OPENING = frozenset({'"', "'", "(", "[", ":", "-", "--", "“", "‘", "—", "–"})


def _opens(norms: Sequence[str], at: int) -> bool:
    """Whether token `at` opens a sentence or a quotation, where every word is capitalised."""
    return at == 0 or norms[at - 1] in _OPENING


def _after_title(norms: Sequence[str], at: int, gazetteer: Gazetteer) -> bool:
    """Whether token `at` follows a person's title (`Sen. Warren`, `Officer Ripley`)."""
    before = at - 2 if at >= 2 and norms[at - 1] == "." else at - 1
    return before >= 0 and norms[before] in gazetteer.titles


def _longest(
    tokens: Sequence[Token], norms: Sequence[str], at: int, gazetteer: Gazetteer
) -> tuple[int, list[int]] | None:
    """(end, rows) of the longest capitalised gazetteer name starting at token `at`. A
    name only ever written in capitals needs capitals in the text, and a short word in
    capitals is an abbreviation (`II`, `TV`), a place only where one is written so
    (`US`, `UK`)."""
    if at >= len(norms) or not tokens[at].text[:1].isupper():
        return None
    short = tokens[at].text.isupper() and len(tokens[at].text) <= 3
    for end in range(min(len(norms), at + _MOST_WORDS), at, -1):
        key = tuple(norms[at:end])
        rows = gazetteer.named(key)
        if not rows:
            continue
        if key in gazetteer.capitals_only:
            if all(t.text.isupper() for t in tokens[at:end]):
                return end, list(rows)
        elif not (short and end == at + 1) or key in gazetteer.in_capitals:
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
        people = _people(doc, gazetteer)
        context: PlaceContext | None = None  # read from the whole text only if needed
        for event in doc.events:
            index = event.sentence_index
            sentence = doc.sentences[index]
            if index not in mentions:
                mentions[index] = place_mentions(sentence, gazetteer, people.get(index, ()))
            found = _event_place(sentence, event.verb_span, mentions[index])
            if found is None:
                continue
            context = context or document_context(doc, gazetteer, people)
            event.location = choose(gazetteer, found, context)
            event.location_span = sentence.char_span(found.start, found.end)
            event.location_text = sentence.surface(found.start, found.end)
        return doc


@dataclass(slots=True)
class PlaceContext:
    """What a document says that tells which of several places a name is: the countries
    it speaks of (its actors' and its unambiguous place names' countries), the regions
    (states, provinces) its place names name or lie in, and where persons stand (per
    sentence, their tokens; the words of the persons' names it writes)."""

    countries: Counter[str] = field(default_factory=Counter)
    regions: Counter[tuple[str, str]] = field(default_factory=Counter)  # (country, admin1)
    # a name's rows → the votes for a country its actor mentions cast after the first
    echoes: dict[tuple[int, ...], Counter[str]] = field(default_factory=dict)
    people: dict[int, set[int]] = field(default_factory=dict)
    persons: frozenset[str] = frozenset()
    toponyms: dict[int, list[PlaceMention]] = field(default_factory=dict)  # per sentence
    # a name's rows → the row its qualifier names somewhere in the document
    settled: dict[tuple[int, ...], int] = field(default_factory=dict)
    written: set[tuple[int, ...]] = field(default_factory=set)  # each name, by its rows
    # what `_support` works out when first asked: row → its neighbours' support, and how
    # it gets there (towns by whole degrees of latitude and longitude, and by their
    # country and region; how likely each name's places are)
    nearby: dict[int, float] = field(default_factory=dict)
    asked: set[tuple[int, ...]] = field(default_factory=set)
    cells: dict[tuple[int, int], list[tuple[tuple[int, ...], int]]] = field(default_factory=dict)
    within: dict[tuple[str, str], list[tuple[tuple[int, ...], int]]] = field(default_factory=dict)
    likely: dict[tuple[int, ...], dict[int, float]] = field(default_factory=dict)

    def at(self, sentence_index: int) -> Collection[int]:
        """The tokens of persons in a sentence."""
        return self.people.get(sentence_index, ())


def document_context(
    doc: Document, gazetteer: Gazetteer, people: dict[int, set[int]] | None = None
) -> PlaceContext:
    """The document's `PlaceContext`, with its toponyms (`people`: its actors that are
    no places, by sentence, when the caller has them). A name the places of several
    countries bear (`Georgia`: a country and a state; `Paris`) votes for none, or it
    would vote for itself."""
    names = {s.index: person_names(s, gazetteer) for s in doc.sentences}
    persons = frozenset(
        t.norm for s in doc.sentences for start, end in names[s.index] for t in s.tokens[start:end]
    )
    if people is None:
        people = _people(doc, gazetteer)
    context = PlaceContext(people=people, persons=persons)
    ambiguous: dict[str, bool] = {}  # a document names its actors again and again
    for m in doc.mentions:
        if not m.country or m.kind == "capital":
            continue
        if m.text not in ambiguous:
            towns = m.kind != "country"  # `Lebanon` the country, though Pennsylvania has one
            ambiguous[m.text] = _unsure(phrase_key(m.text), gazetteer, towns)
        elif m.kind == "country":  # named again: an echo, for the choice among its places
            rows = tuple(gazetteer.named(phrase_key(m.text)))
            if len(rows) > 1:
                context.echoes.setdefault(rows, Counter())[m.country] += 1
        if not ambiguous[m.text]:
            context.countries[m.country] += 1
    voted: dict[tuple[str, ...], tuple[str, ...]] = {}
    regional: Counter[tuple[int, ...]] = Counter()  # names of regions: their mentions
    for sentence in doc.sentences:
        norms = [t.norm for t in sentence.tokens]
        at = context.at(sentence.index)
        found = toponym_mentions(sentence, gazetteer, at, persons, names[sentence.index])
        context.toponyms[sentence.index] = found
        for mention in found:
            key = tuple(norms[mention.start : mention.end])
            context.written.add(mention.rows)
            if key not in voted:
                voted[key] = tuple({gazetteer.places[r].country for r in mention.rows})
            if len(voted[key]) == 1:
                context.countries[voted[key][0]] += 1
            if any(gazetteer.places[r].kind in _REGIONS for r in mention.rows):
                regional[mention.rows] += 1
            for row in mention.qualifier:
                place = gazetteer.places[row]
                if place.kind in _REGIONS:
                    context.regions[(place.country, place.name)] += 1
    # a name votes for a region of its as likely as it names the region, once the
    # document's countries are known: `Georgia` for the state in an American story, not
    # in a Russian one; `Hanover` hardly for the Jamaican parish
    for rows, mentions in regional.items():
        likely = _likelihoods(gazetteer, rows, context)
        for row in rows:
            place = gazetteer.places[row]
            if place.kind in _REGIONS and not _town_of(gazetteer, row, rows):  # `New York`
                context.regions[(place.country, place.name)] += mentions * likely[row]
    for found in context.toponyms.values():
        for mention in found:
            if mention.rows not in context.settled and (mention.qualifier or mention.region):
                row = _chosen(gazetteer, mention, context)
                if _qualified(gazetteer, mention, row):
                    context.settled[mention.rows] = row
    return context


def _qualified(gazetteer: Gazetteer, mention: PlaceMention, row: int) -> bool:
    """Whether the place at `row` lies where the mention's qualifier says."""
    place = gazetteer.places[row]
    return any(_holds(gazetteer.places[q], place) for q in mention.qualifier) or (
        bool(mention.region) and place.admin1.upper() == mention.region
    )


def _support(gazetteer: Gazetteer, context: PlaceContext, name: tuple[int, ...]) -> None:
    """Fill `context.nearby` for the places a name of several may be: the support of the
    document's other names, each counting as likely as the place it lends support by is
    what it names, by `weight`. A town's support is the names a town near it (within
    `NEAR_KM`) bears: a local paper's `Gainesville` is the one beside its `Oakwood` and
    `Hall County`; a name of many towns, most of them small, supports little; a capital
    none, named as the seat of its government (`Washington said`, no guide to where
    `Damascus` is). A region's or state's is the names a town of it bears (the `Ontario`
    of a story from its `Tillsonburg`), unless the name is a town of the region too
    (`Aleppo`: the city takes that support by nearness). Worked out only for the names a
    caller asks of (an event's place among them), when first asked."""
    context.asked.add(name)
    if len(name) < 2 or name not in context.written:
        return
    if not context.cells:
        for other in context.written:
            for near in other:
                place = gazetteer.places[near]
                if place.kind in _LENDS:
                    cell = (math.floor(place.latitude), math.floor(place.longitude))
                    context.cells.setdefault(cell, []).append((other, near))
                    context.within.setdefault((place.country, place.admin1), []).append(
                        (other, near)
                    )
    for row in name:
        place = gazetteer.places[row]
        if place.kind in _TOWNS:
            lends = _towns_near(gazetteer, context, place)
        elif place.kind in _REGIONS and not _town_of(gazetteer, row, name):
            lends = context.within.get((place.country, place.name), [])
        else:
            continue
        best: dict[tuple[int, ...], float] = {}
        for other, near in lends:
            if other == name:
                continue
            if other not in context.likely:
                context.likely[other] = _likelihoods(gazetteer, other, context)
            best[other] = max(best.get(other, 0.0), context.likely[other][near])
        context.nearby[row] = sum(best.values())


def _town_of(gazetteer: Gazetteer, region: int, rows: Sequence[int]) -> bool:
    """Whether a name of the region at row `region` is a town of it too."""
    broader = gazetteer.places[region]
    return any(
        gazetteer.places[r].kind in _TOWNS and _holds(broader, gazetteer.places[r]) for r in rows
    )


def _towns_near(
    gazetteer: Gazetteer, context: PlaceContext, place: Place
) -> list[tuple[tuple[int, ...], int]]:
    """The document's names, each with a town of it within `NEAR_KM` of `place`."""
    reach = math.ceil(NEAR_KM / 111)
    wide = math.ceil(NEAR_KM / (111 * max(0.1, math.cos(math.radians(place.latitude)))))
    lat, lon = math.floor(place.latitude), math.floor(place.longitude)
    found = []
    for y in range(lat - reach, lat + reach + 1):
        for x in range(lon - wide, lon + wide + 1):
            for other, near in context.cells.get((y, x), ()):
                there = gazetteer.places[near]
                km = great_circle_km(place.latitude, place.longitude,
                                     there.latitude, there.longitude)  # fmt: skip
                if km <= NEAR_KM:
                    found.append((other, near))
    return found


def _by_alias(gazetteer: Gazetteer, rows: Sequence[int]) -> frozenset[int]:
    """The towns among a name's places that bear it as another name only, where others
    bear it as their own: `Salisbury`, Harare's old name, is first the English town;
    `Kaliningrad` the Russian city, not Korolev, which bore the name once; a spelling of
    a town's own name is its own (`_spelling`). Only where some town bears the name as
    its own: a region's name is no town's."""
    if len(rows) < 2:
        return frozenset()
    own = {r: phrase_key(_folded(gazetteer.places[r].name)) for r in rows}
    name = next((k for k in set(own.values()) if gazetteer.named(k) == list(rows)), None)
    if name is None:
        return frozenset()
    name = spelled_out(name)
    towns = {r: _spelling(spelled_out(k), name) for r, k in own.items()
             if gazetteer.places[r].kind in _TOWNS}  # fmt: skip
    if not any(towns.values()):  # `Hama`: the region's own name, its city's `Hamah`
        return frozenset()
    return frozenset(r for r, its_own in towns.items() if not its_own)


def _spelling(own: tuple[str, ...], name: tuple[str, ...]) -> bool:
    """Whether `name` is a town's own name `own`, or its beginning (`New York` of New
    York City), or another spelling of it (`Basra` of Basrah), not another name."""
    if own[: len(name)] == name:
        return True
    return difflib.SequenceMatcher(None, " ".join(own), " ".join(name)).ratio() >= SPELLING_RATIO


def _folded(name: str) -> str:
    """A name without its accents (`Cancún`: `Cancun`), as the gazetteer files it too."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _weights(
    gazetteer: Gazetteer, rows: tuple[int, ...], context: PlaceContext
) -> dict[int, float]:
    """Each place's `weight` as a place of this name: less `ALIAS_DISCOUNT` for a town
    called so by another name of its (`_by_alias`), less the votes the name cast for a
    country by naming it again (`context.echoes`: `Palestine` five times is one vote for
    the Palestinian territories, not five, when a Texas town bears the name)."""
    by_alias = _by_alias(gazetteer, rows)
    echoes = context.echoes.get(rows)
    weights = {}
    for row in rows:
        weights[row] = weight(gazetteer, row, context) - ALIAS_DISCOUNT * (row in by_alias)
        country = gazetteer.places[row].country
        if echoes and echoes[country]:
            votes = context.countries[country]
            weights[row] -= COUNTRY_WEIGHT * (min(votes, 3) - min(votes - echoes[country], 3))
    return weights


def _likelihoods(
    gazetteer: Gazetteer, rows: Sequence[int], context: PlaceContext
) -> dict[int, float]:
    """How likely each place a name may be is the one meant, by `weight` alone (ten
    times as likely a step of it)."""
    weights = _weights(gazetteer, rows, context)
    top = max(weights.values())
    odds = {row: 10 ** (w - top) for row, w in weights.items()}
    total = sum(odds.values())
    return {row: o / total for row, o in odds.items()}


def _people(doc: Document, gazetteer: Gazetteer) -> dict[int, set[int]]:
    """Per sentence, the tokens of actors that are no places: persons (`advice to Bush`)
    and seats of government (`the White House`)."""
    people: dict[int, set[int]] = {}
    for m in doc.mentions:
        if m.kind in _NAMED or (m.kind == "capital" and not _names_a_seat(m, gazetteer)):
            people.setdefault(m.sentence_index, set()).update(range(m.token_start, m.token_end))
    return people


def _names_a_seat(mention: Mention, gazetteer: Gazetteer) -> bool:
    """Whether an actor phrase the dictionaries file with capitals names a town where a
    government sits: its country's capital or a large city of it (`Washington`;
    `La Paz`, though Sucre is Bolivia's capital). `The White House` and `the Kremlin`
    are seats of government, and name no town, though a Tennessee town bears the one's
    name."""
    for rows in _named_within(phrase_key(mention.text), gazetteer):
        for row in rows:
            place = gazetteer.places[row]
            if place.kind == "capital" or (
                place.kind == "city"
                and place.country == mention.country
                and gazetteer.population[row] >= LARGE
            ):
                return True
    return False


def _named_within(key: tuple[str, ...], gazetteer: Gazetteer) -> Iterator[list[int]]:
    """The gazetteer rows of every name inside a phrase's words (up to `_MOST_WORDS`)."""
    for i in range(len(key)):
        for j in range(i + 1, min(len(key), i + _MOST_WORDS) + 1):
            yield gazetteer.named(key[i:j])


def _unsure(key: tuple[str, ...], gazetteer: Gazetteer, towns: bool) -> bool:
    """Whether an actor's words say nothing sure of the document's country: a name
    several countries' broad places bear (`Georgia`), or, with `towns`, a town's name
    (`Paris firefighters`: there are Parises in Texas and Tennessee)."""
    for rows in _named_within(key, gazetteer):
        places = [gazetteer.places[r] for r in rows]
        if towns and any(p.kind in _TOWNS for p in places):
            return True
        if len({p.country for p in places if p.kind in _BROAD}) > 1:
            return True
    return False


def document_places(doc: Document, gazetteer: Gazetteer) -> list[tuple[str, Place]]:
    """Every place a document names, as written and as resolved (whether or not an
    event happened there): what the place-resolution benchmark scores."""
    context = document_context(doc, gazetteer)
    found = []
    for sentence in doc.sentences:
        for mention in place_mentions(sentence, gazetteer, context.at(sentence.index)):
            written = sentence.surface(mention.start, mention.end)
            found.append((written, choose(gazetteer, mention, context)))
    return found


@dataclass(slots=True, frozen=True)
class FoundPlace:
    """A toponym of a text and the gazetteer place it resolves to: what `parley places`
    shows and the geoparsing benchmark scores. `start`/`end` index `Document.text` (the
    clean text), as every span does; the rest is the place as the gazetteer has it
    (`kind`: city, capital, county, state, region, country, continent, or feature for a
    street or feature name; `country`: ISO-3166 alpha-3)."""

    sentence_index: int
    start: int
    end: int
    text: str
    name: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    country: str
    kind: str
    admin1: str

    @classmethod
    def of(cls, sentence_index: int, start: int, end: int, text: str, place: Place) -> FoundPlace:
        """The place written `text` at characters `[start, end)`."""
        return cls(sentence_index, start, end, text, place.name, place.geonames_id,
                   place.latitude, place.longitude, place.country, place.kind,
                   place.admin1)  # fmt: skip

    @classmethod
    def at(cls, sentence: Sentence, start: int, end: int, place: Place) -> FoundPlace:
        """The place named by tokens `[start, end)` of `sentence`."""
        span = sentence.char_span(start, end)
        return cls.of(sentence.index, span.start, span.end, sentence.surface(start, end), place)

    @classmethod
    def feature(
        cls, sentence: Sentence, start: int, end: int, town: FoundPlace | None
    ) -> FoundPlace:
        """A street or feature name, put where `town` is, the town its document names
        most, or nowhere."""
        span = sentence.char_span(start, end)
        text = sentence.surface(start, end)
        if town is None:
            return cls(sentence.index, span.start, span.end, text, text, None, None, None,
                       "", "feature", "")  # fmt: skip
        return cls(sentence.index, span.start, span.end, text, text, None, town.latitude,
                   town.longitude, town.country, "feature", town.admin1)  # fmt: skip


def found_places(doc: Document, gazetteer: Gazetteer) -> list[FoundPlace]:
    """Every toponym of a document (`toponym_mentions`, resolved by `choose` as an event's
    place is, and `feature_mentions`), whether or not an event happened there, in text
    order. A qualified name is two toponyms, each resolved: `Santiago, Chile` gives
    Santiago (in Chile) and Chile, since a reader (and a geoparsing gold set) sees two
    names there; an event's `location_text` keeps the whole phrase. A region the
    gazetteer lacks qualifies the place but is not listed. A street or feature name
    (`Main Street`, `Neches River`) is put where the town the document names most is
    (kind `feature`, no GeoNames id; no position where it names no town), and a town's
    name inside it is not listed apart (`Mississippi River` is no state)."""
    context = document_context(doc, gazetteer)
    found: list[FoundPlace] = []
    features: list[tuple[Sentence, int, int]] = []
    for sentence in doc.sentences:
        spans = feature_mentions(sentence, gazetteer)
        features.extend((sentence, start, end) for start, end in spans)
        inside = {t for start, end in spans for t in range(start, end)}
        for mention in context.toponyms[sentence.index]:
            if mention.start in inside:
                continue
            place = choose(gazetteer, mention, context)
            if not mention.qualifier and not mention.region:
                found.append(FoundPlace.at(sentence, mention.start, mention.end, place))
                continue
            name_end = mention.name_end  # the name, then `,` and the qualifier
            found.append(FoundPlace.at(sentence, mention.start, name_end, place))
            if mention.qualifier and name_end + 1 < mention.end:
                # `Atlanta, Georgia`: the Georgia Atlanta lies in, not the country
                holds = [r for r in mention.qualifier if _holds(gazetteer.places[r], place)]
                rows = tuple(holds) or mention.qualifier
                named = PlaceMention(name_end + 1, mention.end, rows)
                qualifier = choose(gazetteer, named, context)
                found.append(FoundPlace.at(sentence, name_end + 1, mention.end, qualifier))
    found.extend(_hyphened(doc, gazetteer, found))
    towns: Counter[tuple] = Counter()
    first: dict[tuple, FoundPlace] = {}  # each town as first written
    for place in found:
        if place.kind in _TOWNS:
            key = (place.geonames_id, place.name, place.latitude, place.longitude)
            towns[key] += 1
            first.setdefault(key, place)
    home = first[towns.most_common(1)[0][0]] if towns else None
    for sentence, start, end in features:
        town = _named_for(sentence, start, end, gazetteer, context, home) or home
        found.append(FoundPlace.feature(sentence, start, end, town))
    found.sort(key=lambda p: p.start)
    return found


def _named_for(
    sentence: Sentence,
    start: int,
    end: int,
    gazetteer: Gazetteer,
    context: PlaceContext,
    home: FoundPlace | None,
) -> FoundPlace | None:
    """The town, county or state a feature's name begins with, where the feature lies
    (`Dublin Veterans Park`, `Mount Pleasant High School`, `Sacramento River`): one
    near the town the document names most (`home`), if it names one, as a local paper's
    `Madison Township` is no Madison across the country."""
    norms = [t.norm for t in sentence.tokens]
    name = _longest(sentence.tokens, norms, start, gazetteer)
    if name is None or name[0] >= end:
        return None
    rows = tuple(
        r
        for r in name[1]
        if gazetteer.places[r].kind in _LIES_IN and (home is None or _near(gazetteer, r, home))
    )
    if not rows:
        return None
    place = choose(gazetteer, PlaceMention(start, name[0], rows), context)
    return FoundPlace.at(sentence, start, name[0], place)


def _near(gazetteer: Gazetteer, row: int, home: FoundPlace) -> bool:
    """Whether the place at `row` lies within twice `NEAR_KM` of `home` (a state, if
    `home` is in it)."""
    place = gazetteer.places[row]
    if place.kind == "state":
        return place.country == home.country and place.name == home.admin1
    if home.latitude is None or home.longitude is None:
        return False
    km = great_circle_km(place.latitude, place.longitude, home.latitude, home.longitude)
    return km <= 2 * NEAR_KM


def _hyphened(doc: Document, gazetteer: Gazetteer, found: list[FoundPlace]) -> list[FoundPlace]:
    """The countries named inside a hyphened word (`Egyptian-US relations`,
    `Georgian-controlled villages`, `the Arab-Israeli conflict`), each a toponym of its
    own characters; only countries, as a town's name in such a word is mostly no place
    (`Winston-Salem` is one name, found whole)."""
    taken = {p.start for p in found}
    out: list[FoundPlace] = []
    for sentence in doc.sentences:
        for token in sentence.tokens:
            if "-" not in token.text or token.start in taken or not token.text[:1].isupper():
                continue
            at = token.start
            for part in token.text.split("-"):
                rows = [r for r in gazetteer.named((part.upper(),))
                        if gazetteer.places[r].kind == "country"]  # fmt: skip
                if rows and part[:1].isupper():
                    place = gazetteer.places[rows[0]]
                    out.append(FoundPlace.of(sentence.index, at, at + len(part), part, place))
                at += len(part) + 1
    return out


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


def choose(gazetteer: Gazetteer, mention: PlaceMention, context: PlaceContext) -> Place:
    """The place a name stands for: the one its qualifier names (here or elsewhere in
    the document: one `Springfield` an article), else the one with the most weight of
    evidence (`weight`, and the support of the document's other places nearby)."""
    return gazetteer.places[_chosen(gazetteer, mention, context)]


def _chosen(gazetteer: Gazetteer, mention: PlaceMention, context: PlaceContext) -> int:
    """The row `choose` takes."""
    settled = context.settled.get(mention.rows)
    if mention.rows not in context.asked:
        _support(gazetteer, context, mention.rows)

    weights = _weights(gazetteer, mention.rows, context)

    def score(row: int) -> tuple[bool, bool, float]:
        support = NEAR_WEIGHT * min(context.nearby.get(row, 0.0), NEAR_MOST)
        return (_qualified(gazetteer, mention, row), row == settled, weights[row] + support)

    return max(mention.rows, key=score)


def weight(gazetteer: Gazetteer, row: int, context: PlaceContext) -> float:
    """The weight of evidence for the place at `row`, before its neighbours: its people
    (log10: ten times as many count one step; a region's, the people of all its towns,
    count a tenth, so `Aleppo` is the city), what makes a place news beyond its size (a
    country, state or continent `BROAD_WEIGHT`, a country's capital `CAPITAL_WEIGHT`:
    `China` is no Texas town, `Washington` the capital) and what the document says: its
    countries (`COUNTRY_WEIGHT` a mention, up to three; `NEIGHBOUR_WEIGHT` for a
    neighbour of one, `Georgia` beside Russia) and regions (`REGION_WEIGHT` a mention,
    up to three: the Gainesville of the Florida it speaks of, the Boone County of the
    state it names most)."""
    place = gazetteer.places[row]
    weight = math.log10(1 + gazetteer.population[row])
    if place.kind == "region":  # the people of all its towns, its namesake's among them
        weight -= REGION_DISCOUNT
    weight += min(context.countries[place.country], 3) * COUNTRY_WEIGHT
    borders = gazetteer.neighbours.get(place.country, ())
    if not context.countries[place.country] and any(context.countries[n] for n in borders):
        weight += NEIGHBOUR_WEIGHT
    if place.kind in _NEWS:
        weight += BROAD_WEIGHT
    elif (
        place.kind in _TOWNS
        and place.admin1 != place.name  # `Tripoli` names its region too: no vote
        and context.regions[(place.country, place.admin1)]
    ):
        # a town of the region, not the region voting for itself; more, the more it is named
        weight += REGION_WEIGHT * min(context.regions[(place.country, place.admin1)], 3)
    if place.kind == "capital":
        weight += CAPITAL_WEIGHT
    return weight
