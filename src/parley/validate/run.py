"""Code every gold record with the same stages as `parley code`, and keep the evidence.

Records become Documents exactly as JSON Lines input does (id, text, date), so
`parley code --input-format jsonl GOLD` prints the events that are scored here.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.api import coding_stages
from parley.config import Dictionaries
from parley.document import Document, Event, Mention, Rejection
from parley.pipeline import Pipeline
from parley.validate.gold import GoldRecord, GoldSet, Triple
from parley.validate.score import Scores


@dataclass(slots=True)
class Outcome:
    """One record: what was expected, what parley produced, and why."""

    record: GoldRecord
    events: list[Event]
    mentions: list[Mention]
    rejected: str | None = None
    negated: bool = False  # count negated events too

    @property
    def produced(self) -> set[Triple]:
        return {(e.source, e.target, e.code) for e in self.events if self.negated or not e.negated}


def as_document(record: GoldRecord, origin: str) -> Document:
    doc = Document(id=record.id, origin=origin, format="jsonl", raw=record.text)
    if record.date is not None:
        doc.date, doc.date_source = record.date, "metadata"
    return doc


def validate(
    gold: GoldSet, dictionaries: Dictionaries, negated: bool = False
) -> tuple[Scores, list[Outcome]]:
    """Score all records; input errors are coded but not scored, as PETRARCH does.
    Negated events (`did not attack`) are no events unless `negated` is set."""
    pipeline = Pipeline(coding_stages(dictionaries, deduplicate=False))
    scores = Scores()
    outcomes = []
    for number, record in enumerate(gold.records, start=1):
        result = pipeline.process(as_document(record, f"{gold.name}:{number}"))
        if isinstance(result, Rejection):
            outcome = Outcome(record, [], [], result.reason, negated)
        else:
            assert result is not None  # nothing deduplicates here
            outcome = Outcome(record, result.events, result.mentions, negated=negated)
        scores.add(record, outcome.produced)
        outcomes.append(outcome)
    return scores, outcomes
