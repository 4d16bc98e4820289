"""The uploads waiting to be coded, and the one thread that codes them.

Coding a file takes a second or more (parsing), and DuckDB lets one connection write a
file and none read it meanwhile: coded in its request, each upload kept every page and
read waiting behind it (82 s behind 60 uploads). So an upload request only checks the
file and queues it (202, with the address of its status), and one worker thread codes
the queue in order: it prepares each file with the database closed, then opens the file
for writing only to store it (`parley.web.uploads`), so reads wait for that short step
at most. One thread, as DuckDB allows one writer. The queue lives on the app's state.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from parley.errors import ParleyError, one_line
from parley.web.uploads import UploadError, UploadResult, Uploads

if TYPE_CHECKING:
    from parley.web.api import Reader

# Finished uploads whose status stays to be asked for (the oldest are forgotten).
KEPT = 1000
# How long closing the server waits for the upload being coded.
CLOSE_WAIT_SECONDS = 30.0
_log = logging.getLogger(__name__)


@dataclass(slots=True)
class Job:
    """One uploaded file: `queued`, `coding`, then `done` (with its result) or `failed`
    (with the reason). Its bytes are kept only until it is coded."""

    id: str
    name: str
    kind: str
    date: dt.date | None
    data: bytes = field(repr=False)
    state: str = "queued"
    result: UploadResult | None = None
    reason: str | None = None

    @property
    def url(self) -> str:
        return f"/api/uploads/{self.id}"

    def report(self) -> dict[str, Any]:
        """The status the API answers: what a page needs to show the outcome."""
        body: dict[str, Any] = {
            "job": self.id, "name": self.name, "state": self.state, "status_url": self.url,
        }  # fmt: skip
        if self.result is not None:
            body |= {
                "document_id": self.result.document_id,
                "documents": [self.result.document_id],
                "status": self.result.status,
                "sentences": self.result.sentences,
                "events": self.result.events,
                "already_stored": self.result.already_stored,
                "message": self.result.message,
            }
        if self.reason is not None:
            body["reason"] = self.reason
        return body


@dataclass(slots=True)
class Jobs:
    """The uploads of one app, coded in order by one worker thread, started with the
    first upload and stopped with the app (after the upload it is coding)."""

    uploads: Uploads
    reader: Reader
    _jobs: OrderedDict[str, Job] = field(default_factory=OrderedDict)
    _queue: queue.Queue[Job | None] = field(default_factory=queue.Queue)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _worker: threading.Thread | None = None

    def submit(self, name: str, kind: str, data: bytes, date: dt.date | None) -> Job:
        """Queue a checked file; too many waiting already is a 503 (each waits in
        memory)."""
        job = Job(uuid.uuid4().hex, name, kind, date, data)
        with self._lock:
            if self._stopping.is_set():
                raise UploadError("the server is stopping: add the file again later", 503)
            waiting = sum(j.state == "queued" for j in self._jobs.values())
            if waiting >= self.uploads.max_waiting:
                raise UploadError(
                    f"{name}: {waiting} uploads are waiting to be coded; "
                    "add it again when they are done",
                    status=503,
                )
            self._jobs[job.id] = job
            self._forget()
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="parley-uploads")
                self._worker.daemon = True
                self._worker.start()
        self._queue.put(job)
        return job

    def report(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return job.report() if job is not None else None

    def close(self) -> None:
        """Stop after the upload being coded; those still queued fail, saying so."""
        with self._lock:
            self._stopping.set()
            worker = self._worker
        self._queue.put(None)
        if worker is not None:
            worker.join(CLOSE_WAIT_SECONDS)

    def _forget(self) -> None:
        """Drop the oldest finished jobs beyond KEPT."""
        finished = [j.id for j in self._jobs.values() if j.state in ("done", "failed")]
        for job_id in finished[: max(0, len(finished) - KEPT)]:
            del self._jobs[job_id]

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            if self._stopping.is_set():
                self._finish(job, None, "the server stopped before coding it: add it again")
                continue
            with self._lock:
                job.state = "coding"
            try:
                result = self._code(job)
            except ParleyError as exc:
                self._finish(job, None, str(exc))
            except Exception as exc:  # one file's failure must not stop the worker
                _log.exception("coding upload %s", job.name)
                self._finish(job, None, f"internal error ({type(exc).__name__}: {one_line(exc)})")
            else:
                reason = result.message if result.status == "rejected" else None
                self._finish(job, result, reason)

    def _code(self, job: Job) -> UploadResult:
        """Prepare with the database closed (reads go on), then store it, holding the
        file for writing only that long."""
        prepared = self.uploads.prepare(job.name, job.kind, job.data, job.date, self._known)
        with self.reader.writing() as store:
            return self.uploads.store(prepared, store)

    def _known(self, document_id: str) -> str | None:
        """The content hash stored under an id, read as a request reads (None when the
        file cannot be read now: `store` asks the store again)."""
        try:
            with self.reader.reading() as db:
                rows = db.sql(
                    "SELECT content_hash FROM documents WHERE document_id = ?", [document_id]
                ).fetchall()
        except Exception:  # a guess only: `store` asks the store itself
            return None
        return rows[0][0] if rows else None

    def _finish(self, job: Job, result: UploadResult | None, reason: str | None) -> None:
        with self._lock:
            job.result, job.reason, job.data = result, reason, b""
            job.state = "failed" if reason is not None else "done"
