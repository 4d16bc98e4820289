"""The offline gazetteer: place names → GeoNames places (`data/places/gazetteer.tsv.gz`,
made by `tools/build_gazetteer.py`: cities of 1,000 people or more, first-level regions,
US counties, countries and continents, with demonyms and news abbreviations). Names are
looked up as normalised token keys, as dictionary phrases are. Beside it, how English
writes the words that also name places (`data/places/common_words.tsv`, made by
`tools/build_common_words.py`), the words of street and feature names
(`data/places/feature_words.tsv`) and the titles written before a person's name
(`data/tables/person_titles.tsv`)."""

from __future__ import annotations

import gzip
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from parley import heap
from parley.compiled import cache_key, load_or_compile
from parley.document import Place
from parley.tables import bundled_data, table_rows, tables_folder
from parley.text.tokens import phrase_key

LARGE = 100_000  # people: a place this large is news wherever its name stands
EARTH_KM = 6371.0088  # mean radius (IUGG)
# a name's first word and the way news shortens it, both ways: `St. Paris` is GeoNames'
# `Saint Paris`, `Mt. Pleasant` its `Mount Pleasant`, `Saint Helier` its `St Helier`
_SHORT = {"SAINT": "ST", "MOUNT": "MT", "FORT": "FT", "ST": "SAINT", "MT": "MOUNT", "FT": "FORT"}
_SIMPLE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Za-z]+(?:-[A-Za-z]+)*)*")


def _key(written: str) -> tuple[str, ...]:
    """A name's token key, as `phrase_key` cuts it; faster for the plain names most are."""
    plain = written.isascii() and written.replace(" ", "").isalpha()
    if plain or _SIMPLE.fullmatch(written):
        return tuple(written.upper().split())
    return phrase_key(written)


def spelled_out(key: tuple[str, ...]) -> tuple[str, ...]:
    """A name's key with its first word spelled out (`ST PAUL`: `SAINT PAUL`)."""
    if key and key[0] in _SHORT and len(key[0]) == 2:
        return (_SHORT[key[0]], *key[1:])
    return key


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance between two points on the Earth (haversine, mean radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class PlaceRows:
    """The gazetteer's rows, each made a `Place` when first asked for: a document asks
    for a few hundred of 177,000, and making them all costs a second at start-up."""

    lines: list[str] = field(default_factory=list)
    made: dict[int, Place] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, row: int) -> Place:
        place = self.made.get(row)
        if place is None:
            gid, name, kind, country, admin, lat, lon = self.lines[row].split("\t", 7)[:7]
            place = Place(int(gid) if gid else None, name, kind, country, admin,
                          float(lat), float(lon))  # fmt: skip
            self.made[row] = place
        return place


@dataclass(slots=True)
class Gazetteer:
    """Places and, for every name or alias, the rows that bear it."""

    places: PlaceRows = field(default_factory=PlaceRows)
    population: list[int] = field(default_factory=list)
    # every name's words joined by spaces → the row, or rows, bearing it: one string and
    # mostly one int a name, not a tuple and a list (the unpickled cache loads in half
    # the time; 190,000 names)
    by_name: dict[str, int | tuple[int, ...]] = field(default_factory=dict)
    longest: int = 1  # the most tokens a name has
    # names only ever written in capitals (`US`, `UAE`, `AT`): a text must write them so,
    # or every sentence's `It`, `In` and `At` would be Italy, India and Austria
    capitals_only: set[tuple[str, ...]] = field(default_factory=set)
    in_capitals: set[tuple[str, ...]] = field(default_factory=set)  # some place's so
    # upper-case word → (times written in lower case, times capitalised in a sentence)
    written: dict[str, tuple[int, int]] = field(default_factory=dict)
    titles: frozenset[str] = frozenset()
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)  # ISO alpha-3
    # word of a street or feature name → where it stands: after, before, number
    features: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        """The gazetteer of `path` (the bundled one by default), compiled once and kept
        between runs (`parley.compiled`): read from its text, 0.8 s; unpickled, 0.1 s."""
        path = path or bundled_data() / "places" / "gazetteer.tsv.gz"
        places = bundled_data() / "places"
        read = [path, places / "common_words.tsv", places / "feature_words.tsv",
                tables_folder() / "person_titles.tsv"]  # fmt: skip
        code = [Path(__file__), Path(__file__).parents[1] / "text" / "tokens.py"]
        return load_or_compile("places", cache_key(code, read), lambda: cls._built(path), cls)

    @classmethod
    def _built(cls, path: Path) -> Gazetteer:
        with heap.building():
            return cls._read(path)

    @classmethod
    def _read(cls, path: Path) -> Gazetteer:
        found = cls()
        cased: set[tuple[str, ...]] = set()
        by_name: dict[tuple[str, ...], list[int]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")[1:]
        found.places.lines = lines = [line for line in lines if line]
        for row, line in enumerate(lines):
            fields = line.split("\t")
            found.population.append(int(fields[7]))
            if fields[9]:
                found.neighbours[fields[3]] = frozenset(fields[9].split("|"))
            names = (fields[1], *fields[8].split("|")) if fields[8] else (fields[1],)
            for written in names:
                key = _key(written)
                other = _SHORT.get(key[0])
                for spelled in (key, (other, *key[1:])) if other else (key,):
                    rows = by_name.get(spelled)
                    if rows is None:
                        by_name[spelled] = [row]
                    elif rows[-1] != row:  # a name given again as an alias
                        rows.append(row)
                    if not written.isupper():
                        cased.add(spelled)
                    else:
                        found.in_capitals.add(spelled)
        found.longest = max(map(len, by_name))
        found.capitals_only = by_name.keys() - cased
        found.by_name = {
            " ".join(key): rows[0] if len(rows) == 1 else tuple(rows)
            for key, rows in by_name.items()
        }
        words = bundled_data() / "places" / "common_words.tsv"
        found.written = {w: (int(low), int(cap)) for w, low, cap in table_rows(words)}
        titles = table_rows(tables_folder() / "person_titles.tsv")
        found.titles = frozenset(row[0] for row in titles)
        features: dict[str, set[str]] = {}
        for word, where in table_rows(bundled_data() / "places" / "feature_words.tsv"):
            features.setdefault(word, set()).add(where)
        found.features = {word: frozenset(kinds) for word, kinds in features.items()}
        return found

    def named(self, key: tuple[str, ...]) -> list[int]:
        """Rows of the places that bear this name (as normalised tokens)."""
        rows = self.by_name.get(" ".join(key))
        if rows is None:
            return []
        return [rows] if isinstance(rows, int) else list(rows)

    def largest(self, key: tuple[str, ...]) -> int:
        """The most people a place of this name has."""
        return max((self.population[r] for r in self.named(key)), default=0)

    def ordinary(self, word: str) -> bool:
        """Whether English writes this (upper-case) word in lower case as a rule, or
        often enough that capitals do not make it a name (`East`, `Community`)."""
        lower, capital = self.written.get(word, (0, 0))
        return lower >= 2 and lower * 5 >= capital

    def also_a_word(self, word: str) -> bool:
        """Whether a one-word place name is also a common word (`Police`, `Center`,
        `West`): an ordinary word, or one written in lower case at all that only small
        places bear."""
        lower, _ = self.written.get(word, (0, 0))
        return self.ordinary(word) or (lower >= 2 and self.largest((word,)) < LARGE)

    def news_anywhere(self, key: tuple[str, ...], inside: bool) -> bool:
        """Whether a name is a place even where it is also a common word: a country's or
        a US state's (`Turkey`, `Georgia`), or, inside a sentence, a large city's (`Nice`,
        `Reading`); not a region's, which are named by common words (`West`, `Central`)."""
        for row in self.named(key):
            kind = self.places[row].kind
            if kind in ("country", "state"):
                return True
            if inside and kind in ("city", "capital") and self.population[row] >= LARGE:
                return True
        return False


@dataclass(slots=True)
class LazyGazetteer:
    """The gazetteer, read on first use (0.6 s): a run that codes no event never pays,
    and every stage sharing this reads it once."""

    path: Path | None = None
    loaded: Gazetteer | None = None

    def get(self) -> Gazetteer:
        if self.loaded is None:
            self.loaded = Gazetteer.load(self.path)
            heap.keep_loaded()
        return self.loaded
