"""The deduplicate stage: skip what is stored already, group copies into stories.

A document whose id and content are both stored already is dropped (re-running a corpus
adds nothing). A document with new id but known content is an exact copy: it is kept as
provenance, joins the first copy's story, and is not coded again. A document whose text
is nearly the same as one seen before (MinHash similarity at or above the threshold,
`parley.dedup.minhash`) is a near copy: the PDF of a web page, a re-post with other
chrome. It joins that document's story and is coded (its text differs), and the events it
shares with its story are marked as repeats (`parley.dedup.story_events`), so every event
is counted once per story. A known id with different content is rejected unless
`replace` is set, so nothing stored is lost by accident.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from parley.dedup.fingerprint import content_hash, story_id_for
from parley.dedup.minhash import MinHasher
from parley.dedup.near import NearIndex
from parley.document import Document
from parley.errors import RejectDocument

DEFAULT_THRESHOLD = 0.5
MAX_DAYS_APART = 3  # near copies dated further apart are other reports, not copies

Stored = tuple[str, str, dt.date | None, bytes]  # id, story, date, signature


class DocumentIndex(Protocol):
    """What the stage needs to know about documents seen before (the store provides it)."""

    def find_by_hash(self, content: str) -> tuple[str, str] | None:
        """`(document_id, story_id)` of a stored document with this content hash."""
        ...

    def find_by_id(self, document_id: str) -> str | None:
        """Content hash of the stored document with this id."""
        ...

    def remember(self, doc: Document) -> None:
        """Note a document that passed, so later copies in the same run find it."""
        ...

    def signatures(self) -> Iterable[Stored]:
        """MinHash signatures of the documents stored before this run."""
        ...

    def story_events(self, story_id: str) -> dict[str, str]:
        """Events already found in a story: story event key → the first event's id."""
        ...


@dataclass(slots=True)
class MemoryIndex:
    """A DocumentIndex for runs without a database (the Python API, tests)."""

    _by_hash: dict[str, tuple[str, str]] = field(default_factory=dict)
    _by_id: dict[str, str] = field(default_factory=dict)

    def find_by_hash(self, content: str) -> tuple[str, str] | None:
        return self._by_hash.get(content)

    def find_by_id(self, document_id: str) -> str | None:
        return self._by_id.get(document_id)

    def remember(self, doc: Document) -> None:
        self._by_hash.setdefault(doc.content_hash, (doc.id, doc.story_id))
        self._by_id[doc.id] = doc.content_hash

    def signatures(self) -> Iterable[Stored]:
        return ()

    def story_events(self, story_id: str) -> dict[str, str]:
        return {}  # nothing is stored: `CountOnce` remembers the run's own stories


@dataclass(slots=True)
class Deduplicate:
    """Stage: set `content_hash`, `signature`, `story_id`, and for copies `duplicate_of`
    (exact) or `similar_to` (near), with the `similarity`.

    `threshold` is the estimated share of five-word shingles two texts must have in
    common to be one story (0 turns near-duplicate detection off). The documents stored
    before the run are indexed on first use, from their stored signatures: old documents
    are never re-read.
    """

    index: DocumentIndex
    replace: bool = False
    threshold: float = DEFAULT_THRESHOLD
    name: str = "deduplicate"
    hasher: MinHasher = field(default_factory=MinHasher)
    near: NearIndex | None = None
    undated: OrderedDict[str, tuple[Document, int]] = field(default_factory=OrderedDict)

    def __call__(self, doc: Document) -> Document | None:
        """A document whose `content_hash` (and `signature`) another process computed
        (`parley.runners.cluster`) is taken as it comes."""
        doc.content_hash = doc.content_hash or content_hash(doc.text, doc.date)
        stored = self.index.find_by_id(doc.id)
        if stored == doc.content_hash:
            return None  # unchanged since it was stored
        if stored is not None and not self.replace:
            raise RejectDocument(
                f"document id '{doc.id}' is stored with different content "
                "(give it a new id, or re-run with --replace)"
            )
        original = self.index.find_by_hash(doc.content_hash)
        if original is not None and original[0] != doc.id:
            doc.duplicate_of, doc.story_id = original
            doc.similar_to, doc.similarity = original[0], 1.0
        elif self.threshold:
            self._near_copy(doc)
        else:
            doc.story_id = story_id_for(doc.content_hash)
        self.index.remember(doc)
        return doc

    def _near_copy(self, doc: Document) -> None:
        """Join the story of the most similar earlier document, or start one."""
        if doc.signature:
            signature = np.frombuffer(doc.signature, np.uint16)
        else:
            signature = self.hasher.signature(doc.text)
            doc.signature = signature.tobytes()
        near = self._index()
        match = near.best(signature, doc.date, MAX_DAYS_APART)
        if match is not None and match.document_id != doc.id:
            doc.story_id, doc.similar_to = match.story_id, match.document_id
            doc.similarity = round(match.similarity, 4)
            self._share_date(doc, match.document_id, match.date)
        else:
            doc.story_id = story_id_for(doc.content_hash)
        row = near.add(doc.id, doc.story_id, doc.date, signature)
        if doc.date is None:
            self.undated[doc.id] = (doc, row)
            if len(self.undated) > 64:
                self.undated.popitem(last=False)

    def end_wave(self) -> None:
        """The documents so far are coded: none can take a later copy's date any more.
        (A pipeline needs no call: a coded document has sentences. Deduplicating without
        coding, as `parley.runners.cluster` does, calls it where a pipeline's wave ends.)"""
        self.undated.clear()

    def _share_date(self, doc: Document, other_id: str, other_date: dt.date | None) -> None:
        """Copies of a story share its date (actors are resolved by it, and an event is
        the same in two copies only if coded the same): an undated copy takes its
        match's date; a dated copy dates an undated earlier copy that is still waiting to
        be coded (documents of one wave are all deduplicated before any is coded)."""
        if doc.date is None and other_date is not None:
            doc.date, doc.date_source = other_date, f"copy {other_id}"
            return
        waiting = self.undated.pop(other_id, None)
        if doc.date is not None and waiting is not None and not waiting[0].sentences:
            earlier, row = waiting
            earlier.date, earlier.date_source = doc.date, f"copy {doc.id}"
            self._index().date(row, doc.date)

    def _index(self) -> NearIndex:
        if self.near is None:
            self.near = NearIndex(self.threshold)
            self.near.extend(self.index.signatures())
        return self.near
