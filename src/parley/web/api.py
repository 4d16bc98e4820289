"""The JSON API of `parley serve`: events (filtered, sorted, paged), counts, one event
with its provenance and explanation, one document with its events' spans and its
story's copies, and the upload of new documents with their status.

Every route reads through an `EventDatabase` opened read-only, so that `parley query`
can read the file at the same time. It stays open for a second after a request and is
then closed, so that a `parley code` run can write to the file between requests; while
a run writes, a request asks it to make way, and a run that waits for the file has it
closed at once (`parley.store.turns`). A lock keeps the server to one request on the
file at a time (it is a local, few-user tool: the queries take milliseconds). An upload
is queued and coded by a worker thread (`parley.web.jobs`), which opens the file for
writing only to store a document coded beforehand (DuckDB allows one writer, and no
reader beside a writer); its status is asked for at `/api/uploads/ID`. FastAPI
describes the routes in an OpenAPI document at `/openapi.json` (its try-it pages, which
load scripts from a CDN, are off).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from parley.api import find_places, find_times
from parley.errors import ParleyError, StoreError
from parley.events.ontology import Ontology
from parley.query.counts import GROUPS
from parley.query.database import READ_MEMORY_LIMIT, EventDatabase
from parley.query.explanation import stored_explanations
from parley.query.filters import EventFilter, events_sql
from parley.store.duckdb_store import DuckDBStore
from parley.store.records import plain
from parley.store.turns import Turns
from parley.web.jobs import Jobs
from parley.web.uploads import FORM_SENT, UploadError, Uploads

MAX_PAGE = 500
# An upload waits this long for readers of the file (`parley query`) to finish.
WRITE_WAIT_SECONDS = 5.0
# The file stays open this long after a request, for the next requests of a page.
LINGER_SECONDS = 1.0
router = APIRouter(prefix="/api")


class Reader:
    """The app's database and the lock that serialises the requests on it. The file
    stays open for LINGER_SECONDS after a request, for the page's next ones, and is then
    closed, so that a `parley code` run can write between requests; it is closed at once
    when a run waits for it (`parley.store.turns`)."""

    def __init__(
        self,
        path: str | Path,
        memory_limit: str = READ_MEMORY_LIMIT,
        write_wait: float = WRITE_WAIT_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.memory_limit = memory_limit
        self.write_wait = write_wait
        self.lock = threading.Lock()
        self.ontology = Ontology.load()
        self._turns = Turns(self.path)
        self._held: EventDatabase | None = None
        self._closer: threading.Timer | None = None
        self._linger(self._take())  # a file that is not a parley database fails now

    @contextmanager
    def reading(self) -> Iterator[EventDatabase]:
        """The database for one request; a user's mistake is a 400 with its message, a
        database a run did not let go of a 503."""
        with self.lock:
            try:
                database = self._take()
            except StoreError as exc:
                raise HTTPException(status_code=503, detail=str(exc)) from exc
            try:
                with database.reading():
                    yield database
            except ParleyError as exc:
                raise HTTPException(status_code=400, detail=str(exc)) from exc
            finally:
                self._linger(database)

    @contextmanager
    def writing(self) -> Iterator[DuckDBStore]:
        """The database opened for writing, to store one upload; reads wait until it is
        done. A file held by another program (a `parley code` run, say) is a
        `StoreError` that says so."""
        with self.lock:
            self._release()
            with DuckDBStore(self.path, wait=self.write_wait) as store:
                yield store

    def close(self) -> None:
        with self.lock:
            self._release()

    def _take(self) -> EventDatabase:
        """The database left open by the last request, or the file opened now."""
        if self._closer is not None:
            self._closer.cancel()
        database, self._held = self._held, None
        if database is not None:
            return database
        database = EventDatabase(self.path, self.memory_limit)
        # Every query of the API sets its order (it exports nothing), so its scans (a
        # search of sentence words) may use every core.
        database.connection.execute(f"SET threads = {os.cpu_count() or 1}")
        return database

    def _linger(self, database: EventDatabase) -> None:
        """Keep the database open a while for the next request, unless a run waits."""
        if self._turns.asked(by="write"):
            database.close()
            return
        self._held = database
        self._closer = threading.Timer(LINGER_SECONDS, self.close)
        self._closer.daemon = True
        self._closer.start()

    def _release(self) -> None:
        database, self._held = self._held, None
        if database is not None:
            database.close()


def _reader(request: Request) -> Reader:
    return request.app.state.reader


Text = Annotated[str | None, Query()]


def event_filter(
    actor: Text = None,
    source: Text = None,
    target: Text = None,
    country: Text = None,
    source_country: Text = None,
    target_country: Text = None,
    located_in: Text = None,
    code: Annotated[str | None, Query(description="CAMEO code or prefix: 04, 043")] = None,
    plover: Text = None,
    quad: Annotated[str | None, Query(description="quad classes, e.g. 3,4")] = None,
    since: Text = None,
    until: Text = None,
    date_of: Annotated[str, Query(pattern="^(event|document)$")] = "event",
    precision: Text = None,
    modality: Text = None,
    negated: Annotated[str, Query(pattern="^(exclude|only|include)$")] = "exclude",
    repeats: bool = False,
    story: Text = None,
    document: Text = None,
    text: Text = None,
) -> EventFilter:
    """The filters of `parley query`, as query parameters (comma-separated lists)."""
    try:
        return EventFilter.of(
            actor=actor, source=source, target=target, country=country,
            source_country=source_country, target_country=target_country,
            located_in=located_in, code=code, plover=plover, quad_class=quad, since=since,
            until=until, date_of=date_of, precision=precision, modality=modality,
            negated=negated, repeats=repeats, story=story, document=document, text=text,
        )  # fmt: skip
    except ParleyError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc


Filter = Annotated[EventFilter, Depends(event_filter)]
Database = Annotated[Reader, Depends(_reader)]


def _records(relation: Any) -> list[dict[str, Any]]:
    names = relation.columns
    return [dict(zip(names, map(plain, row), strict=True)) for row in relation.fetchall()]


@router.get("/events")
def list_events(
    reader: Database,
    chosen: Filter,
    sort: Annotated[str, Query(description="a column; -column for descending")] = "-event_date",
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
) -> dict[str, Any]:
    """One page of the events the filters keep, sorted, and how many there are."""
    column, descending = sort.removeprefix("-"), sort.startswith("-")
    with reader.reading() as db:
        if column not in db.columns():
            raise ParleyError(f"cannot sort by {column}: no such column")
        query, params = events_sql(chosen)
        total = db.sql(f"SELECT count(*) FROM ({query})", params).fetchall()[0][0]
        order = f'"{column}" {"DESC" if descending else "ASC"} NULLS LAST, event_id'
        rows = db.sql(f"{query} ORDER BY {order} LIMIT {size} OFFSET {(page - 1) * size}", params)
        return {"total": total, "page": page, "size": size, "events": _records(rows)}


@router.get("/counts")
def count_events(
    reader: Database,
    chosen: Filter,
    by: Annotated[str, Query(description=f"group keys: {', '.join(GROUPS)}")],
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1_000,
) -> dict[str, Any]:
    """Events, Goldstein sum and mean and quad-class counts per group."""
    with reader.reading() as db:
        return {"by": by, "rows": _records(db.counts(by, chosen).limit(limit))}


@router.get("/events/{event_id}")
def one_event(reader: Database, event_id: str) -> dict[str, Any]:
    """An event with everything stored about it (spans, dictionary entries, place)."""
    with reader.reading() as db:
        rows = _records(db.sql("SELECT * FROM events WHERE event_id = ?", [event_id]))
    if not rows:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    return rows[0]


@router.get("/events/{event_id}/explain")
def explain_event(reader: Database, event_id: str) -> dict[str, Any]:
    """Why the event was coded, as `parley explain` shows it: the sentence, each part's
    words, code and dictionary entries, what the code means, its date, place and the
    story's copies that report it."""
    with reader.reading() as db:
        found = stored_explanations(db.connection, event_id, reader.ontology)
    if len(found) != 1:
        raise HTTPException(status_code=404, detail=f"no event {event_id}")
    explanation = found[0]
    body = asdict(explanation)
    del body["text"]  # the document's text: the page has it; the sentence is enough
    body["sentence"] = explanation.sentence
    return body


@router.get("/documents/{document_id:path}")
def one_document(reader: Database, document_id: str) -> dict[str, Any]:
    """A document's clean text and metadata, its events with their character spans (into
    that text), and the other documents of its story. An exact copy has no events of
    its own: they are its original's (`duplicate_of`), listed among the copies."""
    with reader.reading() as db:
        found = _records(
            db.sql(
                "SELECT * EXCLUDE (signature) FROM documents WHERE document_id = ?", [document_id]
            )
        )
        if not found:
            raise HTTPException(status_code=404, detail=f"no document {document_id}")
        document = found[0]
        events = _records(
            db.sql(
                "SELECT * FROM events WHERE document_id = ? ORDER BY sentence_index, verb_start",
                [document_id],
            )
        )
        copies = _records(
            db.sql(
                "SELECT document_id, origin, format, title, date, duplicate_of, similar_to, "
                "similarity, n_events FROM documents WHERE story_id = ? AND document_id <> ? "
                "ORDER BY added_at",
                [document["story_id"], document_id],
            )
        )
    return {"document": document, "events": events, "copies": copies}


@router.get("/places-and-times")
def places_and_times(
    request: Request, reader: Database, document: Annotated[str, Query(min_length=1)]
) -> dict[str, Any]:
    """Every toponym and time expression of a stored document, as `parley places` and
    `parley times` list them (spans index its clean text): found again from the text
    when asked, as the database keeps only the places and dates of events."""
    with reader.reading() as db:
        found = db.sql(
            "SELECT text, date FROM documents WHERE document_id = ?", [document]
        ).fetchall()
    if not found:
        raise HTTPException(status_code=404, detail=f"no document {document}")
    text, date = found[0]
    dictionaries = request.app.state.dictionaries()
    places = find_places(text or "", date, dictionaries=dictionaries)
    times = find_times(text or "", date, dictionaries=dictionaries)
    return {
        "places": [{k: plain(v) for k, v in asdict(p).items()} for p in places],
        "times": [{k: plain(v) for k, v in asdict(t).items()} for t in times],
    }


_FILE_BODY = {
    "requestBody": {
        "required": True,
        "description": "the file's bytes",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post("/documents", status_code=202, openapi_extra=_FILE_BODY)
async def add_document(
    request: Request,
    response: Response,
    name: Annotated[str, Query(description="the file's name: report.pdf, notes.txt")],
    date: Annotated[str | None, Query(description="date for a text that carries none")] = None,
) -> dict[str, Any]:
    """Queue one .txt, .pdf or .html file (the request body: the file's bytes, not a
    form) to be coded with the same pipeline as `parley code` and stored, and answer at
    once (202) with the address of its status (`status_url`, also `Location`). A wrong
    type, an empty or too large file, or a form is a 4xx with one line saying why; too
    many files waiting is a 503. The document is `upload/NAME`; another file of a name
    taken is `upload/STEM-2.EXT`."""
    uploads: Uploads | None = request.app.state.uploads
    if uploads is None:
        raise HTTPException(status_code=403, detail="this server was started --read-only")
    jobs: Jobs = request.app.state.jobs
    try:
        kind = uploads.check_name(name, request.headers.get("content-length"))
        if request.headers.get("content-type", "").lower().startswith("multipart/"):
            raise UploadError(f"{name}: {FORM_SENT}", status=415)
        data = bytearray()
        async for chunk in request.stream():
            data += chunk
            uploads.check_size(name, len(data))
        uploads.check_content(name, kind, bytes(data))
        day = uploads.check_date(date)
        job = jobs.submit(name, kind, bytes(data), day)
    except UploadError as exc:
        raise HTTPException(status_code=exc.status, detail=str(exc)) from exc
    response.headers["Location"] = job.url
    return job.report()


@router.get("/uploads/{job_id}")
def upload_status(request: Request, job_id: str) -> dict[str, Any]:
    """An upload's status: `queued`, `coding`, `done` (with `status`: coded, copy or
    unchanged, `already_stored`, its `document_id`, sentences and events, and the one
    line to show) or `failed` (with the `reason`: a file that could not be read is
    stored as a rejection, as `parley code` stores it)."""
    jobs: Jobs | None = getattr(request.app.state, "jobs", None)
    found = jobs.report(job_id) if jobs is not None else None
    if found is None:
        raise HTTPException(status_code=404, detail=f"no upload {job_id}")
    return found
