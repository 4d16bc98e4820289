"""What the sentence-level gold sets share (classes, quad classes, mapped labels).

Those sets give a label per sentence, not events, so their scorers only need, per
record, the events a user would count and the clean text their spans point into. A
record parley rejects (no text left after cleaning) is still scored, as a sentence
with no event: the gold says something about it and parley said nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parley.config import Dictionaries
from parley.document import Event, Rejection
from parley.validate.sets import code_records, counted


@dataclass(slots=True)
class Coded:
    """One record as parley coded it: its counted events, the clean text their spans
    index (empty when rejected), and the reason it was rejected, if it was."""

    record: dict[str, Any]
    events: list[Event]
    text: str = ""
    rejected: str | None = None

    def triples(self) -> list[list[str]]:
        """The events as a report shows them: `[source, code, target]`."""
        return [[e.source, e.code, e.target] for e in self.events]


def code_sentences(records: Sequence[dict[str, Any]], dictionaries: Dictionaries) -> list[Coded]:
    """Every record coded once (one pipeline, batched parsing), in order."""
    coded = []
    for record, result in zip(records, code_records(records, dictionaries), strict=True):
        if isinstance(result, Rejection):
            coded.append(Coded(record, [], rejected=result.reason))
        else:
            coded.append(Coded(record, counted(result.events), result.text))
    return coded


def rejection_notes(coded: Sequence[Coded]) -> list[str]:
    """One note for records parley rejected (scored as sentences with no event)."""
    rejected = [c for c in coded if c.rejected is not None]
    if not rejected:
        return []
    reasons = sorted({c.rejected or "" for c in rejected})
    return [
        f"{len(rejected)} records rejected by parley ({'; '.join(reasons)}), "
        "scored as sentences with no event"
    ]
