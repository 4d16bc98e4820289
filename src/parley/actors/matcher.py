"""Longest-match phrase lookup over normalised tokens.

Finding dictionary phrases in a sentence must not loop over dictionary entries: phrases
are keys of one hash table (their words joined by spaces), and only tokens that can
start a phrase are looked at, with only the lengths phrases starting there can have,
longest first. A phrase whose last word is a stem (`ARGENTIN*`) also matches that word
with any ending (`Argentine`, `Argentinians`). The tables hold only strings and ints, so
a compiled matcher pickles and loads fast (see `parley.actors.cache`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from parley.actors.entries import Phrase

T = TypeVar("T")
_MIN_STEM = 4
# A stem takes an ending, not another word: `ARGENTIN*` matches `Argentinians`, but
# `CONSUL*` must not match `consultations`, nor `KING*` `kingmaker`. A hyphenated
# compound is the stem's own (`Al-Qaeda-linked`).
_MAX_ENDING = 4
# `US-led`, `Russian-backed`: a name glued to one of these still names its actor.
_COMPOUND_TAILS = frozenset(
    "LED BACKED BASED BROKERED SPONSORED DRAFTED ALLIED FUNDED SUPPORTED OWNED RUN "
    "CONTROLLED HELD ARMED TRAINED AFFILIATED ALIGNED LINKED INSPIRED MADE BORN DOMINATED "
    "FRIENDLY ORIENTED".split()
)


@dataclass(slots=True)
class Match(Generic[T]):
    """Tokens `[start, end)` matched a phrase whose payload is `payload`."""

    start: int
    end: int
    payload: T


@dataclass(slots=True)
class PhraseMatcher(Generic[T]):
    """Maps phrases to payloads; a later phrase replaces an earlier identical one."""

    _exact: dict[str, T] = field(default_factory=dict)
    _stems: dict[str, T] = field(default_factory=dict)
    _longest: dict[str, int] = field(default_factory=dict)
    _stem_heads: set[str] = field(default_factory=set)
    _stem_sizes: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self._exact) + len(self._stems)

    def add(self, phrase: Phrase, payload: T) -> None:
        key = " ".join(phrase.key)
        if phrase.stem and len(phrase.key[-1]) >= _MIN_STEM:
            self._stems[key] = payload
            if len(phrase.key) == 1:
                self._stem_heads.add(key[:_MIN_STEM])
                if len(key) not in self._stem_sizes:
                    self._stem_sizes.append(len(key))
                    self._stem_sizes.sort(reverse=True)
                return
        else:
            self._exact[key] = payload
        first = phrase.key[0]
        self._longest[first] = max(self._longest.get(first, 0), len(phrase.key))

    def get(self, phrase: Phrase) -> T | None:
        """The payload `phrase` maps to now, if any."""
        key = " ".join(phrase.key)
        if phrase.stem and len(phrase.key[-1]) >= _MIN_STEM:
            return self._stems.get(key)
        return self._exact.get(key)

    def match_at(self, norms: Sequence[str], i: int) -> Match[T] | None:
        """The longest phrase starting at token `i`, or None."""
        exact, stems = self._exact, self._stems
        for length in range(min(self._longest.get(norms[i], 0), len(norms) - i), 0, -1):
            key = " ".join(norms[i : i + length])
            if key in exact:
                return Match(i, i + length, exact[key])
            if stems and length > 1:
                found = self._stem_lookup(norms[i : i + length])
                if found is not None:
                    return Match(i, i + length, found)
        word = norms[i]
        head, dash, tail = word.rpartition("-")
        if dash and tail in _COMPOUND_TAILS and head in exact:
            return Match(i, i + 1, exact[head])
        if word[:_MIN_STEM] in self._stem_heads:
            for size in self._stem_sizes:
                if size > len(word) or (len(word) - size > _MAX_ENDING and word[size] != "-"):
                    continue
                if (found := stems.get(word[:size])) is not None:
                    return Match(i, i + 1, found)
        return None

    def _stem_lookup(self, words: Sequence[str]) -> T | None:
        head, last = " ".join(words[:-1]), words[-1]
        for size in range(len(last), max(_MIN_STEM, len(last) - _MAX_ENDING) - 1, -1):
            found = self._stems.get(f"{head} {last[:size]}")
            if found is not None:
                return found
        return None

    def find_all(self, norms: Sequence[str], taken: Sequence[bool] | None = None) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right, skipping tokens already `taken`."""
        longest, heads = self._longest, self._stem_heads
        found: list[Match[T]] = []
        free = 0
        for i, word in enumerate(norms):
            if i < free or (
                word not in longest and word[:_MIN_STEM] not in heads and "-" not in word
            ):
                continue
            if taken is not None and taken[i]:
                continue
            match = self.match_at(norms, i)
            if match is None or (taken is not None and any(taken[match.start : match.end])):
                continue
            found.append(match)
            free = match.end
        return found
