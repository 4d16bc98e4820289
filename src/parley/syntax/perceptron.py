"""Training for parley's models: a multiclass averaged perceptron, and its export.

Used by `tools/train_tagger.py` and `tools/train_parser.py`; not needed to run parley.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from parley.syntax.tagger import Layer


class Perceptron:
    """Multiclass averaged perceptron (weights averaged over every update step)."""

    def __init__(self, n_labels: int) -> None:
        self.n = n_labels
        self.weights: dict[str, dict[int, float]] = defaultdict(dict)
        self.totals: dict[tuple[str, int], float] = defaultdict(float)
        self.stamps: dict[tuple[str, int], int] = defaultdict(int)
        self.step = 0

    def scores(self, feats: list[str]) -> list[float]:
        scores = [0.0] * self.n
        weights = self.weights
        for f in feats:
            row = weights.get(f)
            if row:
                for label, w in row.items():
                    scores[label] += w
        return scores

    def predict(self, feats: list[str]) -> int:
        scores = self.scores(feats)
        return max(range(self.n), key=scores.__getitem__)

    def update(self, truth: int, guess: int, feats: list[str]) -> None:
        self.step += 1
        if truth == guess:
            return
        for f in feats:
            row = self.weights[f]
            for label, delta in ((truth, 1.0), (guess, -1.0)):
                key = (f, label)
                w = row.get(label, 0.0)
                self.totals[key] += (self.step - self.stamps[key]) * w
                self.stamps[key] = self.step
                row[label] = w + delta

    def averaged(self) -> dict[str, dict[int, float]]:
        out: dict[str, dict[int, float]] = {}
        for f, row in self.weights.items():
            kept = {}
            for label, w in row.items():
                key = (f, label)
                total = self.totals[key] + (self.step - self.stamps[key]) * w
                avg = total / self.step
                if abs(avg) >= 1e-3:
                    kept[label] = round(avg, 3)
            if kept:
                out[f] = kept
        return out


def to_layer(weights: dict[str, dict[int, float]]) -> Layer:
    names = sorted(weights)
    indptr = np.zeros(len(names) + 1, dtype=np.int32)
    indices: list[int] = []
    data: list[float] = []
    for i, name in enumerate(names):
        row = sorted(weights[name].items())
        indices += [label for label, _ in row]
        data += [w for _, w in row]
        indptr[i + 1] = len(indices)
    return Layer(
        {name: i for i, name in enumerate(names)},
        indptr,
        np.asarray(indices, dtype=np.uint8),
        np.asarray(data, dtype=np.float32),
    )
