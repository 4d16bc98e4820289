"""Toponyms as a suite set: does parley find the places an article names, and put each
where it is?

Records `{id, text, toponyms: [{start, end, text, geonames_id|null, lat|null, lon|null}]}`
(whole articles, as LGL, GeoWebNews and TR-News are). Each text goes through the stages
`parley places` runs (clean → describe → segment → find actors) and `found_places`
lists its toponyms; their spans, which index the clean text, are mapped back onto the
record's text (`parley.validate.spans`). The figures follow Gritta et al., "A Pragmatic
Guide to Geoparsing Evaluation" (2019):

- `toponym_precision`, `toponym_recall`, `toponym_f1` (the headline): a gold toponym is
  found when a parley toponym overlaps it, each paired at most once;
- over found toponyms whose gold has coordinates (`matched_with_coords`): `acc_161km`,
  the share put within 161 km (100 miles) of them on the great circle (one put nowhere,
  a street in a text that names no town, is not), and `median_km` of those put;
- over found toponyms whose gold has a GeoNames id (`matched_with_id`):
  `geonames_id_accuracy`, the share resolved to that very id.

`found_places` lists every toponym, as a geoparser does (an event's place is narrower:
`parley.resolve.places.place_mentions`); a street or feature name is put in the town its
document names most, or nowhere.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.api import actor_stages
from parley.config import Dictionaries
from parley.document import Rejection
from parley.pipeline import Pipeline
from parley.resolve.gazetteer import great_circle_km
from parley.resolve.places import FoundPlace, found_places
from parley.validate.sets import SetScore, as_documents, prf, ratio
from parley.validate.spans import OffsetMap, pair

NEAR_KM = 161.0  # 100 miles: "accuracy at 161 km", the customary geocoding threshold


@dataclass(slots=True)
class PlaceTally:
    """Counts over a set, record by record: toponyms in gold, found, paired, and how
    far each paired one was put from where gold says."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    with_id: int = 0
    right_id: int = 0
    km: list[float] = field(default_factory=list)
    unplaced: int = 0  # paired with gold coordinates, given none

    def add(
        self, gold: list[dict[str, Any]], found: list[FoundPlace], spans: list[tuple[int, int]]
    ) -> dict[str, list[dict[str, Any]]]:
        """Score one record (`spans`: where `found` lie in the gold text); what it got
        wrong: toponyms missed, found where gold has none, put over 161 km off."""
        pairs = pair([(t["start"], t["end"]) for t in gold], spans)
        self.gold += len(gold)
        self.found += len(found)
        self.matched += len(pairs)
        far = []
        for i, j in sorted(pairs.items()):
            want, got = gold[i], found[j]
            if want.get("geonames_id") is not None:
                self.with_id += 1
                self.right_id += int(want["geonames_id"]) == got.geonames_id
            if want.get("lat") is None or want.get("lon") is None:
                continue
            if got.latitude is None or got.longitude is None:
                self.unplaced += 1  # found, put nowhere: not within 161 km
                far.append({**_gold_json(want), "found": _found_json(got, spans[j]), "km": None})
                continue
            km = great_circle_km(want["lat"], want["lon"], got.latitude, got.longitude)
            self.km.append(km)
            if km > NEAR_KM:
                far.append({**_gold_json(want), "found": _found_json(got, spans[j]),
                            "km": round(km)})  # fmt: skip
        taken = set(pairs.values())
        return {
            "missed": [_gold_json(t) for i, t in enumerate(gold) if i not in pairs],
            "extra": [_found_json(p, spans[j]) for j, p in enumerate(found) if j not in taken],
            "far": far,
        }

    def metrics(self) -> dict[str, float]:
        found = prf(self.matched, self.found - self.matched, self.gold - self.matched)
        return {
            **{f"toponym_{k}": v for k, v in found.items()},
            "acc_161km": ratio(sum(d <= NEAR_KM for d in self.km), len(self.km) + self.unplaced),
            "median_km": statistics.median(self.km) if self.km else 0.0,
            "matched_with_coords": float(len(self.km) + self.unplaced),
            "geonames_id_accuracy": ratio(self.right_id, self.with_id),
            "matched_with_id": float(self.with_id),
            "gold_toponyms": float(self.gold),
            "found_toponyms": float(self.found),
            "matched_toponyms": float(self.matched),
        }


@dataclass(slots=True)
class PlacesScorer:
    """Scores toponym recognition and resolution (see the module's docstring)."""

    kind: str = "places"

    def matches(self, record: dict[str, Any]) -> bool:
        return isinstance(record.get("toponyms"), list)

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        """All records through one pipeline (waves of documents, dictionaries loaded
        once), each scored against its toponyms."""
        gazetteer = dictionaries.gazetteer.get()
        pipeline = Pipeline(actor_stages(dictionaries))
        tally = PlaceTally()
        misses: list[dict[str, Any]] = []
        notes: list[str] = []
        outcomes = pipeline.run(as_documents(records, name))
        for record, result in zip(records, outcomes, strict=True):
            if isinstance(result, Rejection):  # counted: every gold toponym missed
                notes.append(f"{record.get('id')}: not resolved ({result.reason})")
                wrong = tally.add(record["toponyms"], [], [])
            else:
                found = found_places(result, gazetteer)
                mapping = OffsetMap(result.text, record["text"])
                spans = [mapping.span(p.start, p.end) for p in found]
                wrong = tally.add(record["toponyms"], found, spans)
            if any(wrong.values()):
                misses.append({"id": record.get("id"), **wrong})
        return SetScore(name, self.kind, len(records), "toponym_f1", tally.metrics(),
                        event_set=False, misses=misses, notes=notes)  # fmt: skip


def _gold_json(toponym: dict[str, Any]) -> dict[str, Any]:
    return {"text": toponym.get("text"), "start": toponym["start"], "end": toponym["end"],
            "geonames_id": toponym.get("geonames_id")}  # fmt: skip


def _found_json(place: FoundPlace, span: tuple[int, int]) -> dict[str, Any]:
    """A parley toponym at its gold-text offsets, and where it was put."""
    return {"text": place.text, "start": span[0], "end": span[1], "place": place.name,
            "country": place.country, "geonames_id": place.geonames_id}  # fmt: skip
