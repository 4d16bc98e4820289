"""The offline gazetteer: place names → GeoNames places (`data/places/gazetteer.tsv.gz`,
made by `tools/build_gazetteer.py`; cities of 15,000 people or more, countries, US
states). Names are looked up as normalised token keys, as dictionary phrases are."""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path

from parley import heap
from parley.document import Place
from parley.tables import bundled_data
from parley.text.tokens import phrase_key

_SIMPLE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?: [A-Za-z]+(?:-[A-Za-z]+)*)*")


@dataclass(slots=True)
class Gazetteer:
    """Places and, for every name or alias, the rows that bear it."""

    places: list[Place] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    by_name: dict[tuple[str, ...], list[int]] = field(default_factory=dict)
    longest: int = 1  # the most tokens a name has

    @classmethod
    def load(cls, path: Path | None = None) -> Gazetteer:
        found = cls()
        path = path or bundled_data() / "places" / "gazetteer.tsv.gz"
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                gid, name, kind, country, admin, lat, lon, people, aliases = line.rstrip(
                    "\n"
                ).split("\t")
                row = len(found.places)
                found.places.append(
                    Place(int(gid), name, kind, country, admin, float(lat), float(lon))
                )
                found.population.append(int(people))
                for written in {name, *(aliases.split("|") if aliases else ())}:
                    simple = _SIMPLE.fullmatch(written)  # as phrase_key would cut it, faster
                    key = tuple(written.upper().split()) if simple else phrase_key(written)
                    found.by_name.setdefault(key, []).append(row)
                    found.longest = max(found.longest, len(key))
        return found

    def named(self, key: tuple[str, ...]) -> list[int]:
        """Rows of the places that bear this name (as normalised tokens)."""
        return self.by_name.get(key, [])


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
