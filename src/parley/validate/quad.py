"""Sentences labelled with a QuadClass, or as irrelevant, as a suite set.

QuadClass is the four-way split of CAMEO by root (verbal/material, cooperation/conflict)
that parley already gives every event (`Event.quad_class`, see
`parley.events.ontology.quad_class`: 01-05, 06-08, 09-13, 14-20). A relevant sentence is
right when one of its counted events has the labelled quad class (`any_hit`, the
headline); an irrelevant sentence is right when parley codes nothing in it, so the set
also measures what parley invents (`irrelevant_quiet`, `irrelevant_events`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.config import Dictionaries
from parley.document import Event
from parley.events.ontology import quad_class
from parley.validate.sentence_sets import Coded, code_sentences, rejection_notes
from parley.validate.sets import SetScore, ratio

IRRELEVANT = "irrelevant"
# The labels of a relevant sentence, as the quad class numbers parley uses.
QUAD_CLASSES: dict[str, int] = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}
LABELS = frozenset({IRRELEVANT, *QUAD_CLASSES})


def _in_class(event: Event, label: str) -> bool:
    # By the root, as the set's mapping says (the table `Event.quad_class` comes from).
    return quad_class(event.root) == QUAD_CLASSES[label]


def _irrelevant(coded: Coded) -> bool:
    return coded.record["label"] == IRRELEVANT


def _hit(coded: Coded) -> bool:
    """A relevant sentence with a counted event of its class."""
    return any(_in_class(e, coded.record["label"]) for e in coded.events)


@dataclass(slots=True)
class QuadScorer:
    """Records `{id, text, label}`, `label` one of `LABELS`."""

    kind: str = "quad"

    def matches(self, record: dict[str, Any]) -> bool:
        return isinstance(record.get("label"), str) and record["label"] in LABELS

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        scored = [r for r in records if self.matches(r) and isinstance(r.get("text"), str)]
        notes = []
        if len(scored) < len(records):
            notes.append(f"{len(records) - len(scored)} records without text or a known label")
        coded = code_sentences(scored, dictionaries)
        notes.extend(rejection_notes(coded))

        relevant = [c for c in coded if not _irrelevant(c)]
        irrelevant = [c for c in coded if _irrelevant(c)]
        hits = [_hit(c) for c in relevant]
        strict = [
            bool(c.events) and all(_in_class(e, c.record["label"]) for e in c.events)
            for c in relevant
        ]
        metrics: dict[str, float] = {
            "any_hit": ratio(sum(hits), len(relevant)),
            "strict": ratio(sum(strict), len(relevant)),
            "coverage": ratio(sum(bool(c.events) for c in relevant), len(relevant)),
        }
        if irrelevant:
            quiet = sum(not c.events for c in irrelevant)
            metrics["irrelevant_quiet"] = ratio(quiet, len(irrelevant))
            events = sum(len(c.events) for c in irrelevant)
            metrics["irrelevant_events"] = ratio(events, len(irrelevant))
        for label in QUAD_CLASSES:
            mine = [h for c, h in zip(relevant, hits, strict=True) if c.record["label"] == label]
            if mine:
                metrics[f"any_hit_{label}"] = ratio(sum(mine), len(mine))

        wrong = [c for c in coded if (c.events if _irrelevant(c) else not _hit(c))]
        misses = [
            {"id": c.record.get("id"), "label": c.record["label"], "text": c.record["text"],
             "events": c.triples()}
            for c in wrong
        ]  # fmt: skip
        return SetScore(name, self.kind, len(coded), "any_hit", metrics, True, misses, notes)
