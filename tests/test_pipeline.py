"""The pipeline runs documents in waves, stage by stage, and keeps every promise of a
one-document-at-a-time run: input order, one rejection for the one bad document."""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field

import parley
from parley import heap
from parley.document import Document, Rejection
from parley.pipeline import Pipeline


def doc(n: int) -> Document:
    return Document(id=f"d{n}", origin=f"file{n}.txt", format="text", raw=f"text {n}")


@dataclass
class Mark:
    """A per-document stage that records the order it saw documents in."""

    name: str = "mark"
    seen: list[str] = field(default_factory=list)

    def __call__(self, d: Document) -> Document:
        self.seen.append(d.id)
        return d


@dataclass
class Batch:
    """A stage with `many`: it fails on the whole wave when one document is bad."""

    name: str = "batch"
    waves: list[int] = field(default_factory=list)

    def __call__(self, d: Document) -> Document:
        if d.id == "d3":
            raise ValueError("bad input")
        d.title = "batched"
        return d

    def many(self, docs: Sequence[Document]) -> list[Document]:
        self.waves.append(len(docs))
        return [self(d) for d in docs]


def test_waves_keep_order_and_reject_only_the_bad_document():
    mark, batch = Mark(), Batch()
    pipeline = Pipeline([mark, batch], wave=4)
    items: list[Document | Rejection] = [doc(0), doc(1), Rejection("x.bin", "unreadable", "read")]
    items += [doc(n) for n in range(2, 7)]
    out = list(pipeline.run(items))
    assert [getattr(o, "id", None) or o.origin for o in out] == [
        "d0", "d1", "x.bin", "d2", "file3.txt", "d4", "d5", "d6",
    ]  # fmt: skip
    (rejected,) = [o for o in out if isinstance(o, Rejection) and o.stage == "batch"]
    assert rejected.document_id == "d3" and "bad input" in rejected.reason
    assert all(o.title == "batched" for o in out if isinstance(o, Document))
    assert batch.waves == [4, 3]  # the first wave (d0–d3) failed whole, then went one by one
    assert mark.seen == [f"d{n}" for n in range(7)]
    assert pipeline.counters.rejected == 2 and pipeline.counters.coded == 6


@dataclass
class Elsewhere(Batch):
    """A stage that works elsewhere: `submit` sends a wave and returns how to wait for
    it; the log says what ran when."""

    name: str = "elsewhere"
    log: list[str] = field(default_factory=list)

    def submit(self, docs: Sequence[Document]):
        self.log.append("sent " + ",".join(d.id for d in docs))

        def result() -> list[Document]:
            self.log.append("back " + ",".join(d.id for d in docs))
            return self.many(docs)

        return result


@dataclass
class Before(Mark):
    """A stage before it that ends its wave (as deduplication does)."""

    log: list[str] = field(default_factory=list)

    def __call__(self, d: Document) -> Document:
        self.log.append(f"before {d.id}")
        return super().__call__(d)

    def end_wave(self) -> None:
        self.log.append("end")


def test_a_stage_working_elsewhere_has_one_wave_in_flight_and_changes_no_outcome():
    log: list[str] = []
    before, elsewhere, after = Before(log=log), Elsewhere(log=log), Mark(name="after")
    items: list[Document | Rejection] = [doc(0), doc(1), Rejection("x.bin", "unreadable", "read")]
    items += [doc(n) for n in range(2, 6)]
    out = list(Pipeline([before, elsewhere, after], wave=2).run(items))
    plain = list(Pipeline([Mark(), Batch(), Mark(name="after")], wave=2).run(
        [doc(0), doc(1), Rejection("x.bin", "unreadable", "read"), *[doc(n) for n in range(2, 6)]]
    ))  # fmt: skip
    assert [(type(o).__name__, getattr(o, "title", None), o.origin) for o in out] == [
        (type(o).__name__, getattr(o, "title", None), o.origin) for o in plain
    ]
    assert after.seen == ["d0", "d1", "d2", "d4", "d5"]  # d3 rejected, one by one
    # the next wave is read and sent before the last one comes back
    assert log[:9] == [
        "before d0", "before d1", "sent d0,d1", "end",
        "before d2", "before d3", "sent d2,d3", "end", "back d0,d1",
    ]  # fmt: skip


def test_a_wave_of_documents_is_analysed_as_one_document_each_would_be(dictionaries):
    texts = [
        "Japan accused China of violating its airspace. Russia praised India.",
        "The French president visited Germany on Monday after a long and difficult "
        "week of talks between the two governments about trade.",
        "Egypt met Israel for talks.",
    ]

    def triples(events):
        return sorted((e.source, e.code, e.target) for e in events)

    one = [triples(parley.code_text(t, dictionaries=dictionaries)) for t in texts]
    stages = parley.api.coding_stages(dictionaries, deduplicate=False)
    docs = [Document(id=f"t{n}", origin="text", format="text", raw=t) for n, t in enumerate(texts)]
    pipeline = Pipeline(stages, wave=3)
    assert any(hasattr(s, "many") for s in stages)
    waved = [triples(d.events) for d in pipeline.run(docs)]
    assert all(one) and waved == one


def test_a_run_keeps_what_was_loaded_before_it_out_of_collections_until_it_ends():
    loaded = [object() for _ in range(1000)]
    assert gc.get_freeze_count() == 0
    during = []

    def stage(d: Document) -> Document:
        during.append(gc.get_freeze_count())
        return d

    stage.name = "probe"  # type: ignore[attr-defined]
    assert [d.id for d in Pipeline([stage]).run([doc(1), doc(2)])] == ["d1", "d2"]
    assert min(during) >= len(loaded) and gc.get_freeze_count() == 0


def test_a_run_collects_young_objects_less_often_and_restores_the_thresholds():
    before = gc.get_threshold()
    during = []

    def stage(d: Document) -> Document:
        during.append(gc.get_threshold())
        return d

    stage.name = "probe"  # type: ignore[attr-defined]
    list(Pipeline([stage]).run([doc(1)]))
    assert during == [(heap.RUN_THRESHOLD, *before[1:])] and before[0] < heap.RUN_THRESHOLD
    assert gc.get_threshold() == before


def test_a_table_read_mid_run_joins_the_frozen_ones_and_nothing_stays_frozen_outside():
    heap.keep_loaded()
    assert gc.get_freeze_count() == 0
    with heap.frozen():
        before = gc.get_freeze_count()
        table = {n: [n] for n in range(5000)}
        heap.keep_loaded()
        assert gc.get_freeze_count() >= before + len(table)
    assert gc.get_freeze_count() == 0
