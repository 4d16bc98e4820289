"""Sentences labelled with a PentaClass (ConfliBERT's five event classes) as a suite set.

A record says which of five classes of event a sentence reports, and, for some records,
which words name the source and the target. Parley does not classify sentences: it codes
events, so a sentence counts as right when one of its counted events has a CAMEO root in
the labelled class (`any_hit`, the headline), and as right without doubt when every one
does (`strict`). Role spans are checked by overlap with the words parley coded as source
and target, mapped back to the record's own text first (`parley.validate.spans`):
parley's spans index its clean text, whose quotes and invisible characters can differ
from the record's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.config import Dictionaries
from parley.document import Event, Span
from parley.validate.sentence_sets import Coded, code_sentences, rejection_notes
from parley.validate.sets import SetScore, ratio
from parley.validate.spans import OffsetMap, overlap

# ConfliBERT's PentaClass as CAMEO roots. Unlike QuadClass it keeps statements and
# appeals (01-02) apart from verbal cooperation, and counts coercion (17) with material
# conflict but threats (13) and reductions of relations (16) with verbal conflict.
PENTA_CLASSES: dict[int, tuple[str, ...]] = {
    0: ("01", "02"),  # make a public statement, appeal
    1: ("03", "04", "05"),  # verbal cooperation
    2: ("06", "07", "08"),  # material cooperation
    3: ("09", "10", "11", "12", "13", "16"),  # verbal conflict
    4: ("14", "15", "17", "18", "19", "20"),  # material conflict
}
_CLASS_OF_ROOT = {root: label for label, roots in PENTA_CLASSES.items() for root in roots}


def penta_class(root: str) -> int | None:
    """The PentaClass of a CAMEO root (`"11"` → 3), None for a root outside CAMEO."""
    return _CLASS_OF_ROOT.get(root)


def overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    """Whether `span` shares at least one character with one of `spans`."""
    return any(overlap(span, other) for other in spans)


def gold_spans(*lists: Any) -> list[tuple[int, int]]:
    """The `(start, end)` spans of a record's role lists (malformed ones left out)."""
    spans = []
    for items in lists:
        for item in items if isinstance(items, list) else ():
            try:
                start, end = int(item["start"]), int(item["end"])
            except (KeyError, TypeError, ValueError):
                continue
            if end > start:
                spans.append((start, end))
    return spans


@dataclass(slots=True)
class _Roles:
    """Whether some coded source, target, or one event's pair, overlaps the gold roles.
    Reciprocal spans (both sides act on each other) count as source and as target."""

    source: bool
    target: bool
    pair: bool

    @classmethod
    def of(cls, coded: Coded) -> _Roles:
        record = coded.record
        sources = gold_spans(record.get("sources"), record.get("reciprocal"))
        targets = gold_spans(record.get("targets"), record.get("reciprocal"))
        offsets = OffsetMap(coded.text, record["text"])

        def on_record(span: Span) -> tuple[int, int]:
            return offsets.span(span.start, span.end)

        hits = [
            (
                overlaps(on_record(e.source_span), sources),
                overlaps(on_record(e.target_span), targets),
            )
            for e in coded.events
        ]
        return cls(any(s for s, _ in hits), any(t for _, t in hits), any(s and t for s, t in hits))


def _valid(record: dict[str, Any]) -> bool:
    label = record.get("label")
    return (
        isinstance(label, int)
        and not isinstance(label, bool)
        and label in PENTA_CLASSES
        and isinstance(record.get("text"), str)
    )


def _in_class(event: Event, label: int) -> bool:
    return penta_class(event.root) == label


@dataclass(slots=True)
class PentaClassScorer:
    """Records `{id, text, date, label: 0-4, sources, targets, reciprocal: [{start, end,
    text}], has_roles}`; `label` is the PentaClass (see `PENTA_CLASSES`)."""

    kind: str = "pentaclass"

    def matches(self, record: dict[str, Any]) -> bool:
        label = record.get("label")
        return (
            isinstance(label, int)
            and not isinstance(label, bool)
            and ("has_roles" in record or "sources" in record)
        )

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        scored = [r for r in records if _valid(r)]
        notes = []
        if len(scored) < len(records):
            notes.append(
                f"{len(records) - len(scored)} records without text or a label 0-4 not scored"
            )
        coded = code_sentences(scored, dictionaries)
        notes.extend(rejection_notes(coded))

        hits = [any(_in_class(e, c.record["label"]) for e in c.events) for c in coded]
        strict = [
            bool(c.events) and all(_in_class(e, c.record["label"]) for e in c.events) for c in coded
        ]
        metrics: dict[str, float] = {
            "any_hit": ratio(sum(hits), len(coded)),
            "strict": ratio(sum(strict), len(coded)),
            "coverage": ratio(sum(bool(c.events) for c in coded), len(coded)),
        }
        with_roles = [_Roles.of(c) for c in coded if c.record.get("has_roles") is True]
        if with_roles:
            metrics["source_hit"] = ratio(sum(r.source for r in with_roles), len(with_roles))
            metrics["target_hit"] = ratio(sum(r.target for r in with_roles), len(with_roles))
            metrics["pair_hit"] = ratio(sum(r.pair for r in with_roles), len(with_roles))
        else:
            notes.append("no record has role annotations: role figures not given")
        metrics.update(_per_class(coded, hits))

        misses = [
            {"id": c.record.get("id"), "label": c.record["label"], "text": c.record["text"],
             "events": c.triples()}
            for c, hit in zip(coded, hits, strict=True) if not hit
        ]  # fmt: skip
        return SetScore(name, self.kind, len(coded), "any_hit", metrics, True, misses, notes)


def _per_class(coded: Sequence[Coded], hits: Sequence[bool]) -> dict[str, float]:
    """`any_hit_class_<n>` for each class with records in the set."""
    figures = {}
    for label in PENTA_CLASSES:
        mine = [hit for c, hit in zip(coded, hits, strict=True) if c.record["label"] == label]
        if mine:
            figures[f"any_hit_class_{label}"] = ratio(sum(mine), len(mine))
    return figures
