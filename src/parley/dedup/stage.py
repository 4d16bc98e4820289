"""The deduplicate stage: skip what is stored already, link copies to their story.

A document whose id and content are both stored already is dropped (re-running a corpus
adds nothing). A document with new id but known content is an exact copy: it is kept as
provenance, joins the first copy's story, and is not coded again, so its events are
counted once. A known id with different content is rejected unless `replace` is set, so
nothing stored is lost by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from parley.dedup.fingerprint import content_hash, story_id_for
from parley.document import Document
from parley.errors import RejectDocument


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


@dataclass(slots=True)
class Deduplicate:
    """Stage: set `content_hash`, `story_id` and `duplicate_of`."""

    index: DocumentIndex
    replace: bool = False
    name: str = "deduplicate"

    def __call__(self, doc: Document) -> Document | None:
        doc.content_hash = content_hash(doc.text, doc.date)
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
        else:
            doc.story_id = story_id_for(doc.content_hash)
        self.index.remember(doc)
        return doc
