"""Part-of-speech tagger: an averaged perceptron over local context features.

Each word is tagged with a joint UPOS+XPOS label from features of a five-word window
(words, suffixes, shapes), in one vectorised step per sentence: the weights are a sparse
feature × label matrix, and a sentence's scores are one `bincount` over the rows of its
features. A second layer then re-tags with the first layer's tags of the neighbours as
extra features (stacking: what a left-to-right tagger learns from previous tags, but
still one step per sentence). Frequent words the treebank always tags the same way skip
the model. The
weights are trained by `tools/train_tagger.py` on UD English EWT (CC BY-SA 4.0) and
shipped in `parley/data/models/`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

_DIGITS = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]+")
_LOWER = re.compile(r"[a-z]+")
_ZEROS = re.compile(r"0+")


def shape(word: str) -> str:
    """A word's look: `Xx` for `Tokyo`, `X.X.` for `U.S.`, `d` for `2004`, `x-x` for `e-mail`."""
    text = _UPPER.sub("X", _DIGITS.sub("0", word))
    return _ZEROS.sub("d", _LOWER.sub("x", text))[:6]


def features(words: Sequence[str]) -> list[list[str]]:
    """The feature strings of every word of a sentence."""
    lows = [w.lower() for w in words]
    shapes = [shape(w) for w in words]
    padded = ["<s2>", "<s>", *lows, "</s>", "</s2>"]
    shaped = ["<s2>", "<s>", *shapes, "</s>", "</s2>"]
    out = []
    for i, low in enumerate(lows):
        j = i + 2
        prev, nxt = padded[j - 1], padded[j + 1]
        out.append(
            [
                "b",
                "w=" + low,
                "s1=" + low[-1:],
                "s2=" + low[-2:],
                "s3=" + low[-3:],
                "s4=" + low[-4:],
                "p1=" + low[:1],
                "p2=" + low[:2],
                "sh=" + shapes[i],
                "first" + shapes[i] if i == 0 else "notfirst",
                "w-1=" + prev,
                "w+1=" + nxt,
                "w-2=" + padded[j - 2],
                "w+2=" + padded[j + 2],
                "s3-1=" + prev[-3:],
                "s3+1=" + nxt[-3:],
                "sh-1=" + shaped[j - 1],
                "sh+1=" + shaped[j + 1],
                "w-1w=" + prev + " " + low,
                "ww+1=" + low + " " + nxt,
                "w-1w+1=" + prev + " " + nxt,
            ]
        )
    return out


def context_features(base: list[list[str]], tags: Sequence[str]) -> list[list[str]]:
    """`base` features plus the neighbours' first-layer tags, for the second layer."""
    padded = ["<s2>", "<s>", *tags, "</s>", "</s2>"]
    out = []
    for i, feats in enumerate(base):
        j = i + 2
        word = feats[1]
        out.append(
            [
                *feats,
                "t-1=" + padded[j - 1],
                "t+1=" + padded[j + 1],
                "t-2=" + padded[j - 2],
                "t+2=" + padded[j + 2],
                "t-1t+1=" + padded[j - 1] + "|" + padded[j + 1],
                "t-2t-1=" + padded[j - 2] + "|" + padded[j - 1],
                "t+1t+2=" + padded[j + 1] + "|" + padded[j + 2],
                "t-1" + word + "=" + padded[j - 1],
                "t+1" + word + "=" + padded[j + 1],
            ]
        )
    return out


@dataclass(slots=True)
class Layer:
    """Feature rows and a sparse (CSR) feature × label weight matrix."""

    rows: dict[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray

    def scores(
        self, feats: list[list[str]], n_labels: int, skip: Sequence[object] = ()
    ) -> np.ndarray:
        """A words × labels score matrix, in one vectorised step (rows in `skip` left 0)."""
        rows, owners = [], []
        get = self.rows.get
        for position, names in enumerate(feats):
            if skip and skip[position] is not None:
                continue
            for name in names:
                row = get(name)
                if row is not None:
                    rows.append(row)
                    owners.append(position)
        if not rows:
            return np.zeros((len(feats), n_labels))
        row_ids = np.asarray(rows)
        starts = self.indptr[row_ids]
        lengths = self.indptr[row_ids + 1] - starts
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lengths)[:-1])), lengths)
        picks = np.arange(int(lengths.sum())) + offsets
        cells = np.repeat(np.asarray(owners), lengths) * n_labels + self.indices[picks]
        scores = np.bincount(cells, weights=self.data[picks], minlength=len(feats) * n_labels)
        return scores.reshape(len(feats), n_labels)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        names = sorted(self.rows, key=self.rows.__getitem__)
        return {
            f"{prefix}features": np.array("\n".join(names)),
            f"{prefix}indptr": self.indptr,
            f"{prefix}indices": self.indices,
            f"{prefix}data": self.data,
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> Layer:
        names = str(arrays[f"{prefix}features"][()]).split("\n")
        return cls(
            {name: i for i, name in enumerate(names)},
            arrays[f"{prefix}indptr"],
            arrays[f"{prefix}indices"],
            arrays[f"{prefix}data"],
        )


@dataclass(slots=True)
class Tagger:
    """A trained tagger: labels ("UPOS XPOS"), its one or two layers, a tag dictionary."""

    labels: list[str]
    first: Layer
    second: Layer | None
    tagdict: dict[str, int]

    @classmethod
    def load(cls, folder: Path | None = None) -> Tagger:
        base = folder or Path(str(resources.files("parley") / "data" / "models"))
        with np.load(base / "tagger.npz") as found:
            arrays = dict(found)
        meta = json.loads((base / "tagger.json").read_text(encoding="utf-8"))
        second = Layer.from_arrays(arrays, "b_") if "b_indptr" in arrays else None
        return cls(meta["labels"], Layer.from_arrays(arrays, "a_"), second, meta["tagdict"])

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = self.first.arrays("a_")
        if self.second is not None:
            arrays |= self.second.arrays("b_")
        np.savez_compressed(folder / "tagger.npz", **arrays)
        meta = {"labels": self.labels, "tagdict": self.tagdict}
        (folder / "tagger.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """`(UPOS, XPOS)` for each word."""
        out = []
        for i in self.label_ids(words):
            upos, xpos = self.labels[i].split(" ", 1)
            out.append((upos, xpos))
        return out

    def label_ids(self, words: Sequence[str], layers: int = 2) -> list[int]:
        if not words:
            return []
        known = [self.tagdict.get(w) for w in words]
        base = features(words)
        ids = self._best(self.first.scores(base, len(self.labels), known), known)
        if self.second is not None and layers > 1:
            tags = [self.labels[i] for i in ids]
            scores = self.second.scores(context_features(base, tags), len(self.labels), known)
            ids = self._best(scores, known)
        return ids

    @staticmethod
    def _best(scores: np.ndarray, known: list[int | None]) -> list[int]:
        best = scores.argmax(axis=1).tolist()
        return [k if k is not None else b for k, b in zip(known, best, strict=True)]
