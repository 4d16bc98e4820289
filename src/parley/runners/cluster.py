"""`parley code --runner dask`: the pipeline's stages as Dask tasks over shards.

Four phases, of which the two costly ones run on the cluster:

1. prepare (workers, a task a shard): read, clean, describe, fingerprint.
2. decide (client, in input order): deduplicate on the fingerprints alone, with the
   stage and index the local runner uses (`parley.runners.decide`).
3. code (workers, a task a shard): segment, find actors, analyse, code, resolve.
4. dataset (client, one DuckDB query): count each event once per story, write the
   partitioned Parquet dataset (`parley.runners.dataset`), and merge it into the DuckDB
   store when asked to.

Phase 2 takes each shard as soon as it is prepared and hands it on to phase 3, so the
workers never wait for the whole corpus to be read. The events and stories are those of
the local runner, document for document.

A worker killed mid-run loses nothing: the scheduler gives its tasks to another worker,
and each task writes its shard under a temporary name and renames it, so a shard is
written whole or not at all, and once. A shard whose coding kills workers again and again
(a document that crashes the parser) is coded again a document a task, so only the
document at fault is rejected. The run's folder remembers its inputs and options
(`parley-run.json`): a rerun after a crash skips the shards already done, and refuses a
folder that holds another corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, Future, KilledWorker, LocalCluster, as_completed

from parley.dedup.stage import Deduplicate, DocumentIndex
from parley.document import Rejection
from parley.errors import ParleyError, one_line
from parley.pipeline import Counters
from parley.runners import tasks
from parley.runners.dataset import write_dataset
from parley.runners.decide import Decided, Decider
from parley.runners.shards import Shard, fingerprint
from parley.runners.tasks import Decision, Settings, Summary
from parley.store.duckdb_store import DuckDBStore

MANIFEST = "parley-run.json"
LOOPBACK = "127.0.0.1"


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new `LocalCluster` of `workers`
    single-threaded worker processes that listens on loopback only."""
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its notes are not ours
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ParleyError(f"cannot reach the Dask scheduler {scheduler} ({exc})") from exc
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host=LOOPBACK,
        dashboard_address=None,
        # the workers' own logs: a heartbeat cut short as the cluster closes is logged
        # as an error with its traceback; what fails a task reaches the client anyway
        silence_logs=logging.CRITICAL,
    )
    with cluster, Client(cluster) as client:
        yield client


@dataclass(slots=True)
class RunFolder:
    """The output folder of one corpus run: its dataset, work files and manifest."""

    root: Path
    inputs: str
    settings: str

    @property
    def work(self) -> Path:
        return tasks.work_folder(self.root)

    def _manifest(self) -> dict[str, object]:
        path = self.root / MANIFEST
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def claim(self) -> dict[str, object]:
        """Check the folder holds this run (or nothing); its manifest."""
        manifest = self._manifest()
        if manifest and (manifest["inputs"], manifest["settings"]) != (
            self.inputs,
            self.settings,
        ):
            raise ParleyError(
                f"{self.root}: holds the output of a run over other inputs or options; "
                "choose another folder, or remove it"
            )
        if not manifest:
            self.root.mkdir(parents=True, exist_ok=True)
            manifest = {"inputs": self.inputs, "settings": self.settings, "complete": False}
            self.note(manifest)
        return manifest

    def note(self, manifest: dict[str, object]) -> None:
        temporary = self.root / f".{MANIFEST}.tmp"
        temporary.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        temporary.replace(self.root / MANIFEST)


@dataclass(slots=True)
class DaskRun:
    """One run of shards on a cluster. `on_rejection` hears each rejection as it comes;
    `on_progress` (shards coded, counters) after each shard."""

    client: Client
    settings: Settings
    out: Path
    index: DocumentIndex
    store: DuckDBStore | None = None
    on_rejection: Callable[[Rejection], None] = lambda rejection: None
    on_progress: Callable[[int, Counters], None] = lambda done, counters: None
    counters: Counters = field(default_factory=Counters)
    rejections: list[Rejection] = field(default_factory=list)
    _coded: list[Path] = field(default_factory=list)
    _near_stories: set[str] = field(default_factory=set)
    _tasks: dict[str, tuple[Shard, list[Decision]]] = field(default_factory=dict)

    def run(self, shards: list[Shard]) -> Counters:
        """Code every shard; write the dataset; merge it into the store, if any."""
        folder = RunFolder(self.out, fingerprint(shards), self.settings.digest())
        manifest = folder.claim()
        target = str(self.store.path.resolve()) if self.store is not None else None
        if manifest["complete"] and manifest.get("merged_into") == target:
            return self.counters  # done before: as the local runner, add nothing
        stored_before = (
            self.store is not None and self.store.query("SELECT count(*) FROM documents")[0][0]
        )
        started = dt.datetime.now()
        work = folder.work
        prepares = self.client.map(
            tasks.prepare, shards, settings=self.settings, folder=work, retries=2, pure=False
        )
        decider = Decider(Deduplicate(self.index, self.settings.replace, self.settings.threshold),
                          work)  # fmt: skip
        coding = as_completed()
        for shard, prepared in zip(shards, prepares, strict=True):
            self._reject(prepared.result())
            for decided in decider.add(shard):
                self._submit(coding, decided)
        for decided in decider.finish():
            self._submit(coding, decided)
        self._collect(coding)
        priors = None
        if self.store is not None and stored_before and self._near_stories:
            priors = self.store.first_sightings(sorted(self._near_stories))
        if manifest["complete"]:  # a dataset done before is rewritten: not done until it is
            manifest.update(complete=False, merged_into=None)
            folder.note(manifest)
        self.counters.events = write_dataset(self.out, self._coded, self.rejections, priors,
                                             started)  # fmt: skip
        manifest.update(complete=True, merged_into=None)
        folder.note(manifest)
        if self.store is not None:
            self.store.add_dataset(self.out)
            manifest["merged_into"] = target
            folder.note(manifest)
        return self.counters

    def _reject(self, rejections: list[Rejection]) -> None:
        for rejection in rejections:
            self.counters.rejected += 1
            self.rejections.append(rejection)
            self.on_rejection(rejection)

    def _submit(self, coding: as_completed, decided: Decided) -> None:
        self._reject(decided.rejections)
        self.counters.unchanged += decided.unchanged
        self.counters.documents += decided.unchanged
        decisions = decided.decisions()
        self._near_stories.update(
            d.story_id for d in decisions if d.similar_to is not None and d.duplicate_of is None
        )
        if decisions:
            coding.add(self._code(decided.shard, decisions, retries=2))

    def _code(self, shard: Shard, decisions: list[Decision], retries: int) -> Future:
        future = self.client.submit(
            tasks.code, shard, decisions, self.settings, tasks.work_folder(self.out),
            retries=retries, pure=False,
        )  # fmt: skip
        self._tasks[future.key] = (shard, decisions)
        return future

    def _collect(self, coding: as_completed) -> None:
        """Take each coded shard as it is done. A shard that killed its workers is
        coded again one document a task; a document that kills them alone is rejected."""
        done = 0
        for future in coding:
            shard, decisions = self._tasks.pop(future.key)
            try:
                summary: Summary = future.result()
            except KilledWorker as exc:
                if len(decisions) > 1:
                    for decision in decisions:
                        coding.add(self._code(shard, [decision], retries=0))
                    continue
                self._reject([_killed(decisions[0], exc)])
                continue
            self._coded.append(tasks.coded_path(tasks.work_folder(self.out), shard, decisions))
            self._reject(summary.rejections)
            c = self.counters
            c.documents += summary.documents
            c.coded += summary.coded
            c.copies += summary.copies
            c.near_copies += summary.near_copies
            c.sentences += summary.sentences
            c.events += summary.events
            done += 1
            self.on_progress(done, c)


def _killed(decision: Decision, exc: BaseException) -> Rejection:
    """The rejection of a document whose coding killed every worker that tried it."""
    reason = f"internal error in coding (it killed the worker process: {one_line(exc)})"
    return Rejection(decision.origin, reason, "code", decision.document_id)
