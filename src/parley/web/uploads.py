"""Documents added from the web page: checked (type, size, content), read by the same
readers as `parley code`, coded by the same stages and stored in the same database.

A file is read from a temporary copy under its own name, then takes the id
`upload/NAME`, so that adding the same file twice adds nothing (the store sees an
unchanged document), as running `parley code` twice on it does.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parley.coding import Settings, code_items
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.document import Document, Rejection
from parley.errors import ParleyError
from parley.ingest.discover import Source
from parley.ingest.readers import read
from parley.store.duckdb_store import DuckDBStore

ACCEPTED = {".txt": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html"}
DEFAULT_LIMIT_MB = 20
_SNIFF = 8192  # bytes looked at to tell text from binary
_SAFE_NAME = re.compile(r"[^\w.\- ]+")


class UploadError(ParleyError):
    """A file the page cannot take, with the HTTP status that says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(slots=True)
class UploadResult:
    """What became of an added file: `coded`, `copy` (of a stored document),
    `unchanged` (added before) or `rejected`, with the one line a user reads."""

    document_id: str
    status: str
    events: int
    message: str


@dataclass(slots=True)
class Uploads:
    """The upload rules (`limit_mb`) and the dictionaries to code with, loaded at the
    first upload (a few seconds) rather than when the server starts."""

    load: Callable[[], Dictionaries]
    limit_mb: int = DEFAULT_LIMIT_MB
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
        if declared_size and declared_size.isdigit():
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
        """Refuse an empty file, and one whose bytes are not of the type its name says."""
        if not data.strip():
            raise UploadError(f"{name}: empty file")
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

    def code(
        self, name: str, kind: str, data: bytes, date: dt.date | None, store: DuckDBStore
    ) -> UploadResult:
        """Read, code and store one checked file; a rejection is stored, as `parley code`
        stores it."""
        safe = _SAFE_NAME.sub("_", Path(name).name) or "document"
        document_id = f"upload/{safe}"
        with tempfile.TemporaryDirectory(prefix="parley-upload-") as folder:
            path = Path(folder) / safe
            path.write_bytes(data)
            items = [_renamed(item, document_id) for item in read(Source(path, kind))]
        rejections: list[Rejection] = []
        done: list[Document] = []
        counters = code_items(
            items, store, self.dictionaries(), Settings(default_date=date),
            on_document=done.append, on_rejection=rejections.append,
        )  # fmt: skip
        if rejections:
            return UploadResult(document_id, "rejected", 0, rejections[0].message())
        if counters.unchanged:
            return UploadResult(document_id, "unchanged", 0, f"{name}: added before, unchanged")
        (doc,) = done
        if doc.duplicate_of is not None:
            message = f"{name}: an exact copy of {doc.duplicate_of} (its events are there)"
            return UploadResult(document_id, "copy", 0, message)
        events = sum(e.repeat_of is None and not e.negated for e in doc.events)
        message = f"{name}: {len(doc.sentences)} sentences, {events} events"
        if doc.similar_to is not None:
            message += f" (a near copy of {doc.similar_to}: one story)"
        return UploadResult(document_id, "coded", events, message)


def _renamed(item: Document | Rejection, document_id: str) -> Document | Rejection:
    """A document or rejection read from the temporary copy, under its upload id."""
    if isinstance(item, Rejection):
        return Rejection(document_id, item.reason, item.stage, document_id)
    item.id = item.origin = document_id
    return item
