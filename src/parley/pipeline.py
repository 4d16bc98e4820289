"""A pipeline is a list of small named stages run lazily over a stream of documents.

Each stage is a callable `Document -> Document | None`: it returns the enriched document,
None to drop it quietly (an unchanged re-run), or raises `RejectDocument` to drop it with a
reason, which goes to the rejection sink and is counted. Stages that buffer (the store)
have `flush()`, called when the stream ends or fails. The stream is consumed a few
documents (a wave) at a time, so memory does not grow with the corpus; a stage that
works better on many documents at once (the parser: one batch of similar-length
sentences instead of one per document) offers `many(docs)`, called once per wave.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from parley import heap
from parley.document import Document, Rejection
from parley.errors import ParleyError, RejectDocument, one_line
from parley.resolve.document_date import INFERRED

Outcome = Document | Rejection | None


class Stage(Protocol):
    """A named step. Stages with `skip_copies = True` leave exact copies untouched. A
    stage that runs others elsewhere (in worker processes) returns their `Rejection`."""

    name: str

    def __call__(self, doc: Document) -> Outcome: ...


@dataclass(slots=True)
class Counters:
    """What happened to the stream: a user's answer to "did everything get coded?"."""

    documents: int = 0
    coded: int = 0
    copies: int = 0  # exact copies: stored, not coded again
    near_copies: int = 0  # coded, but joined an earlier document's story
    unchanged: int = 0
    rejected: int = 0
    sentences: int = 0
    events: int = 0
    negated: int = 0  # of those, events said not to have happened (`did not attack`)
    undated: int = 0  # coded documents that carried no date of their own
    inferred: int = 0  # of those, the ones given an inferred date


@dataclass(slots=True)
class Pipeline:
    """Stages in order, a rejection sink, and counters for the last run."""

    stages: Sequence[Stage]
    on_reject: Callable[[Rejection], None] | None = None
    counters: Counters = field(default_factory=Counters)
    # hears each document dropped as stored already (`parley code --all` prints its events)
    on_unchanged: Callable[[Document], None] | None = None
    wave: int = 16  # documents that go through the stages together

    def process(self, doc: Document) -> Document | Rejection | None:
        """Run one document through every stage."""
        return self.process_wave([doc])[0]

    def process_wave(self, docs: Sequence[Document]) -> list[Outcome]:
        """Run documents through every stage, stage by stage, keeping their order. A
        stage with `many` gets them all at once; should it fail, each document is tried
        alone, so that only the one at fault is rejected."""
        return self._through(list(docs), self.stages)

    def _through(self, current: list[Outcome], stages: Sequence[Stage]) -> list[Outcome]:
        """`process_wave` over some of the stages."""
        for stage in stages:
            live = _live(stage, current)
            many = getattr(stage, "many", None)
            if many is not None and len(live) > 1:
                try:
                    done = many([current[i] for i in live])
                except ParleyError:
                    raise
                except Exception:  # find the document at fault, one by one
                    done = None
                if done is not None:
                    for i, doc in zip(live, done, strict=True):
                        current[i] = doc
                    continue
            for i in live:
                doc = current[i]
                assert isinstance(doc, Document)
                current[i] = self.step(stage, doc)
        return current

    @staticmethod
    def step(stage: Stage, doc: Document) -> Outcome:
        """One stage on one document: the document, None, or why it was rejected."""
        try:
            return stage(doc)
        except RejectDocument as exc:
            return Rejection(doc.origin, exc.reason, stage.name, doc.id)
        except ParleyError:
            raise  # the run cannot go on (the store failed): stop with its message
        except Exception as exc:  # one document's failure must not end a long run
            detail = one_line(exc)
            reason = f"internal error in {stage.name} ({type(exc).__name__}: {detail})"
            return Rejection(doc.origin, reason, stage.name, doc.id)

    def run(self, items: Iterable[Document | Rejection]) -> Iterator[Document | Rejection]:
        """Lazily process a stream; yields coded documents and rejections in input order.
        What was loaded before the run (dictionaries, analyser) is kept out of garbage
        collections while it lasts (`parley.heap`: a fifth of the coding time)."""
        with heap.frozen():
            yield from self._run(items)

    def _run(self, items: Iterable[Document | Rejection]) -> Iterator[Document | Rejection]:
        try:
            for result in self._outcomes(items):
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
                        self.counters.near_copies += result.similar_to is not None
                        self._count_dates(result)
                    self.counters.sentences += len(result.sentences)
                    counted = [e for e in result.events if e.repeat_of is None]
                    self.counters.events += len(counted)
                    self.counters.negated += sum(e.negated for e in counted)
                yield result
        finally:
            for stage in self.stages:
                flush = getattr(stage, "flush", None)
                if flush is not None:
                    flush()

    def _count_dates(self, doc: Document) -> None:
        inferred = doc.date_source == INFERRED
        self.counters.inferred += inferred
        self.counters.undated += inferred or doc.date is None

    def _outcomes(self, items: Iterable[Document | Rejection]) -> Iterator[Outcome]:
        """Each item's outcome in input order, documents processed a wave at a time."""
        split = next((i for i, s in enumerate(self.stages) if hasattr(s, "submit")), None)
        if split is not None:
            yield from self._overlapped(self._waves(items), split)
            return
        for pending in self._waves(items):
            docs = [p for p in pending if isinstance(p, Document)]
            yield from _merged(pending, self.process_wave(docs), self.on_unchanged)

    def _waves(self, items: Iterable[Document | Rejection]) -> Iterator[list]:
        """The stream cut into waves of `wave` documents (with the rejections between)."""
        pending: list[Document | Rejection] = []
        documents = 0
        for item in items:
            pending.append(item)
            documents += isinstance(item, Document)
            if documents >= self.wave:
                yield pending
                pending, documents = [], 0
        if pending:
            yield pending

    def _overlapped(self, waves: Iterator[list], split: int) -> Iterator[Outcome]:
        """Waves through a stage that works elsewhere (`submit`: worker processes), one
        in flight while this process runs the stages before it on the next wave and
        the stages after it on the last: the workers never wait for reading,
        deduplication or the store. The stages before it end their wave once it is
        sent (`end_wave`: deduplication dates no copy of a document already sent), so
        documents come out as `process_wave` would make them."""
        before, stage, after = self.stages[:split], self.stages[split], self.stages[split + 1 :]
        flight: _Flight | None = None
        for pending in waves:
            current = self._through([p for p in pending if isinstance(p, Document)], before)
            live = _live(stage, current)
            sent = stage.submit([current[i] for i in live])  # type: ignore[attr-defined]
            for earlier in before:
                end = getattr(earlier, "end_wave", None)
                if end is not None:
                    end()
            if flight is not None:
                yield from self._landed(flight, stage, after)
            flight = _Flight(pending, current, live, sent)
        if flight is not None:
            yield from self._landed(flight, stage, after)

    def _landed(self, flight: _Flight, stage: Stage, after: Sequence[Stage]) -> list[Outcome]:
        """A wave back from `stage`, through the stages after it; should the stage fail,
        each document is tried alone, as `process_wave` does."""
        current = flight.current
        try:
            done: list[Outcome] | None = flight.result()
        except ParleyError:
            raise
        except Exception:
            done = None
        for n, i in enumerate(flight.live):
            doc = current[i]
            assert isinstance(doc, Document)
            current[i] = done[n] if done is not None else self.step(stage, doc)
        return _merged(flight.pending, self._through(current, after), self.on_unchanged)


@dataclass(slots=True)
class _Flight:
    """A wave sent to a stage that works elsewhere: its items, its documents' outcomes
    so far, which of them were sent, and how to wait for them."""

    pending: list[Document | Rejection]
    current: list[Outcome]
    live: list[int]
    result: Callable[[], list[Outcome]]


def _live(stage: Stage, current: Sequence[Outcome]) -> list[int]:
    """Which outcomes a stage takes: the documents (not exact copies, for a stage that
    leaves them be)."""
    skip = getattr(stage, "skip_copies", False)
    return [
        i
        for i, doc in enumerate(current)
        if isinstance(doc, Document) and not (skip and doc.duplicate_of is not None)
    ]


def _merged(
    pending: list[Document | Rejection],
    outcomes: list[Outcome],
    on_unchanged: Callable[[Document], None] | None = None,
) -> list[Outcome]:
    """A wave's outcomes put back among the rejections read with it, in input order;
    `on_unchanged` hears the documents (as read) that came out as None."""
    done = iter(outcomes)
    merged = [p if isinstance(p, Rejection) else next(done) for p in pending]
    if on_unchanged is not None:
        for item, outcome in zip(pending, merged, strict=True):
            if outcome is None and isinstance(item, Document):
                on_unchanged(item)
    return merged
