"""MinHash signatures of clean text, and the LSH bands that find similar ones quickly.

Two copies of an article (a PDF and the web page, a syndicated re-post with other site
chrome) share most of their word sequences. A document is read as its set of five-word
shingles (case-folded words, punctuation and line breaks ignored, so a PDF's layout does
not matter); the share of shingles two documents have in common (Jaccard similarity) is
estimated from 128 MinHash values, all computed at once with NumPy rather than word by
word. Hashes are stable across runs and machines, as signatures are stored and compared
with those of later runs.

LSH: the signature is cut into bands of a few values; two documents whose band agrees
anywhere become candidates, and the signature decides. The rows per band follow from the
threshold (`bands_for`) so that a pair at the threshold is a candidate with probability
0.99 or more, while pairs far below it rarely are.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

import numpy as np

PERMUTATIONS = 128
SHINGLE = 5
_WORD = re.compile(r"\w+")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant: multiply-mixes words together


def bands_for(threshold: float, permutations: int = PERMUTATIONS) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest chance candidates) that still make a
    pair at `threshold` a candidate with probability ≥ 0.99."""
    for rows in range(8, 0, -1):
        bands = permutations // rows
        if 1 - (1 - threshold**rows) ** bands >= 0.99:
            return bands, rows
    return permutations, 1


@dataclass(slots=True)
class MinHasher:
    """Stable MinHash signatures (uint16 × `PERMUTATIONS`) of texts.

    The i-th hash of a shingle `x` is the top bits of `a_i · x + b_i` (multiply-shift, a
    universal family for 64-bit keys); the signature keeps the lower 16 bits of each
    minimum, which halves storage and makes unequal minima agree only 1 time in 65,536.
    """

    a: np.ndarray = field(init=False)
    b: np.ndarray = field(init=False)
    words: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(20041120)  # fixed: stored signatures must stay valid
        self.a = rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) * 2 + 1
        self.b = rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)

    def shingles(self, text: str) -> np.ndarray:
        """64-bit keys of the text's distinct five-word shingles (fewer words: one key)."""
        words = self.words
        if len(words) > 500_000:  # a cache of word hashes, bounded for long runs
            words.clear()
        ids = []
        for word in _WORD.findall(text.casefold()):
            found = words.get(word)
            if found is None:
                found = words[word] = zlib.crc32(word.encode("utf-8"))
            ids.append(found)
        if not ids:
            return np.zeros(1, dtype=np.uint64)
        values = np.asarray(ids, dtype=np.uint64)
        size = min(SHINGLE, len(values))
        keys = values[: len(values) - size + 1].copy()
        for k in range(1, size):
            keys = keys * _MIX + values[k : len(values) - size + 1 + k]
        return np.unique(keys)

    def signature(self, text: str) -> np.ndarray:
        """The text's MinHash signature."""
        keys = self.shingles(text)
        hashed = (self.a[:, None] * keys[None, :] + self.b[:, None]) >> np.uint64(32)
        return hashed.min(axis=1).astype(np.uint16)


def similarity(signatures: np.ndarray, signature: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of each of `signatures` (one, or rows of many) to
    `signature`: the share of signature values that agree."""
    return np.count_nonzero(signatures == signature, axis=-1) / signature.shape[-1]


def band_keys(signature: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band (the band's number mixed in, so bands never collide); for
    a matrix of signatures, a row of keys each."""
    lead = signature.shape[:-1]
    cut = signature[..., : bands * rows].reshape(*lead, bands, rows).astype(np.uint64)
    keys = np.arange(bands, dtype=np.uint64) + np.uint64(1)
    for k in range(rows):
        keys = keys * _MIX + cut[..., k]
    return keys
