"""Deciding what a word split across a line end was: `re-election` or `international`.

The decision uses evidence, not a guess, in this order: how the document itself spells
the word elsewhere; an English word list (GCIDE, via the `english-words` package) that
knows compounds such as `long-range` and words such as `international`; and the spelling
rule that keeps the hyphen between a prefix and a root starting with the same vowel
(`re-election`, `co-operation`, `anti-inflation`). With no evidence the hyphen is kept,
so no word is invented.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass

_SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "ies")


def known_word(word: str, words: Set[str]) -> bool:
    """Whether `word` (lower case) is in `words` as written or with a regular ending
    (`arrested`, `territories`): the list holds dictionary headwords, not their forms."""
    if word in words:
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if stem in words or (suffix == "ies" and stem + "y" in words):
                return True
    return False


@dataclass(slots=True, frozen=True)
class Dehyphenator:
    """`join(left, right)` → the word as it should be written."""

    words: Set[str]

    @classmethod
    def english(cls) -> Dehyphenator:
        from english_words import get_english_words_set

        return cls(frozenset(get_english_words_set(["gcide"], lower=True, alpha=False)))

    def join(self, left: str, right: str, document: Set[str] = frozenset()) -> str:
        """`left` is the part before the line-end hyphen, `right` the part after.

        `document` holds the lower-cased words of the document, hyphenated ones included.
        """
        hyphenated, joined = f"{left}-{right}", f"{left}{right}"
        low_h, low_j = hyphenated.lower(), joined.lower()
        if low_h in document:
            return hyphenated
        if low_j in document:
            return joined
        if low_h in self.words:
            return hyphenated
        if left[-1:].lower() in "aeiou" and left[-1:].lower() == right[:1].lower():
            return hyphenated
        if known_word(low_j, self.words):
            return joined
        return hyphenated
