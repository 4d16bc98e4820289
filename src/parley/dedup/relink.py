"""After `--replace`: re-derive the stories, copies and repeats that the old version fed.

A document replaced by a new version (same id, other content) leaves links behind: an
exact copy still says it copies the old text (and, never coded, has no events of its
own), near copies and later copies count their events as repeats of events that are
gone, and documents that copy the new text are not linked to it. The database must be
the one a fresh run of the same inputs gives, the new version read where the old one
was (the store keeps its place, `DuckDBStore.replaced`).

So deduplication is replayed from the first replaced document on, in the stored order,
from what the store keeps (content hashes, MinHash signatures, dates): no text is read
again for it. A document whose decision comes out other than the stored one (exact
copy, near copy of which document, story, shared date) is stored again: coded from its
stored text, or as an uncoded exact copy. Last, the repeats of every story touched are
counted again in the stored order: the first sighting of a story event counts, every
later one points to it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from parley.dedup.fingerprint import story_id_for
from parley.dedup.minhash import MinHasher
from parley.dedup.near import NearIndex
from parley.dedup.stage import MAX_DAYS_APART
from parley.dedup.story_events import story_event_id
from parley.document import Document, Rejection
from parley.store.duckdb_store import DuckDBStore

Recode = Callable[[Sequence[Document]], list[Document | Rejection | None]]

_COLUMNS = (
    "document_id", "origin", "format", "url", "title", "author", "affiliation", "source",
    "date", "date_source", "content_hash", "story_id", "duplicate_of", "similar_to",
    "similarity", "signature",
)  # fmt: skip
_COPY = "copy "  # how `date_source` says the date came from a copy of the document
# Stored before the first replaced document (`_History.first` fills in the place).
_BEFORE = "(added_at < ? OR (added_at = ? AND rowid < ?))"


@dataclass(slots=True)
class Decision:
    """What deduplication decides for one document: the same fields the store keeps."""

    story_id: str
    duplicate_of: str | None = None
    similar_to: str | None = None
    similarity: float | None = None
    date: dt.date | None = None
    date_source: str | None = None


@dataclass(slots=True)
class Relinked:
    """What a relink changed: documents stored again, stories whose repeats were
    counted again."""

    documents: list[str] = field(default_factory=list)
    stories: int = 0


def relink(store: DuckDBStore, recode: Recode, threshold: float) -> Relinked:
    """Re-derive, in `store`, the links of the documents it replaced (`store.replaced`);
    `recode` runs the per-document coding stages over documents (`parley.api`)."""
    store.flush()
    replaced = dict(store.replaced)
    if not replaced:
        return Relinked()
    history = _History.of(store, list(replaced))
    changed = history.replay(threshold) if history is not None else []
    touched = set(replaced.values())
    docs = []
    for row, decision in changed:
        touched.update((row["story_id"], decision.story_id))
        assert history is not None
        docs.append(_document(row, decision, history.text(row["document_id"])))
    coded = recode([d for d in docs if d.duplicate_of is None]) if docs else []
    done = iter(coded)
    for doc in docs:
        result = doc if doc.duplicate_of is not None else next(done)
        if isinstance(result, Rejection):
            store.add_rejection(result)
            continue
        if result is None:
            continue
        for event in result.events:
            event.story_event_id = story_event_id(result.story_id, event)
        store(result)
    store.recount_repeats(sorted(touched))
    store.forget_replaced()  # the documents stored again here included
    return Relinked([d.id for d in docs], len(touched))


@dataclass(slots=True)
class _History:
    """The stored documents in the order they were stored, read as deduplication reads
    them: the signatures of those before the first replaced document (streamed into
    the near-copy index, as a run's index is built), the facts of those from it on. No
    text is read but that of documents stored again, and of exact copies that need a
    signature."""

    store: DuckDBStore
    first: list[Any]  # the first replaced document's place: added_at, added_at, rowid

    @classmethod
    def of(cls, store: DuckDBStore, replaced: list[str]) -> _History | None:
        """The history from the first of the `replaced` documents on (None: none stored)."""
        con = store.connection
        con.register("replaced_ids", pa.table({"document_id": pa.array(replaced, pa.string())}))
        try:
            found = con.execute(
                "SELECT added_at, rowid FROM documents WHERE document_id IN "
                "(SELECT document_id FROM replaced_ids) ORDER BY added_at, rowid LIMIT 1"
            ).fetchall()
        finally:
            con.unregister("replaced_ids")
        return cls(store, [found[0][0], *found[0]]) if found else None

    def replay(self, threshold: float) -> list[tuple[dict[str, Any], Decision]]:
        """Deduplicate the documents from the first replaced one on again, as
        `Deduplicate` would in a fresh run in this order; those whose decision differs
        from the stored one."""
        hasher = MinHasher()
        near = self._near_before(threshold) if threshold else None
        originals: dict[str, tuple[str, str]] = {}  # those replayed; the rest: `_original`
        changed = []
        for row in self._from_first():
            decision = self._decide(row, originals, near, hasher)
            if decision != _stored(row):
                changed.append((row, decision))
            if decision.duplicate_of is None:
                originals.setdefault(row["content_hash"], (row["document_id"], decision.story_id))
                if near is not None:
                    signature = self._signature(row, hasher)
                    near.add(row["document_id"], decision.story_id, decision.date, signature)
        return changed

    def _near_before(self, threshold: float) -> NearIndex:
        near = NearIndex(threshold)
        cursor = self.store.connection.execute(
            "SELECT document_id, story_id, date, signature FROM documents WHERE signature "
            f"IS NOT NULL AND duplicate_of IS NULL AND {_BEFORE} ORDER BY added_at, rowid",
            self.first,
        )
        while found := cursor.fetchmany(10_000):
            for document_id, story_id, date, signature in found:
                near.add(document_id, story_id, date, np.frombuffer(signature, np.uint16))
        near.merge()
        return near

    def _from_first(self) -> list[dict[str, Any]]:
        cursor = self.store.connection.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM documents WHERE NOT {_BEFORE} "
            "ORDER BY added_at, rowid",
            self.first,
        )
        return [dict(zip(_COLUMNS, row, strict=True)) for row in cursor.fetchall()]

    def _original(
        self, content: str, originals: dict[str, tuple[str, str]]
    ) -> tuple[str, str] | None:
        """The first document with this content that is not itself an exact copy."""
        found = self.store.connection.execute(
            "SELECT document_id, story_id FROM documents WHERE content_hash = ? AND "
            f"duplicate_of IS NULL AND {_BEFORE} ORDER BY added_at, rowid LIMIT 1",
            [content, *self.first],
        ).fetchall()
        return (found[0][0], found[0][1]) if found else originals.get(content)

    def _decide(
        self,
        row: dict[str, Any],
        originals: dict[str, tuple[str, str]],
        near: NearIndex | None,
        hasher: MinHasher,
    ) -> Decision:
        """`Deduplicate`'s decision for a stored document, from the documents before it."""
        own_date, own_source = row["date"], row["date_source"]
        if own_source and own_source.startswith(_COPY):
            own_date, own_source = None, None  # the date it took from a copy, not its own
        original = self._original(row["content_hash"], originals)
        if original is not None and original[0] != row["document_id"]:
            document_id, story = original
            return Decision(story, document_id, document_id, 1.0, own_date, own_source)
        if near is not None:
            match = near.best(self._signature(row, hasher), own_date, MAX_DAYS_APART)
            if match is not None and match.document_id != row["document_id"]:
                decision = Decision(
                    match.story_id, None, match.document_id, round(match.similarity, 4),
                    own_date, own_source,
                )  # fmt: skip
                if own_date is None and match.date is not None:
                    decision.date = match.date
                    decision.date_source = _COPY + match.document_id
                return decision
        return Decision(story_id_for(row["content_hash"]), None, None, None, own_date, own_source)

    def _signature(self, row: dict[str, Any], hasher: MinHasher) -> np.ndarray:
        """The stored signature, or one made now (exact copies are stored without)."""
        if row["signature"]:
            return np.frombuffer(row["signature"], np.uint16)
        signature = hasher.signature(self.text(row["document_id"]))
        row["signature"] = signature.tobytes()
        return signature

    def text(self, document_id: str) -> str:
        sql = "SELECT text FROM documents WHERE document_id = ?"
        return self.store.connection.execute(sql, [document_id]).fetchall()[0][0]


def _stored(row: dict[str, Any]) -> Decision:
    return Decision(
        row["story_id"], row["duplicate_of"], row["similar_to"], row["similarity"],
        row["date"], row["date_source"],
    )  # fmt: skip


def _document(row: dict[str, Any], decision: Decision, text: str) -> Document:
    """The stored document with its new decision, ready to be coded from its stored
    text (the clean text every span points into)."""
    return Document(
        id=row["document_id"], origin=row["origin"], format=row["format"],
        raw=text, text=text, title=row["title"], author=row["author"],
        affiliation=row["affiliation"], source=row["source"], url=row["url"],
        date=decision.date, date_source=decision.date_source,
        content_hash=row["content_hash"], story_id=decision.story_id,
        duplicate_of=decision.duplicate_of, similar_to=decision.similar_to,
        similarity=decision.similarity,
        signature=row["signature"] if decision.duplicate_of is None else b"",
    )  # fmt: skip
