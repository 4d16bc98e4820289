"""Documents added from the web page: checked (type, size, content), read by the same
readers as `parley code`, coded by the same stages and stored in the same database.

A file is read from a temporary copy under its own name (made safe, and shortened to what
a file system takes), then takes the id `upload/NAME`, so that adding the same file twice
adds nothing: the second time is answered "already stored". Another file of a name
already taken is a document of its own, `upload/STEM-2.EXT` (then -3...): a user who
adds this week's `report.pdf` must not lose last week's, nor be refused.

Coding is done in two steps so that the database is held only for the second, short
one (`parley.web.jobs` runs both on its worker thread): `prepare` reads the file and
runs the costly per-document stages (parsing) with the database closed, and `store`
opens it for writing and runs `code_items`, whose per-document stages take the coded
document prepared before (`_Precoded`), so the result is what `parley code` stores.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parley.api import document_stages
from parley.coding import Settings, code_items
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.dedup.fingerprint import content_hash
from parley.document import Document, Rejection
from parley.errors import ParleyError
from parley.ingest.clean import Clean
from parley.ingest.describe import Describe
from parley.ingest.discover import Source
from parley.ingest.readers import read
from parley.limits import Limits
from parley.pipeline import Outcome, Pipeline, Stage
from parley.store.duckdb_store import DuckDBStore

ACCEPTED = {".txt": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html"}
DEFAULT_LIMIT_MB = 20
# Uploads waiting for the worker at most: each waits in memory, up to the size limit.
MAX_WAITING = 100
# Bytes of a stored name at most (most file systems take 255), room left for "-12".
MAX_NAME_BYTES = 200
_SNIFF = 8192  # bytes looked at to tell text from binary
_SAFE_NAME = re.compile(r"[^\w.\- ]+")
# A multipart/form-data body: a boundary line, then a part's Content-Disposition.
_FORM = re.compile(rb"--[^\r\n]{1,200}\r?\ncontent-disposition:", re.IGNORECASE)
# What `Deduplicate` sets from what is stored (and the per-document stages leave be); the
# rest is what those stages read, which must be as it was when the document was coded ahead.
_DEDUPLICATED = frozenset(
    {"content_hash", "story_id", "duplicate_of", "similar_to", "similarity", "signature"}
)

DocumentStages = Callable[[Dictionaries, Limits], list[Stage]]


class UploadError(ParleyError):
    """A file the page cannot take, with the HTTP status that says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class UploadResult:
    """What became of an added file: `coded`, `copy` (of a stored document),
    `unchanged` (stored before: `already_stored`) or `rejected`, with the one line a
    user reads."""

    document_id: str
    status: str
    events: int
    message: str
    sentences: int = 0
    already_stored: bool = False


@dataclass(slots=True)
class Prepared:
    """A file read and, where it could be, coded ahead with the database closed: the
    document as the per-document stages got it (`before`) and what they made of it
    (`after`), under the id it was expected to take (`hash` is its content's)."""

    name: str
    stored_name: str
    date: dt.date | None
    items: list[Document | Rejection]
    hash: str | None = None
    before: Document | None = None
    after: Outcome = None


@dataclass(slots=True)
class Uploads:
    """The upload rules (`limit_mb`, `max_waiting` files queued at most) and the
    dictionaries to code with, loaded at the first upload (a few seconds) rather than
    when the server starts. `stages` makes the per-document stages (a test slows them)."""

    load: Callable[[], Dictionaries]
    limit_mb: int = DEFAULT_LIMIT_MB
    max_waiting: int = MAX_WAITING
    stages: DocumentStages = document_stages
    _dictionaries: Dictionaries | None = None
    _loading: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def limit(self) -> int:
        return self.limit_mb * 1024 * 1024

    def check_name(self, name: str, declared_size: str | None) -> str:
        """The reader kind for a file name; its declared size must be within the limit."""
        kind = ACCEPTED.get(Path(name).suffix.lower())
        if kind is None:
            raise UploadError(f"{name}: only {', '.join(ACCEPTED)} files can be added", status=415)
        if declared_size and declared_size.isascii() and declared_size.isdigit():
            self.check_size(name, int(declared_size))
        return kind

    def check_size(self, name: str, size: int) -> None:
        if size > self.limit:
            raise UploadError(
                f"{name}: too large (over {self.limit_mb} MB; `parley serve --upload-limit` "
                "raises it, or code it with `parley code`)",
                status=413,
            )

    def check_content(self, name: str, kind: str, data: bytes) -> None:
        """Refuse an empty file, one whose bytes are not of the type its name says, and a
        form sent where the file's bytes were expected (its part headers would be stored
        as the article's first lines)."""
        if not data.strip():
            raise UploadError(f"{name}: empty file")
        if _FORM.match(data.lstrip()[:512]):
            raise UploadError(f"{name}: {FORM_SENT}", status=415)
        if kind == "pdf" and not data.lstrip()[:5] == b"%PDF-":
            raise UploadError(f"{name}: not a PDF (it does not start with %PDF-)", status=415)
        if kind != "pdf" and b"\x00" in data[:_SNIFF]:
            raise UploadError(f"{name}: binary content, not {kind} text", status=415)

    @staticmethod
    def check_date(date: str | None) -> dt.date | None:
        try:
            return parse_date(date) if date else None
        except ValueError as exc:
            raise UploadError(f"date {date!r}: {exc}") from exc

    def dictionaries(self) -> Dictionaries:
        with self._loading:
            if self._dictionaries is None:
                self._dictionaries = self.load()
            return self._dictionaries

    def prepare(
        self,
        name: str,
        kind: str,
        data: bytes,
        date: dt.date | None,
        known: Callable[[str], str | None],
    ) -> Prepared:
        """Read a checked file and code it ahead, with the database closed: the costly
        part of coding, which would otherwise keep every reader out. `known` gives the
        content hash stored under a document id (read-only), to choose the id now: a file
        stored before is not coded again."""
        stored_name = _stored_name(name)
        with tempfile.TemporaryDirectory(prefix="parley-upload-") as folder:
            path = Path(folder) / stored_name
            path.write_bytes(data)
            items = list(read(Source(path, kind)))
        prepared = Prepared(name, stored_name, date, items)
        documents = [item for item in items if isinstance(item, Document)]
        if len(documents) != 1:
            return prepared
        dictionaries = self.dictionaries()
        described = Pipeline([Clean(dictionaries.words), Describe(date)]).process(
            copy.deepcopy(documents[0])
        )
        if not isinstance(described, Document):
            return prepared  # rejected: `store` rejects it again, and stores why
        prepared.hash = content_hash(described.text, described.date)
        document_id = _free_id(stored_name, prepared.hash, known)
        if known(document_id) == prepared.hash:
            return prepared  # stored before: nothing to code
        described.id = described.origin = document_id
        prepared.before = copy.deepcopy(described)
        stages = self.stages(dictionaries, Settings(default_date=date).limits)
        prepared.after = Pipeline(stages).process(described)
        return prepared

    def store(self, prepared: Prepared, store: DuckDBStore) -> UploadResult:
        """Code a prepared file into the open store, as `parley code` does; a rejection
        is stored, as `parley code` stores it."""
        name = prepared.name
        dictionaries = self.dictionaries()
        settings = Settings(default_date=prepared.date)
        if prepared.hash is None:
            document_id = f"upload/{prepared.stored_name}"
        else:
            document_id = _free_id(prepared.stored_name, prepared.hash, store.find_by_id)
        items = [_renamed(item, document_id) for item in prepared.items]
        coded_ahead = _Precoded(
            prepared.before, prepared.after, self.stages(dictionaries, settings.limits)
        )
        rejections: list[Rejection] = []
        done: list[Document] = []
        counters = code_items(
            items, store, dictionaries, settings, per_document=[coded_ahead],
            on_document=done.append, on_rejection=rejections.append,
        )  # fmt: skip
        if rejections:
            return UploadResult(document_id, "rejected", 0, rejections[0].message())
        if counters.unchanged:
            message = f"{name}: already stored as {document_id}, unchanged"
            return UploadResult(document_id, "unchanged", 0, message, already_stored=True)
        (doc,) = done
        sentences = len(doc.sentences)
        if doc.duplicate_of is not None:
            message = f"{name}: an exact copy of {doc.duplicate_of} (its events are there)"
            return UploadResult(document_id, "copy", 0, message, sentences)
        events = sum(e.repeat_of is None and not e.negated for e in doc.events)
        message = f"{name}: {sentences} sentences, {events} events"
        if doc.similar_to is not None:
            message += f" (a near copy of {doc.similar_to}: one story)"
        return UploadResult(document_id, "coded", events, message, sentences)


FORM_SENT = (
    "a multipart form was sent, not the file: POST /api/documents takes the file's bytes "
    "as the request body (`curl --data-binary @FILE`), as the Add documents page sends them"
)


@dataclass(slots=True)
class _Precoded:
    """Stage standing for the per-document stages in `store`: the document coded ahead
    by `prepare`, when the one in hand is that document as it was then (same id, text
    and date: a near copy stored meanwhile may have given it a date, another run may
    have taken its id); otherwise the stages run now, so the result is always theirs."""

    before: Document | None
    after: Outcome
    stages: list[Stage]
    name: str = "code"

    def __call__(self, doc: Document) -> Outcome:
        if self.before is not None and doc.duplicate_of is None and _same(doc, self.before):
            if not isinstance(self.after, Document):
                return self.after
            for part in dataclasses.fields(Document):
                if part.name not in _DEDUPLICATED:
                    setattr(doc, part.name, getattr(self.after, part.name))
            return doc
        return Pipeline(self.stages).process(doc)


def _same(doc: Document, before: Document) -> bool:
    """Whether the per-document stages would get what they got ahead."""
    return all(
        getattr(doc, part.name) == getattr(before, part.name)
        for part in dataclasses.fields(Document)
        if part.name not in _DEDUPLICATED
    )


def _stored_name(name: str) -> str:
    """The file name's last part in safe characters, cut to MAX_NAME_BYTES (a longer one
    cannot be written to disk: most file systems take 255 bytes), extension kept."""
    safe = _SAFE_NAME.sub("_", Path(name).name) or "document"
    if len(safe.encode()) <= MAX_NAME_BYTES:
        return safe
    suffix = Path(safe).suffix
    room = MAX_NAME_BYTES - len(suffix.encode())
    stem = safe.removesuffix(suffix).encode()[:room].decode("utf-8", "ignore")
    return stem + suffix


def _free_id(stored_name: str, content: str, known: Callable[[str], str | None]) -> str:
    """`upload/NAME`, or `upload/STEM-2.EXT` (-3...) when a document of other content
    has that id: the first id that is free or holds this very content."""
    suffix = Path(stored_name).suffix
    stem = stored_name.removesuffix(suffix)
    number = 1
    while True:
        document_id = f"upload/{stem}-{number}{suffix}" if number > 1 else f"upload/{stored_name}"
        if known(document_id) in (None, content):
            return document_id
        number += 1


def _renamed(item: Document | Rejection, document_id: str) -> Document | Rejection:
    """A document or rejection read from the temporary copy, under its upload id."""
    if isinstance(item, Rejection):
        return Rejection(document_id, item.reason, item.stage, document_id)
    item.id = item.origin = document_id
    return item
