"""Lemmatiser: a word's dictionary form from its tag, by table first, rules second.

The table (form and UPOS → lemma, the commonest in UD English EWT) covers the words news
uses most, irregular ones included (`was` → `be`, `children` → `child`); English
inflection rules handle the rest (`sanctions` → `sanction`, `violating` → `violate`).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

from parley.tables import bundled_data

_VOWELS = set("aeiou")


def _noun(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _verb(word: str) -> str:
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # stopped → stop
            if stem[-1] not in _VOWELS and stem[-2] in _VOWELS and stem[-3] not in _VOWELS:
                return stem + "e"  # violating → violate
            return stem
    if word.endswith(("sses", "xes", "ches", "shes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@dataclass(slots=True)
class Lemmatiser:
    """Table lookups with rule fallbacks; proper nouns keep their spelling."""

    table: dict[str, str]
    seen: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> Lemmatiser:
        base = folder or bundled_data() / "models"
        with gzip.open(base / "lemmas.json.gz", "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    def save(self, folder: Path) -> None:
        with gzip.GzipFile(folder / "lemmas.json.gz", "wb", mtime=0) as handle:
            handle.write(json.dumps(self.table, sort_keys=True).encode("utf-8"))

    def lemma(self, word: str, upos: str) -> str:
        """The lemma of `word` tagged `upos`; remembered, as news repeats its words."""
        found = self.seen.get((word, upos))
        if found is None:
            if len(self.seen) > 200_000:  # bounded: a long run must not grow without end
                self.seen.clear()
            found = self.seen[word, upos] = self._lemma(word, upos)
        return found

    def _lemma(self, word: str, upos: str) -> str:
        found = self.table.get(f"{upos} {word.lower()}")
        if found is not None:
            return found
        if upos == "PROPN":
            return word
        low = word.lower()
        if upos == "NOUN":
            return _noun(low)
        if upos in ("VERB", "AUX"):
            return _verb(low)
        return low
