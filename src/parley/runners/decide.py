"""Deduplication across shards: the second of the cluster's phases, in the client.

Copies of an article may land on different workers, so no worker can tell which copy
came first or which story a text joins. The workers fingerprint their shards
(`parley.runners.tasks.prepare`); here the fingerprints, without their texts, go through
the very `Deduplicate` stage the local runner uses, in input order, against the same
index (the database, when the run is merged into one). The decisions (story, copy of
which document, shared date) go with each shard to the workers that code it. This pass
reads a few hundred bytes a document and does no parsing: 5,800 documents a second on
one core here (benchmarks/RESULTS.md), the rate of some 25 workers.

The local pipeline deduplicates a wave of documents before it codes them, and a copy
can give its date to an undated earlier copy only while that one waits in the same wave.
The same waves are counted here (`Deduplicate.end_wave`), so the two runners agree on
every date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from parley.dedup.stage import Deduplicate
from parley.document import Document, Rejection
from parley.pipeline import Pipeline
from parley.runners.shards import Shard
from parley.runners.tasks import Decision, prepared_path

_COLUMNS = [
    "position", "counted", "status", "origin", "document_id", "format", "date",
    "date_source", "content_hash", "signature",
]  # fmt: skip


@dataclass(slots=True)
class Decided:
    """A shard's decisions: the documents to code, the rejections, and how many were
    unchanged since an earlier run stored them."""

    shard: Shard
    pending: list[tuple[int, Document]] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    unchanged: int = 0

    def decisions(self) -> list[Decision]:
        """Read when the wave is over: a later copy may still date an earlier one."""
        return [
            Decision(
                position=position,
                document_id=doc.id,
                origin=doc.origin,
                story_id=doc.story_id,
                duplicate_of=doc.duplicate_of,
                similar_to=doc.similar_to,
                similarity=doc.similarity,
                signature=doc.signature,
                date=doc.date,
                date_source=doc.date_source,
            )
            for position, doc in self.pending
        ]


@dataclass(slots=True)
class Decider:
    """Feeds prepared shards, in order, through `Deduplicate` in the pipeline's waves;
    a shard comes out once the wave holding its last document is over."""

    dedup: Deduplicate
    folder: Path
    wave: int = 16
    _counted: int = 0
    _open: list[Decided] = field(default_factory=list)

    def add(self, shard: Shard) -> Iterator[Decided]:
        """Decide a shard; yield the earlier shards whose decisions are now final (this
        one waits for the end of the wave its last document is in)."""
        decided = Decided(shard)
        table = pq.read_table(prepared_path(self.folder, shard), columns=_COLUMNS)
        for row in table.to_pylist():
            if row["status"] == "document":
                self._decide(decided, row)
            if row["counted"]:
                self._counted += 1
                if self._counted % self.wave == 0:
                    yield from self._end_wave()
        self._open.append(decided)

    def finish(self) -> Iterator[Decided]:
        """The last wave is over."""
        yield from self._end_wave()

    def _end_wave(self) -> Iterator[Decided]:
        self.dedup.end_wave()
        done, self._open = self._open, []
        yield from done

    def _decide(self, decided: Decided, row: dict[str, Any]) -> None:
        stub = Document(
            id=row["document_id"], origin=row["origin"], format=row["format"], raw="",
            date=row["date"], date_source=row["date_source"],
            content_hash=row["content_hash"], signature=row["signature"] or b"",
        )  # fmt: skip
        outcome = Pipeline.step(self.dedup, stub)
        if outcome is None:
            decided.unchanged += 1
        elif isinstance(outcome, Rejection):
            decided.rejections.append(outcome)
        else:
            if outcome.duplicate_of is not None or not self.dedup.threshold:
                outcome.signature = b""  # stored only when near copies were looked for
            decided.pending.append((row["position"], outcome))
