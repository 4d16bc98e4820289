"""Which document ids and content hashes a database may hold, answered in memory.

Deduplication asks the store two questions of every document: is this id stored, and is
this content? Asked of DuckDB, each is a query (half a millisecond from Python), and
most answers are "no": a new document. So the store keeps a filter of the keys it holds:
a sorted array of 64-bit hashes of what was stored before the run (read once, 8 bytes a
document) and a small set of what the run stored since, merged into the array every few
thousand documents. A key the filter does not hold is not stored; one it holds (or that
collides with one) is looked up in the database, which has the last word. Deleted rows
(`--replace`) may leave their key behind: the filter may only say "maybe", never lose one.

Hashes are Python's `hash` of the string: stable within a process, which is all a filter
that lives as long as its store needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

_MERGE_EVERY = 4096  # keys the set holds before they join the sorted array


@dataclass(slots=True)
class KeyFilter:
    """A set of strings that answers "maybe held" or "not held" (no false "not held")."""

    _sorted: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _recent: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeyFilter:
        held = np.fromiter((hash(k) for k in keys), dtype=np.int64)
        return cls(np.unique(held))

    def maybe(self, key: str) -> bool:
        """Whether `key` may be held (False: certainly not)."""
        hashed = hash(key)
        if hashed in self._recent:
            return True
        at = int(np.searchsorted(self._sorted, hashed))
        return at < len(self._sorted) and int(self._sorted[at]) == hashed

    def add(self, keys: Iterable[str]) -> None:
        self._recent.update(hash(k) for k in keys)
        if len(self._recent) >= _MERGE_EVERY:
            added = np.fromiter(self._recent, dtype=np.int64, count=len(self._recent))
            self._sorted = np.union1d(self._sorted, added)
            self._recent = set()
