"""Code files into a database: the one path every caller takes. `parley code`, uploads
to `parley serve`, the benchmarks and the tests all call `code_files` (paths in, a
`RunReport` out) or, for documents already read, `code_items`; the command line only
parses options and prints.

    report = code_files(["examples/"], "news.duckdb")
    report = code_files(["feeds/"], "news.duckdb", runner="processes", workers=4)

A run reads every input, codes what it has not stored before and stores it; running it
again on the same inputs adds nothing. A rejected input (unreadable, too large) is
recorded with its reason and the run goes on: `RunReport.failed` says whether any was.
The three runners give the same documents, events and stories:

- `local`: every stage in this process;
- `processes`: the per-document stages (segment → actors → analyse → code → resolve) in
  worker processes, one a core (`parley.runners.processes`);
- `dask`: shards of the inputs as Dask tasks, into a Parquet dataset and, with `merge`,
  the database (`parley.runners.cluster`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from parley.api import coding_stages, document_stages
from parley.config import Dictionaries, DictionaryPaths
from parley.dedup.relink import relink
from parley.dedup.stage import DEFAULT_THRESHOLD, MemoryIndex
from parley.document import Document, Rejection
from parley.ingest.discover import discover
from parley.ingest.readers import read
from parley.limits import DEFAULT_LIMITS, Limits
from parley.pipeline import Counters, Pipeline, Stage
from parley.store.duckdb_store import DuckDBStore

RUNNERS = ("local", "processes", "dask")
WAVES_A_WORKER = 4  # waves of documents a worker process codes at a time

OnDocument = Callable[[Document], None]
OnRejection = Callable[[Rejection], None]
# inputs done (files, or shards on Dask), of how many, and the run's counters so far
OnProgress = Callable[[int, int | None, Counters], None]


def _ignore(*_: object) -> None:
    """What a caller that asks for no news of a run hears."""


@dataclass(slots=True, frozen=True)
class Settings:
    """Everything besides the inputs that a run's output depends on (sent to Dask tasks,
    whose run folder remembers them by `digest`)."""

    paths: DictionaryPaths = field(default_factory=DictionaryPaths)
    analyser: str = "parley"
    default_date: dt.date | None = None
    threshold: float = DEFAULT_THRESHOLD
    replace: bool = False
    limits: Limits = DEFAULT_LIMITS

    def digest(self) -> str:
        """Changes when an option, a dictionary file or parley's version changes."""
        seen = [
            f"{p}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in self.paths.resolved().every()
        ]
        text = repr(
            (seen, self.analyser, self.default_date, self.threshold, self.replace, self.limits)
        )
        text += metadata.version("parley")
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(slots=True)
class RunReport:
    """What a run did: its counters (documents coded, copies, unchanged, rejected,
    sentences, events), where it stored them, and what replaced documents re-derived."""

    counters: Counters
    where: str
    relinked_documents: int = 0
    relinked_stories: int = 0
    skipped: list[str] = field(default_factory=list)  # files of other types in folders

    @property
    def failed(self) -> bool:
        """Whether an input was rejected (the run went on; each one is stored)."""
        return self.counters.rejected > 0


def code_files(
    paths: Sequence[str | Path],
    db: str | Path = "parley.duckdb",
    *,
    settings: Settings | None = None,
    dictionaries: Dictionaries | None = None,
    runner: str = "local",
    workers: int = 1,
    input_format: str | None = None,
    db_memory: str = "auto",
    parquet: str | Path | None = None,
    scheduler: str | None = None,
    shard_size: int = 1000,
    merge: bool = True,
    on_document: OnDocument = _ignore,
    on_rejection: OnRejection = _ignore,
    on_progress: OnProgress = _ignore,
    on_unchanged: OnDocument = _ignore,
) -> RunReport:
    """Read, code and store every input under `paths` (files or folders) in the
    database `db`, with one of `RUNNERS`.

    `settings` holds the dictionary files, analyser, default date, near-copy threshold,
    `replace` and size limits; `dictionaries` the ones already loaded from them (loaded
    here when not given). `input_format` reads every file as that kind, whatever its
    name. The callbacks hear each coded document in input order (`on_document`; not
    with the Dask runner, which writes its events to the `parquet` folder), each
    rejection once it is stored (`on_rejection`), each document stored before and
    left as it was (`on_unchanged`, as read; not on Dask) and, after each input file
    (each shard on Dask), how far the run is (`on_progress`). Files of other types
    inside the folders given are passed over and named in the report (`skipped`). On
    Dask, `scheduler` names a
    cluster to use (else one of `workers` local processes is started), and `merge`
    adds the dataset to `db` (without it, `db` is left alone)."""
    settings = settings or Settings()
    if runner not in RUNNERS:
        raise ValueError(f"runner {runner!r}: one of {', '.join(RUNNERS)}")
    if runner == "dask":
        if parquet is None:
            raise ValueError("the dask runner writes its dataset to a parquet folder")
        return _code_on_dask(
            list(paths), Path(db), settings, dictionaries, workers, input_format, db_memory,
            Path(parquet), scheduler, shard_size, merge, on_rejection, on_progress,
        )  # fmt: skip
    dictionaries = dictionaries or Dictionaries.load(settings.paths, analyser=settings.analyser)
    with ExitStack() as stack:
        store = stack.enter_context(DuckDBStore(db, memory_limit=db_memory))
        per_document: list[Stage] | None = None
        if runner == "processes":
            from parley.runners.processes import InProcesses  # spawns: only when asked

            pool = InProcesses(settings.paths, settings.analyser, workers, settings.limits)
            per_document = [stack.enter_context(pool)]
        done = 0
        total = None if on_progress is _ignore else sum(1 for _ in discover(paths, input_format))
        skipped: list[str] = []

        def items() -> Iterator[Document | Rejection]:
            nonlocal done
            for source in discover(paths, input_format, lambda p: skipped.append(str(p))):
                yield from read(source, limits=settings.limits)
                done += 1

        counters = code_items(
            items(), store, dictionaries, settings,
            on_document=on_document, on_rejection=on_rejection,
            on_outcome=lambda c: on_progress(done, total, c), per_document=per_document,
            on_unchanged=on_unchanged,
        )  # fmt: skip
        report = RunReport(counters, str(store.path), skipped=skipped)
        _relink(store, dictionaries, settings, on_rejection, report)
    return report


def code_items(
    items: Iterable[Document | Rejection],
    store: DuckDBStore,
    dictionaries: Dictionaries,
    settings: Settings | None = None,
    *,
    on_document: OnDocument = _ignore,
    on_rejection: OnRejection = _ignore,
    on_outcome: Callable[[Counters], None] = _ignore,
    per_document: list[Stage] | None = None,
    on_unchanged: OnDocument | None = None,
) -> Counters:
    """Code documents already read (and the rejections of reading them) into an open
    store, as `code_files` does: deduplicated against it, coded, stored, a rejection
    stored and then passed to `on_rejection`; `on_outcome` hears the counters after
    each document or rejection, `on_unchanged` each document stored before and left be.
    `per_document` stands for the stages
    that read one document alone (`parley.api.document_stages`), run elsewhere: a pool
    of worker processes. Uploads to `parley serve` come this way, one file at a time."""
    settings = settings or Settings()
    stages = coding_stages(
        dictionaries, store, settings.default_date, settings.replace,
        threshold=settings.threshold, per_document=per_document, limits=settings.limits,
    )  # fmt: skip
    pipeline = Pipeline(
        [*stages, store], on_reject=_stored(store, on_rejection), on_unchanged=on_unchanged
    )
    if per_document:
        # four waves for each worker at once: fewer, larger sends and answers (3,000
        # articles on 2 cores: 10.0-11.7 s with one, 8.1-10.2 s with four)
        pipeline.wave *= WAVES_A_WORKER * getattr(per_document[0], "workers", 1)
    for result in pipeline.run(items):
        if isinstance(result, Document):
            on_document(result)
        on_outcome(pipeline.counters)
    return pipeline.counters


def _stored(store: DuckDBStore, on_rejection: OnRejection) -> OnRejection:
    """A rejection sink that stores each rejection, then tells the caller."""

    def reject(rejection: Rejection) -> None:
        store.add_rejection(rejection)
        on_rejection(rejection)

    return reject


def _relink(
    store: DuckDBStore,
    dictionaries: Dictionaries,
    settings: Settings,
    on_rejection: OnRejection,
    report: RunReport,
) -> None:
    """After documents were replaced (`replace`, or a run killed before it got here):
    re-derive the copies and repeats they fed (`parley.dedup.relink`)."""
    if not store.replaced:
        return
    recode = Pipeline(
        document_stages(dictionaries, settings.limits), on_reject=_stored(store, on_rejection)
    )
    relinked = relink(store, recode.process_wave, settings.threshold)
    report.relinked_documents = len(relinked.documents)
    report.relinked_stories = relinked.stories


def _code_on_dask(
    paths: list[str | Path],
    db: Path,
    settings: Settings,
    dictionaries: Dictionaries | None,
    workers: int,
    input_format: str | None,
    db_memory: str,
    out: Path,
    scheduler: str | None,
    shard_size: int,
    merge: bool,
    on_rejection: OnRejection,
    on_progress: OnProgress,
) -> RunReport:
    """The shards of the inputs on Dask (`parley.runners.cluster`), merged into `db`
    when asked."""
    # Dask and distributed take a fifth of a second to import: only runs on Dask pay it
    from parley.runners.cluster import DaskRun, connect
    from parley.runners.shards import plan

    # the dictionary files by absolute path: workers may start in other folders
    settings = dataclasses.replace(settings, paths=settings.paths.absolute())
    shards = plan(paths, input_format, shard_size)
    with ExitStack() as stack:
        store = stack.enter_context(DuckDBStore(db, memory_limit=db_memory)) if merge else None
        client = stack.enter_context(connect(scheduler, workers))
        index = store if store is not None else MemoryIndex()

        def shards_done(done: int, counters: Counters) -> None:
            on_progress(done, len(shards), counters)

        run = DaskRun(client, settings, out, index, store, on_rejection, shards_done)
        counters = run.run(shards)
        report = RunReport(counters, f"{out}" + (f" and {store.path}" if store else ""))
        for _ in discover(paths, input_format, lambda p: report.skipped.append(str(p))):
            pass  # the shards were planned from the same walk: name what it passed over
        if store is not None:
            loaded = dictionaries or Dictionaries.load(settings.paths, analyser=settings.analyser)
            _relink(store, loaded, settings, on_rejection, report)
    return report
