"""Dependency parser: greedy arc-hybrid transitions scored by an averaged perceptron.

Parsing reads words left to right with a stack: SHIFT moves the next word onto the stack,
LEFT makes the next word the head of the stack's top, RIGHT makes the word below the top
its head. The transition model only decides these three moves (cheap to score); a
second, vectorised model then labels every arc of the finished tree at once. Both are
trained by `tools/train_parser.py` on UD English EWT with a dynamic oracle (training
follows the parser's own mistakes and learns the best move from there), so a greedy
parse recovers from errors as it will have to on new text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from parley.syntax.tagger import Layer

SHIFT, LEFT, RIGHT = 0, 1, 2
ROOT = 0  # the artificial root is word 0; real words are 1..n


@dataclass(slots=True)
class State:
    """A parser configuration over words 1..n (`heads[0]` unused)."""

    n: int
    stack: list[int]
    next: int
    heads: list[int]
    lefts: list[list[int]]
    rights: list[list[int]]

    @classmethod
    def start(cls, n: int) -> State:
        return cls(n, [ROOT], 1, [-1] * (n + 1), [[] for _ in range(n + 1)],
                   [[] for _ in range(n + 1)])  # fmt: skip

    @property
    def done(self) -> bool:
        return self.next > self.n and len(self.stack) == 1

    def valid(self) -> tuple[bool, bool, bool]:
        buffer = self.next <= self.n
        return (
            buffer,
            buffer and len(self.stack) > 1,
            len(self.stack) > 2 or (len(self.stack) == 2 and not buffer),
        )

    def apply(self, move: int) -> None:
        if move == SHIFT:
            self.stack.append(self.next)
            self.next += 1
        elif move == LEFT:
            child = self.stack.pop()
            self.heads[child] = self.next
            self.lefts[self.next].append(child)
        else:
            child = self.stack.pop()
            head = self.stack[-1]
            self.heads[child] = head
            self.rights[head].append(child)


def _at(words: Sequence[str], i: int | None) -> str:
    if i is None:
        return "<none>"
    return "<root>" if i == ROOT else words[i]


def _nth(items: list[int], index: int, table: Sequence[str]) -> str:
    """`table` entry of the `index`-th child (0 first, 1 second, -1 last...), or "-"."""
    return table[items[index]] if len(items) > (index if index >= 0 else -index - 1) else "-"


def _bucket(gap: int) -> str:
    return str(gap) if gap < 5 else ("5-9" if gap < 10 else "10+")


def transition_features(state: State, words: Sequence[str], tags: Sequence[str]) -> list[str]:
    """Features of a configuration: words, tags and children around the stack and buffer.

    `words` and `tags` are 1-based (index 0 is the root).
    """
    stack = state.stack
    s0 = stack[-1] if stack else None
    s1 = stack[-2] if len(stack) > 1 else None
    s2 = stack[-3] if len(stack) > 2 else None
    n = state.n
    b0 = state.next if state.next <= n else None
    b1 = state.next + 1 if state.next + 1 <= n else None
    b2 = state.next + 2 if state.next + 2 <= n else None
    s0w, s0t = _at(words, s0), _at(tags, s0)
    s1w, s1t = _at(words, s1), _at(tags, s1)
    b0w, b0t = _at(words, b0), _at(tags, b0)
    b1w, b1t = _at(words, b1), _at(tags, b1)
    b2t, s2t = _at(tags, b2), _at(tags, s2)

    s0_lefts = state.lefts[s0] if s0 is not None else []
    s0_rights = state.rights[s0] if s0 is not None else []
    s1_lefts = state.lefts[s1] if s1 is not None else []
    s1_rights = state.rights[s1] if s1 is not None else []
    b0_lefts = state.lefts[b0] if b0 is not None else []
    s0l, s0l2, s0lw = _nth(s0_lefts, 0, tags), _nth(s0_lefts, 1, tags), _nth(s0_lefts, 0, words)
    s0r, s0r2, s0rw = (
        _nth(s0_rights, -1, tags),
        _nth(s0_rights, -2, tags),
        _nth(s0_rights, -1, words),
    )
    b0l, b0l2, b0lw = _nth(b0_lefts, 0, tags), _nth(b0_lefts, 1, tags), _nth(b0_lefts, 0, words)
    s1l = _nth(s1_lefts, 0, tags)
    s1r, s1rw = _nth(s1_rights, -1, tags), _nth(s1_rights, -1, words)
    distance = "-"
    if s0 is not None and b0 is not None:
        distance = _bucket(b0 - s0 if s0 != ROOT else 0)
    s0v = f"{len(state.lefts[s0])}/{len(state.rights[s0])}" if s0 is not None else "-"
    b0v = str(len(state.lefts[b0])) if b0 is not None else "-"
    return [
        "b",
        "s0w=" + s0w, "s0t=" + s0t, "s0wt=" + s0w + s0t,
        "s1w=" + s1w, "s1t=" + s1t, "s1wt=" + s1w + s1t,
        "b0w=" + b0w, "b0t=" + b0t, "b0wt=" + b0w + b0t,
        "b1w=" + b1w, "b1t=" + b1t, "b2t=" + b2t, "s2t=" + s2t,
        "s0t b0t=" + s0t + " " + b0t,
        "s0w b0w=" + s0w + " " + b0w,
        "s0t b0w=" + s0t + " " + b0w,
        "s0w b0t=" + s0w + " " + b0t,
        "s1t s0t=" + s1t + " " + s0t,
        "s1w s0w=" + s1w + " " + s0w,
        "s1t s0w=" + s1t + " " + s0w,
        "s1w s0t=" + s1w + " " + s0t,
        "s0t b0t b1t=" + s0t + " " + b0t + " " + b1t,
        "b0t b1t b2t=" + b0t + " " + b1t + " " + b2t,
        "s1t s0t b0t=" + s1t + " " + s0t + " " + b0t,
        "s2t s1t s0t=" + s2t + " " + s1t + " " + s0t,
        "s0t s0l s0r=" + s0t + " " + s0l + " " + s0r,
        "s1t s1l s1r=" + s1t + " " + s1l + " " + s1r,
        "s0t s1t s1r=" + s0t + " " + s1t + " " + s1r,
        "b0t b0l=" + b0t + " " + b0l,
        "s0t s0l b0t=" + s0t + " " + s0l + " " + b0t,
        "s0t s0r b0t=" + s0t + " " + s0r + " " + b0t,
        "dist s0t b0t=" + distance + " " + s0t + " " + b0t,
        "dist s0w b0w=" + distance + " " + s0w + " " + b0w,
        "s0v=" + s0v + " " + s0t,
        "b0v=" + b0v + " " + b0t,
        "s0lw=" + s0lw, "s0rw=" + s0rw, "b0lw=" + b0lw, "s1rw=" + s1rw,
        "s0t s0l s0l2=" + s0t + " " + s0l + " " + s0l2,
        "s0t s0r s0r2=" + s0t + " " + s0r + " " + s0r2,
        "b0t b0l b0l2=" + b0t + " " + b0l + " " + b0l2,
        "s0wt b0wt=" + s0w + s0t + " " + b0w + b0t,
        "s0wt b0t=" + s0w + s0t + " " + b0t,
        "s0t b0wt=" + s0t + " " + b0w + b0t,
        "b0w b1w=" + b0w + " " + b1w,
        "b0t b1w=" + b0t + " " + b1w,
        "b0s=" + b0w[-3:] + " " + b0t,
        "s0s=" + s0w[-3:] + " " + s0t,
    ]  # fmt: skip


def label_features(
    words: Sequence[str], tags: Sequence[str], heads: Sequence[int]
) -> list[list[str]]:
    """Features for labelling each arc head → word of a finished tree (1-based inputs)."""
    n = len(words) - 1
    children: list[list[int]] = [[] for _ in range(n + 1)]
    for d in range(1, n + 1):
        children[heads[d]].append(d)
    out = []
    for d in range(1, n + 1):
        h = heads[d]
        hw, ht = _at(words, h), _at(tags, h)
        dw, dt = words[d], tags[d]
        side = "L" if d < h else "R"
        if h == ROOT:
            side = "root"
        distance = _bucket(abs(d - h))
        kids = children[d]
        first = tags[kids[0]] if kids else "-"
        last = tags[kids[-1]] if kids else "-"
        grand = _at(tags, heads[h]) if h != ROOT else "<none>"
        has_case = any(words[k].lower() in _CASE_WORDS for k in kids)
        out.append(
            [
                "b",
                "dw=" + dw, "dt=" + dt, "hw=" + hw, "ht=" + ht,
                "dt ht=" + dt + " " + ht,
                "dw ht=" + dw + " " + ht,
                "dt hw=" + dt + " " + hw,
                "dw hw=" + dw + " " + hw,
                "side dt ht=" + side + " " + dt + " " + ht,
                "side dist dt ht=" + side + distance + " " + dt + " " + ht,
                "dt kids=" + dt + " " + first + " " + last,
                "dt ht gt=" + dt + " " + ht + " " + grand,
                "dt side case=" + dt + side + str(has_case),
                "dw side=" + dw + side,
                "kidw=" + " ".join(words[k].lower() for k in kids if tags[k] in _FUNCTION_TAGS),
            ]
        )  # fmt: skip
    return out


_CASE_WORDS = frozenset({"by", "of", "to", "in", "on", "for", "with", "from", "at"})
_FUNCTION_TAGS = frozenset({"ADP", "AUX", "PART", "SCONJ", "DET", "PRON"})


@dataclass(slots=True)
class Parser:
    """Trained transition weights (feature → SHIFT/LEFT/RIGHT) and the arc labeller."""

    moves: dict[str, Sequence[float]]
    labels: list[str]
    labeller: Layer

    @classmethod
    def load(cls, folder: Path | None = None) -> Parser:
        base = folder or Path(str(resources.files("parley") / "data" / "models"))
        with np.load(base / "parser.npz") as found:
            arrays = dict(found)
        names = str(arrays["move_features"][()]).split("\n")
        weights = arrays["move_weights"].tolist()
        labels = json.loads((base / "parser.json").read_text(encoding="utf-8"))["labels"]
        return cls(dict(zip(names, weights, strict=True)), labels, Layer.from_arrays(arrays, "l_"))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.moves)
        arrays = {
            "move_features": np.array("\n".join(names)),
            "move_weights": np.asarray([self.moves[n] for n in names], dtype=np.float32),
            **self.labeller.arrays("l_"),
        }
        np.savez_compressed(folder / "parser.npz", **arrays)
        (folder / "parser.json").write_text(json.dumps({"labels": self.labels}), encoding="utf-8")

    def heads(self, words: Sequence[str], tags: Sequence[str]) -> list[int]:
        """Head of each word (1-based positions, 0 for the root) for 0-based inputs."""
        w = ["<root>", *(x.lower() for x in words)]
        t = ["<root>", *tags]
        state = State.start(len(words))
        moves = self.moves
        while not state.done:
            scores = [0.0, 0.0, 0.0]
            for name in transition_features(state, w, t):
                row = moves.get(name)
                if row is not None:
                    scores[0] += row[0]
                    scores[1] += row[1]
                    scores[2] += row[2]
            valid = state.valid()
            best = max((m for m in (SHIFT, LEFT, RIGHT) if valid[m]), key=scores.__getitem__)
            state.apply(best)
        return state.heads[1:]

    def parse(self, words: Sequence[str], tags: Sequence[str]) -> list[tuple[int, str]]:
        """`(head, relation)` for each word; heads are 1-based, 0 is the root."""
        if not words:
            return []
        heads = self.heads(words, tags)
        w = ["<root>", *(x.lower() for x in words)]
        t = ["<root>", *tags]
        scores = self.labeller.scores(label_features(w, t, [0, *heads]), len(self.labels))
        return [(h, self.labels[int(k)]) for h, k in zip(heads, scores.argmax(axis=1), strict=True)]
