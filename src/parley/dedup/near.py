"""The LSH index of near-duplicates: which stored document is most like this one?

Band keys live in NumPy arrays (sorted, searched with one `searchsorted` per document),
not in a dict of Python objects: a dict entry costs ~100 bytes, and a corpus of a million
documents has 42 million band keys at the default threshold. New keys wait in a small
dict and are merged into the sorted arrays every few thousand documents, so adding stays
near-linear. Per document the index holds its signature (256 bytes), its band keys
(12 bytes each) and its id and story.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from parley.dedup.minhash import PERMUTATIONS, band_keys, bands_for, similarity

_MERGE_EVERY = 4096  # documents whose keys wait in the dict before a merge
_CHUNK = 16_384  # stored documents indexed at once (`NearIndex.extend`)


@dataclass(slots=True)
class Match:
    """The most similar indexed document: its id, story and date, and the estimated
    similarity."""

    document_id: str
    story_id: str
    similarity: float
    date: dt.date | None


@dataclass(slots=True)
class NearIndex:
    """MinHash signatures of documents, searchable for those above `threshold`."""

    threshold: float = 0.5
    bands: int = field(init=False)
    rows: int = field(init=False)
    ids: list[str] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    days: list[int] = field(default_factory=list)  # date ordinals, 0 when undated
    signatures: np.ndarray = field(init=False)
    keys: np.ndarray = field(init=False)  # sorted band keys
    owners: np.ndarray = field(init=False)  # row of the document each key belongs to
    pending: dict[int, list[int]] = field(default_factory=dict)
    pending_rows: int = 0

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold {self.threshold}: expected a number in (0, 1]")
        self.bands, self.rows = bands_for(self.threshold)
        self.signatures = np.zeros((1024, PERMUTATIONS), dtype=np.uint16)
        self.keys = np.zeros(0, dtype=np.uint64)
        self.owners = np.zeros(0, dtype=np.int32)

    def best(
        self, signature: np.ndarray, date: dt.date | None = None, days_apart: int = 3
    ) -> Match | None:
        """The indexed document most similar to `signature`, if at or above threshold
        and, when both are dated, dated at most `days_apart` days from `date`."""
        keys = band_keys(signature, self.bands, self.rows)
        rows: set[int] = set()
        starts = np.searchsorted(self.keys, keys)
        ends = np.searchsorted(self.keys, keys, side="right")
        for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
            rows.update(self.owners[start:end].tolist())
        for k in keys.tolist():
            rows.update(self.pending.get(k, ()))
        if date is not None:
            day = date.toordinal()
            rows = {r for r in rows if not self.days[r] or abs(self.days[r] - day) <= days_apart}
        if not rows:
            return None
        found = np.fromiter(sorted(rows), dtype=np.int64, count=len(rows))
        scores = similarity(self.signatures[found], signature)
        best = int(scores.argmax())
        if scores[best] < self.threshold:
            return None
        row = int(found[best])
        day = self.days[row]
        date = dt.date.fromordinal(day) if day else None
        return Match(self.ids[row], self.stories[row], float(scores[best]), date)

    def date(self, row: int, date: dt.date) -> None:
        """Date the undated document `add` gave this row (a dated copy of it came along)."""
        self.days[row] = date.toordinal()

    def add(
        self, document_id: str, story_id: str, date: dt.date | None, signature: np.ndarray
    ) -> int:
        """Index a document (its band keys wait in `pending` until the next merge); its
        row in the index."""
        row = len(self.ids)
        self.ids.append(document_id)
        self.stories.append(story_id)
        self.days.append(date.toordinal() if date is not None else 0)
        self._fit(row + 1)
        self.signatures[row] = signature
        for k in band_keys(signature, self.bands, self.rows).tolist():
            self.pending.setdefault(k, []).append(row)
        self.pending_rows += 1
        if self.pending_rows >= _MERGE_EVERY:
            self.merge()
        return row

    def extend(self, stored: Iterable[tuple[str, str, dt.date | None, bytes]]) -> None:
        """Index many documents at once (id, story, date, signature bytes): those
        stored before a run, a chunk at a time with one pass of NumPy over its
        signatures, not a document at a time (100,000 documents: 5 s → a fraction)."""
        self.merge()
        for chunk in _chunks(stored, _CHUNK):
            start, n = len(self.ids), len(chunk)
            self.ids += [c[0] for c in chunk]
            self.stories += [c[1] for c in chunk]
            self.days += [c[2].toordinal() if c[2] is not None else 0 for c in chunk]
            signatures = np.frombuffer(b"".join(c[3] for c in chunk), np.uint16)
            signatures = signatures.reshape(n, PERMUTATIONS)
            self._fit(start + n)
            self.signatures[start : start + n] = signatures
            keys = band_keys(signatures, self.bands, self.rows).ravel()
            owners = np.repeat(np.arange(start, start + n, dtype=np.int32), self.bands)
            self._insert(keys, owners)

    def merge(self) -> None:
        """Move the pending keys into the sorted arrays."""
        if not self.pending:
            return
        new_keys = np.fromiter(
            (k for k, rows in self.pending.items() for _ in rows), dtype=np.uint64
        )
        new_owners = np.fromiter(
            (r for rows in self.pending.values() for r in rows), dtype=np.int32
        )
        self._insert(new_keys, new_owners)
        self.pending = {}
        self.pending_rows = 0

    def _insert(self, new_keys: np.ndarray, new_owners: np.ndarray) -> None:
        """Band keys and their documents' rows into the sorted arrays."""
        order = np.argsort(new_keys, kind="stable")
        new_keys, new_owners = new_keys[order], new_owners[order]
        at = np.searchsorted(self.keys, new_keys)  # one linear pass, not a full re-sort
        self.keys = np.insert(self.keys, at, new_keys)
        self.owners = np.insert(self.owners, at, new_owners)

    def _fit(self, rows: int) -> None:
        """Room for `rows` signatures (the matrix doubles as it fills)."""
        if rows > len(self.signatures):
            grown = np.zeros((max(rows, 2 * len(self.signatures)), PERMUTATIONS), np.uint16)
            grown[: len(self.signatures)] = self.signatures
            self.signatures = grown


def _chunks(items: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    found = iter(items)
    while chunk := list(islice(found, size)):
        yield chunk
