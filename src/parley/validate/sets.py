"""What every kind of gold set gives the suite: its figures, its headline, its report.

Gold sets come in several shapes (`parley.validate.suite` tells them apart by their
records): PETRARCH event records, sentence classes (PentaClass, QuadClass), labels
mapped to CAMEO codes, toponyms, time expressions, actor strings. Each kind has a
`Scorer` that reads its records, codes or resolves them with parley, and returns a
`SetScore`: all its figures (`metrics`), the one a scoreboard shows first (`headline`),
and one entry per record that was wrong (`misses`), for `--report`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from parley.api import coding_stages
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.document import Document, Event, Rejection
from parley.pipeline import Pipeline


@dataclass(slots=True)
class SetScore:
    """The figures of one gold set. `event_set`: its headline enters the suite's macro
    score over event sets (sets that score coded events, not places, times or actors)."""

    name: str
    kind: str
    records: int
    headline: str
    metrics: dict[str, float]
    event_set: bool = True
    misses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. records not scored, and why

    @property
    def value(self) -> float:
        return self.metrics[self.headline]


class Scorer(Protocol):
    """Scores one kind of gold set."""

    kind: str

    def matches(self, record: dict[str, Any]) -> bool:
        """Whether a record of a gold file has this kind's shape."""
        ...

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        """Code or resolve the records and score them; `name` is the set's name."""
        ...


def record_date(record: dict[str, Any], key: str = "date") -> dt.date | None:
    """A record's date (`2018-01-01`, `20180101`), or None if it has none or no valid one."""
    value = record.get(key)
    if not value:
        return None
    try:
        return parse_date(str(value)[:10])
    except ValueError:
        return None


def code_records(
    records: Iterable[dict[str, Any]], dictionaries: Dictionaries
) -> Iterator[Document | Rejection]:
    """Each record (`id`, `text`, `date`) coded as `parley code` codes a JSON Lines
    document, in order, without deduplication (two records may share a text, and each is
    scored). The parser gets a wave of records at a time, as in a run."""
    pipeline = Pipeline(coding_stages(dictionaries, deduplicate=False))
    for result in pipeline.run(as_documents(records)):
        assert result is not None  # nothing deduplicates here
        yield result


def as_documents(
    records: Iterable[dict[str, Any]], name: str | None = None, date_key: str = "date"
) -> Iterator[Document]:
    """Records as JSON Lines documents: `id`, `text`, and the date under `date_key` as
    metadata (a dateline in the text does not override it). Their origin is the id, or
    `NAME:LINE` when the set's `name` is given."""
    for number, record in enumerate(records, start=1):
        identifier = str(record.get("id", number))
        origin = identifier if name is None else f"{name}:{number}"
        doc = Document(id=identifier, origin=origin, format="jsonl", raw=record["text"])
        date = record_date(record, date_key)
        if date is not None:
            doc.date, doc.date_source = date, "metadata"
        yield doc


def counted(events: Iterable[Event]) -> list[Event]:
    """The events a user counts: not negated (`did not attack` is no attack)."""
    return [e for e in events if not e.negated]


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
