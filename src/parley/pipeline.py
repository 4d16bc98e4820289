"""A pipeline is a list of small named stages run lazily over a stream of documents.

Each stage is a callable `Document -> Document | None`: it returns the enriched document,
None to drop it quietly (an unchanged re-run), or raises `RejectDocument` to drop it with a
reason, which goes to the rejection sink and is counted. Stages that buffer (the store)
have `flush()`, called when the stream ends or fails. The stream is consumed one
document at a time, so memory does not grow with the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from parley.document import Document, Rejection
from parley.errors import ParleyError, RejectDocument, one_line


class Stage(Protocol):
    """A named step. Stages with `skip_copies = True` leave exact copies untouched."""

    name: str

    def __call__(self, doc: Document) -> Document | None: ...


@dataclass(slots=True)
class Counters:
    """What happened to the stream: a user's answer to "did everything get coded?"."""

    documents: int = 0
    coded: int = 0
    copies: int = 0
    unchanged: int = 0
    rejected: int = 0
    sentences: int = 0
    events: int = 0


@dataclass(slots=True)
class Pipeline:
    """Stages in order, a rejection sink, and counters for the last run."""

    stages: Sequence[Stage]
    on_reject: Callable[[Rejection], None] | None = None
    counters: Counters = field(default_factory=Counters)

    def process(self, doc: Document) -> Document | Rejection | None:
        """Run one document through every stage."""
        for stage in self.stages:
            if doc.duplicate_of is not None and getattr(stage, "skip_copies", False):
                continue
            try:
                result = stage(doc)
            except RejectDocument as exc:
                return Rejection(doc.origin, exc.reason, stage.name, doc.id)
            except ParleyError:
                raise  # the run cannot go on (the store failed): stop with its message
            except Exception as exc:  # one document's failure must not end a long run
                detail = one_line(exc)
                reason = f"internal error in {stage.name} ({type(exc).__name__}: {detail})"
                return Rejection(doc.origin, reason, stage.name, doc.id)
            if result is None:
                return None
            doc = result
        return doc

    def run(self, items: Iterable[Document | Rejection]) -> Iterator[Document | Rejection]:
        """Lazily process a stream; yields coded documents and rejections in input order."""
        try:
            for item in items:
                result = item if isinstance(item, Rejection) else self.process(item)
                if result is None:
                    self.counters.documents += 1
                    self.counters.unchanged += 1
                    continue
                if isinstance(result, Rejection):
                    self.counters.rejected += 1
                    if self.on_reject is not None:
                        self.on_reject(result)
                else:
                    self.counters.documents += 1
                    if result.duplicate_of is not None:
                        self.counters.copies += 1
                    else:
                        self.counters.coded += 1
                    self.counters.sentences += len(result.sentences)
                    self.counters.events += len(result.events)
                yield result
        finally:
            for stage in self.stages:
                flush = getattr(stage, "flush", None)
                if flush is not None:
                    flush()
