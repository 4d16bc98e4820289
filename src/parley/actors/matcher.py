"""Longest-match phrase lookup over normalised tokens.

Finding dictionary phrases in a sentence must not loop over dictionary entries: phrases
are keys of one hash table, and at each token only the few lengths that phrases starting
with that token can have are tried, longest first. A phrase whose last word is a stem
(written without a trailing `_` in PETRARCH files, as `ARGENTIN`) also matches that word
with any suffix (`Argentine`, `Argentinians`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from parley.actors.petrarch import Phrase

T = TypeVar("T")


@dataclass(slots=True)
class Match(Generic[T]):
    """Tokens `[start, end)` matched one or more payloads (entries sharing a phrase)."""

    start: int
    end: int
    payloads: list[T]


@dataclass(slots=True)
class PhraseMatcher(Generic[T]):
    """Maps phrases to payloads; later entries for the same phrase are added, not dropped."""

    _exact: dict[tuple[str, ...], list[T]] = field(default_factory=dict)
    _stems: dict[tuple[str, ...], list[T]] = field(default_factory=dict)
    _longest: dict[str, int] = field(default_factory=dict)
    _stem_sizes: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self._exact) + len(self._stems)

    def add(self, phrase: Phrase, payload: T) -> None:
        table = self._stems if phrase.stem else self._exact
        table.setdefault(phrase.key, []).append(payload)
        if phrase.stem and len(phrase.key) == 1:
            if len(phrase.key[0]) not in self._stem_sizes:
                self._stem_sizes.append(len(phrase.key[0]))
                self._stem_sizes.sort(reverse=True)
        else:
            first = phrase.key[0]
            self._longest[first] = max(self._longest.get(first, 0), len(phrase.key))

    def replace(self, phrase: Phrase, payload: T) -> None:
        """Make `payload` the only meaning of `phrase` (a user's override)."""
        table = self._stems if phrase.stem else self._exact
        table.pop(phrase.key, None)
        self.add(phrase, payload)

    def match_at(self, norms: Sequence[str], i: int) -> Match[T] | None:
        """The longest phrase starting at token `i`, or None."""
        for length in range(min(self._longest.get(norms[i], 0), len(norms) - i), 0, -1):
            key = tuple(norms[i : i + length])
            found = self._exact.get(key)
            if found is None and self._stems:
                found = self._stem_lookup(key)
            if found is not None:
                return Match(i, i + length, found)
        word = norms[i]
        for size in self._stem_sizes:
            if size <= len(word) and (found := self._stems.get((word[:size],))):
                return Match(i, i + 1, found)
        return None

    def _stem_lookup(self, key: tuple[str, ...]) -> list[T] | None:
        head, last = key[:-1], key[-1]
        for size in range(len(last), 3, -1):
            found = self._stems.get((*head, last[:size]))
            if found is not None:
                return found
        return None

    def find_all(self, norms: Sequence[str], taken: Sequence[bool] | None = None) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right, skipping tokens already `taken`."""
        found: list[Match[T]] = []
        i = 0
        while i < len(norms):
            if taken is not None and taken[i]:
                i += 1
                continue
            match = self.match_at(norms, i)
            if match is None or (taken is not None and any(taken[match.start : match.end])):
                i += 1
                continue
            found.append(match)
            i = match.end
        return found
