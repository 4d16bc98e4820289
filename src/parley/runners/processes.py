"""The per-document stages in worker processes, one per core: `parley code --runner
processes`.

What needs the whole corpus stays in the parent, in input order: reading, cleaning,
deduplication against the index, counting each event once per story and the store.
Only `document_stages` (segment → actors → analyse → code → resolve), which read one
document alone and cost nearly all the time, go to the workers, a wave of documents
at a time. A document comes back coded exactly as this process would have coded it,
so a run gives the same events and stories with either runner.

Workers are started with `spawn`, not `fork`: the parent holds an open DuckDB
connection and its threads, which a forked child must not inherit. Each worker loads the
dictionaries once (from the compiled cache), at its first wave.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from parley import heap
from parley.config import DictionaryPaths
from parley.document import Document
from parley.limits import DEFAULT_LIMITS, Limits
from parley.pipeline import Outcome, Pipeline
from parley.runners import worker


def _code(
    paths: DictionaryPaths, analyser: str, limits: Limits, docs: Sequence[Document]
) -> list[Outcome]:
    """In a worker: one share of a wave through the document stages. The sentences go
    back without their tokens and syntactic words: nothing after these stages reads
    them, and they are most of what would be pickled."""
    stages = worker.stages(paths, analyser, limits)
    with heap.frozen():
        done = Pipeline(stages).process_wave(docs)
    for doc in done:
        if isinstance(doc, Document):
            for sentence in doc.sentences:
                sentence.tokens, sentence.words = [], []
    return done


class InProcesses:
    """One stage standing for `document_stages`, run by a pool of worker processes.
    A rejection in a worker comes back as the `Rejection` that stage made."""

    name = "processes"

    def __init__(
        self, paths: DictionaryPaths, analyser: str, workers: int, limits: Limits = DEFAULT_LIMITS
    ) -> None:
        self.workers = workers
        self._code = functools.partial(_code, paths, analyser, limits)
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def many(self, docs: Sequence[Document]) -> list[Outcome]:
        """A wave shared among the workers (every n-th document to each, so that long
        and short ones mix), answers put back in input order.

        A worker that dies (killed, or crashed by a document) breaks the pool: a new
        pool codes the wave again. Should it die again, the error goes to the pipeline,
        which tries the wave's documents one at a time (each call first replaces a
        broken pool), so only the one at fault is rejected and the run goes on."""
        try:
            return self._share(docs)
        except BrokenProcessPool:
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._start()
        return self._share(docs)

    def submit(self, docs: Sequence[Document]) -> Callable[[], list[Outcome]]:
        """Send a wave to the workers and return at once: the pipeline reads and
        deduplicates the next wave and stores the last one meanwhile
        (`Pipeline._overlapped`). The call returned waits for the answers; should a
        worker have died, the wave is coded again as `many` codes it."""
        try:
            futures = [self._pool.submit(self._code, share) for share in self._shares(docs)]
        except BrokenProcessPool:
            return lambda: self.many(docs)

        def result() -> list[Outcome]:
            try:
                return self._placed(docs, [f.result() for f in futures])
            except BrokenProcessPool:
                return self.many(docs)

        return result

    def _shares(self, docs: Sequence[Document]) -> list[Sequence[Document]]:
        """Every n-th document to each worker, so that long and short ones mix."""
        return [share for i in range(self.workers) if (share := docs[i :: self.workers])]

    def _placed(self, docs: Sequence[Document], coded: list[list[Outcome]]) -> list[Outcome]:
        """The workers' answers put back in input order."""
        done: list[Outcome] = [None] * len(docs)
        for i, share in enumerate(coded):
            done[i :: self.workers] = share
        return done

    def _share(self, docs: Sequence[Document]) -> list[Outcome]:
        return self._placed(docs, list(self._pool.map(self._code, self._shares(docs))))

    def __call__(self, doc: Document) -> Outcome:
        return self.many([doc])[0]

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> InProcesses:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
