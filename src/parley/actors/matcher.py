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
# The endings a stem that is a word of its own takes (`TROOP*`: troops, `POLICE*`:
# policemen, `CHILD*`: children): its inflections, not words derived from it (`MEDIA*`
# is not `mediation` nor `mediated`, `KING*` not `kingdom`, `JUDGE*` not `judgment`,
# `MONK*` not `monkeys`). A stem that is no word (`DEFEN*`, `ARGENTIN*`) takes any
# short ending.
NOUN_ENDINGS = frozenset({"S", "ES", "'S", "S'", "REN", "MEN", "MAN", "WOMEN", "WOMAN"})
_MAX_DEAD = 500_000  # bounds the memory of words known to start nothing
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
    """Maps phrases to payloads; a later phrase replaces an earlier identical one.

    `_prefixes` holds every proper prefix of every phrase, so a match grows word by word
    and stops at the first prefix no phrase has: most tokens cost one set lookup.
    """

    _exact: dict[str, T] = field(default_factory=dict)
    _stems: dict[str, T] = field(default_factory=dict)
    _prefixes: set[str] = field(default_factory=set)
    _stem_heads: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _multi_heads: set[str] = field(default_factory=set)
    # Words seen to start no phrase at all; most of a sentence, checked with one lookup.
    _dead: set[str] = field(default_factory=set)
    # Stem phrases whose stem is a word of its own: they take only `NOUN_ENDINGS`.
    _word_stems: set[str] = field(default_factory=set)

    def __len__(self) -> int:
        return len(self._exact) + len(self._stems)

    def _table(self, phrase: Phrase) -> dict[str, T]:
        """Stems (long enough to be one) and exact phrases are kept apart."""
        return self._stems if phrase.stem and len(phrase.key[-1]) >= _MIN_STEM else self._exact

    def add(self, phrase: Phrase, payload: T, word_stem: bool = False) -> None:
        """Add `phrase`; `word_stem`: its stem is a word of its own, which takes only a
        noun's inflections (`NOUN_ENDINGS`)."""
        self._dead.clear()
        words = phrase.key
        key = " ".join(words)
        for size in range(1, len(words)):
            self._prefixes.add(" ".join(words[:size]))
        if self._table(phrase) is self._exact:
            self._exact[key] = payload
            return
        self._stems[key] = payload
        if word_stem:
            self._word_stems.add(key)
        if len(words) > 1:
            self._multi_heads.add(" ".join(words[:-1]))
            return
        head = key[:_MIN_STEM]
        sizes = set(self._stem_heads.get(head, ())) | {len(key)}
        self._stem_heads[head] = tuple(sorted(sizes, reverse=True))

    def get(self, phrase: Phrase) -> T | None:
        """The payload `phrase` maps to now, if any."""
        return self._table(phrase).get(" ".join(phrase.key))

    def match_at(self, norms: Sequence[str], i: int) -> Match[T] | None:
        """The longest phrase starting at token `i`, or None."""
        exact, prefixes = self._exact, self._prefixes
        word = norms[i]
        best = Match(i, i + 1, exact[word]) if word in exact else None
        key, k = word, i + 1
        while key in prefixes and k < len(norms):
            following = norms[k]
            if key in self._multi_heads:
                found = self._stem_of(key + " ", following)
                if found is not None:
                    best = Match(i, k + 1, found)
            key = f"{key} {following}"
            k += 1
            if key in exact:
                best = Match(i, k, exact[key])
        if best is not None:
            return best
        if word[:_MIN_STEM] in self._stem_heads:
            found = self._stem_of("", word)
            if found is not None:
                return Match(i, i + 1, found)
        if "-" not in word:
            return None
        head, dash, tail = word.rpartition("-")
        if dash and tail in _COMPOUND_TAILS and head in exact:
            return Match(i, i + 1, exact[head])
        return None

    def _stem_of(self, head: str, word: str) -> T | None:
        """A stem phrase `head` + a prefix of `word` that leaves a short ending."""
        stems = self._stems
        if not head:
            for size in self._stem_heads.get(word[:_MIN_STEM], ()):
                if size <= len(word) and (len(word) - size <= _MAX_ENDING or word[size] == "-"):
                    found = stems.get(word[:size])
                    if found is not None and self._takes(word[:size], word[size:]):
                        return found
            return None
        for size in range(len(word), max(_MIN_STEM, len(word) - _MAX_ENDING) - 1, -1):
            found = stems.get(head + word[:size])
            if found is not None and self._takes(head + word[:size], word[size:]):
                return found
        return None

    def _takes(self, stem: str, ending: str) -> bool:
        """Whether the stem phrase `stem` takes `ending`: any, unless the stem is a word
        of its own; always a hyphenated compound (`Al-Qaeda-linked`) or letters a broken
        encoding glued on (`governmentÂ`)."""
        if stem not in self._word_stems or not ending or ending in NOUN_ENDINGS:
            return True
        return ending[0] == "-" or not ("A" <= ending[0] <= "Z")

    def find_all(self, norms: Sequence[str], taken: Sequence[bool] | None = None) -> list[Match[T]]:
        """Non-overlapping longest matches, left to right, skipping tokens already `taken`."""
        dead, exact, prefixes, heads = self._dead, self._exact, self._prefixes, self._stem_heads
        found: list[Match[T]] = []
        free, last = 0, len(norms) - 1
        for i, word in enumerate(norms):
            if i < free or word in dead or (taken is not None and taken[i]):
                continue
            if word not in exact and word[:_MIN_STEM] not in heads and "-" not in word:
                if word not in prefixes:  # starts nothing at all: next time, one lookup
                    if len(dead) < _MAX_DEAD:
                        dead.add(word)
                    continue
                # Only a longer phrase can start here (`THE`, `IN`): look one word ahead.
                if i == last:
                    continue
                pair = f"{word} {norms[i + 1]}"
                if pair not in exact and pair not in prefixes and word not in self._multi_heads:
                    continue
            match = self.match_at(norms, i)
            if match is None:
                if word not in self._prefixes and len(dead) < _MAX_DEAD:
                    dead.add(word)
                continue
            if taken is not None and any(taken[match.start : match.end]):
                continue
            found.append(match)
            free = match.end
        return found
