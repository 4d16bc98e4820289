"""PETRARCH-style event records as a suite set: the scores `parley validate` has always
given (records exactly right; event, root and country P/R/F1), with event F1 first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.config import Dictionaries
from parley.validate.gold import read_gold
from parley.validate.report import outcome_json
from parley.validate.run import Outcome, validate
from parley.validate.score import Scores
from parley.validate.sets import SetScore


@dataclass(slots=True)
class EventsScorer:
    """Records `{id, date, text, expected: [{source, target, code}], noevents, error}`."""

    kind: str = "events"

    def matches(self, record: dict[str, Any]) -> bool:
        return "expected" in record or "noevents" in record

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        scores, outcomes = validate(read_gold(path), dictionaries)
        return set_score(name, scores, outcomes)


def set_score(name: str, scores: Scores, outcomes: list[Outcome]) -> SetScore:
    """The suite's figures of scored event records (also for a single file)."""
    metrics: dict[str, float] = dict(scores.summary())
    for level, tally in scores.levels.items():
        metrics[f"{level}_precision"] = tally.precision
        metrics[f"{level}_recall"] = tally.recall
    wrong = [o for o in outcomes if o.produced != set(o.record.expected) and not o.record.error]
    notes = []
    if scores.skipped_errors:
        notes.append(f"{scores.skipped_errors} records marked as input errors not scored")
    return SetScore(
        name, "events", scores.records, "event_f1", metrics,
        misses=[outcome_json(o) for o in wrong], notes=notes,
    )  # fmt: skip
