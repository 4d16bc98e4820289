"""Tagger and dependency parser in one small network, run with NumPy.

Each word is read as its (lower-cased) form, the sum of its prefixes and suffixes, and its
shape; two bidirectional LSTM layers give each word a view of the whole sentence; from
that, a linear layer picks the tag ("UPOS XPOS"), a biaffine scorer rates every word as
the head of every other (Dozat & Manning's graph parser, so there is no left-to-right
decision loop in Python: a batch of sentences is a handful of matrix products), and a
last layer names each arc's relation. The weights are trained with PyTorch by
`tools/train_network.py` on UD English EWT (CC BY-SA 4.0); running them needs only NumPy.

Sentences are processed in batches of similar length, so a document's sentences cost a
few large matrix products rather than many small ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from parley.tables import bundled_data

PAD, UNKNOWN, ROOT_WORD = 0, 1, 2
AFFIXES = ("p2", "p3", "s1", "s2", "s3", "s4")
_DIGITS = re.compile(r"\d")
_UPPER = re.compile(r"[A-Z]+")
_LOWER = re.compile(r"[a-z]+")
_ZEROS = re.compile(r"0+")


def shape(word: str) -> str:
    """A word's look: `Xx` for `Tokyo`, `X.X.` for `U.S.`, `d` for `2004`, `x-x` for `e-mail`."""
    text = _UPPER.sub("X", _DIGITS.sub("0", word))
    return _ZEROS.sub("d", _LOWER.sub("x", text))[:6]


def form_key(word: str) -> str:
    """The form looked up in the word table: lower case, every digit a 0."""
    return _DIGITS.sub("0", word.lower())


def affix_keys(word: str) -> list[str]:
    """The prefix and suffix keys whose embeddings are summed for a word."""
    low = word.lower()
    return [f"p2={low[:2]}", f"p3={low[:3]}", f"s1={low[-1:]}", f"s2={low[-2:]}",
            f"s3={low[-3:]}", f"s4={low[-4:]}"]  # fmt: skip


@dataclass(slots=True)
class Vocabulary:
    """Feature string → row of an embedding table (0 is padding, unknown features too)."""

    words: dict[str, int]
    affixes: dict[str, int]
    shapes: dict[str, int]

    def ids(self, word: str) -> tuple[int, ...]:
        """(word, affixes..., shape) rows of one word (`WordVectors` remembers words)."""
        aget = self.affixes.get
        return (
            self.words.get(form_key(word), UNKNOWN),
            *(aget(k, 0) for k in affix_keys(word)),
            self.shapes.get(shape(word), UNKNOWN),
        )

    def encode(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, ...]:
        """Padded `(words, affixes, shapes)` id arrays; position 0 of each row is the root."""
        width = max(len(s) for s in sentences) + 1
        table = np.zeros((len(sentences), width, len(AFFIXES) + 2), dtype=np.int64)
        table[:, 0, 0] = ROOT_WORD
        ids = self.ids
        for row, sentence in enumerate(sentences):
            if sentence:
                table[row, 1 : len(sentence) + 1] = [ids(word) for word in sentence]
        return table[:, :, 0], table[:, :, 1:-1], table[:, :, -1]


@dataclass(slots=True)
class WordVectors:
    """What the LSTM reads for each word: its word embedding, the sum of its affixes'
    embeddings and its shape's embedding, side by side.

    A word's vector is made once and kept as a row of `table`, as news repeats its words:
    a sentence's vectors are then one row lookup, where three table lookups, a sum and a
    join cost twice as much (and, inside the ONNX graph, eight operators a call). At most
    `MOST_ROWS` words are kept (23 MB); then the table starts again, so a long run's
    memory stays flat. The rows are the same however full the table is.
    """

    MOST_ROWS = 32_768
    vocabulary: Vocabulary
    words: np.ndarray
    affixes: np.ndarray
    shapes: np.ndarray
    rows: dict[str, int] = field(default_factory=dict)
    table: np.ndarray = field(init=False)

    @classmethod
    def of_weights(cls, vocabulary: Vocabulary, weights: dict[str, np.ndarray]) -> WordVectors:
        tables = (weights[f"{n}.weight"].astype(np.float32) for n in ("word", "affix", "shape"))
        return cls(vocabulary, *tables)

    def __post_init__(self) -> None:
        self._restart()

    def _restart(self) -> None:
        self.rows.clear()
        widths = (self.words.shape[1], self.affixes.shape[1], self.shapes.shape[1])
        self.table = np.zeros((1024, sum(widths)), dtype=np.float32)
        # row 0: the root, a word of its own with no affixes (row 0 of a table is zeros)
        self.table[0, : widths[0]] = self.words[ROOT_WORD]

    def sentence(self, sentence: Sequence[str]) -> np.ndarray:
        """The vectors of the root and `sentence`'s words: (1 + words) × width."""
        if len(self.rows) + len(sentence) >= self.MOST_ROWS:
            self._restart()
        index = [0, *map(self.rows.get, sentence)]
        if None in index:  # a word not seen yet
            index = [0, *map(self._row, sentence)]
        return self.table[index]

    def _row(self, word: str) -> int:
        """The row of `word`, made at first sight."""
        row = self.rows.get(word)
        if row is not None:
            return row
        row = len(self.rows) + 1
        if row == len(self.table):
            self.table = np.concatenate([self.table, np.zeros_like(self.table)])
        ids = self.vocabulary.ids(word)
        a = self.words.shape[1]
        b = a + self.affixes.shape[1]
        self.table[row, :a] = self.words[ids[0]]
        self.table[row, a:b] = self.affixes[list(ids[1:-1])].sum(axis=0)
        self.table[row, b:] = self.shapes[ids[-1]]
        self.rows[word] = row
        return row


def read_meta(base: Path) -> tuple[dict, Vocabulary]:
    """`network.json` of the model folder `base` (tag and relation names, layer count,
    feature strings) and the vocabulary built from it; both runtimes read it."""
    meta = json.loads((base / "network.json").read_text(encoding="utf-8"))
    names = ("words", "affixes", "shapes")
    return meta, Vocabulary(*({key: i for i, key in enumerate(meta[n])} for n in names))


@dataclass(slots=True)
class Parse:
    """One sentence's analysis: per word a tag id, a head (0 = root, else 1-based), a label id."""

    tags: list[int]
    heads: list[int]
    labels: list[int]


def _bilstm(x: np.ndarray, lengths: np.ndarray, layer: Layer) -> np.ndarray:
    """Both directions of one LSTM layer over `x` (time × batch × in) → time × batch × 2h.

    The backward direction reads each sentence reversed (padding left in place), and the
    two directions advance together, stacked, so every step is one batched product and
    a handful of in-place operations on contiguous rows. The input half of every gate is
    one large product for all steps at once.
    """
    w_ih, w_hh, bias = layer
    steps, batch, width = x.shape
    size = w_hh.shape[1]
    both = np.stack([x, _reverse_each(x, lengths)]).reshape(2, steps * batch, width)
    gates_in = (np.matmul(both, w_ih) + bias[:, None, :]).reshape(2, steps, batch, 4 * size)
    h = np.zeros((2, batch, size), dtype=np.float32)
    c = np.zeros((2, batch, size), dtype=np.float32)
    gates = np.empty((2, batch, 4 * size), dtype=np.float32)
    new = np.empty((2, batch, size), dtype=np.float32)
    out = np.empty((2, steps, batch, size), dtype=np.float32)
    ifo, i, f = gates[:, :, : 3 * size], gates[:, :, :size], gates[:, :, size : 2 * size]
    o, g = gates[:, :, 2 * size : 3 * size], gates[:, :, 3 * size :]
    for t in range(steps):
        np.matmul(h, w_hh, out=gates)
        gates += gates_in[:, t]
        np.tanh(gates, out=gates)  # i, f, o were pre-halved: sigmoid(x) = (tanh(x/2) + 1) / 2
        ifo += 1.0
        ifo *= 0.5
        c *= f
        np.multiply(i, g, out=new)
        c += new
        h = out[:, t]
        np.tanh(c, out=h)
        h *= o
    return np.concatenate([out[0], _reverse_each(out[1], lengths)], axis=2)


Layer = tuple[np.ndarray, np.ndarray, np.ndarray]


def _layer(weights: dict[str, np.ndarray], layer: int) -> Layer:
    """(input weights, recurrent weights, bias) of both directions, stacked and transposed
    for `x @ w`, gates reordered from PyTorch's i, f, g, o to i, f, o, g so one slice
    covers the sigmoid gates, whose rows are halved so that a tanh computes them."""
    stacked = []
    for key in (f"l{layer}", f"l{layer}_reverse"):
        w_ih, w_hh = weights[f"lstm.weight_ih_{key}"], weights[f"lstm.weight_hh_{key}"]
        bias = weights[f"lstm.bias_ih_{key}"] + weights[f"lstm.bias_hh_{key}"]
        size = w_hh.shape[1]
        order = np.r_[0 : 2 * size, 3 * size : 4 * size, 2 * size : 3 * size]
        scale = np.r_[np.full(3 * size, 0.5), np.ones(size)].astype(np.float32)
        w_ih, w_hh = w_ih[order] * scale[:, None], w_hh[order] * scale[:, None]
        stacked.append((w_ih.T, w_hh.T, bias[order] * scale))
    return tuple(np.ascontiguousarray(np.stack(part)) for part in zip(*stacked, strict=True))


def _readout(weights: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """The five layers reading the LSTM output (tags, arc dependent/head, label
    dependent/head) as one matrix, so they cost one product; `cuts` splits the result."""
    names = ("tag", "arc_dep", "arc_head", "lab_dep", "lab_head")
    matrix = np.concatenate([weights[f"{n}.weight"] for n in names]).T
    bias = np.concatenate([weights[f"{n}.bias"] for n in names])
    sizes = np.cumsum([len(weights[f"{n}.bias"]) for n in names])
    cuts = [int(sizes[0]), *(int(c - sizes[0]) for c in sizes[1:-1])]
    return np.ascontiguousarray(matrix), bias, cuts


def _reverse_each(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Reverse every sentence's first `length` steps (time-major), padding left in place."""
    t = np.arange(x.shape[0])[:, None]
    index = np.where(t < lengths[None, :], lengths[None, :] - 1 - t, t)
    return x[index, np.arange(x.shape[1])[None, :]]


@dataclass(slots=True)
class Network:
    """The trained weights (by PyTorch parameter name), tag and relation names, vocabulary."""

    weights: dict[str, np.ndarray]
    tags: list[str]
    relations: list[str]
    vocabulary: Vocabulary
    vectors: WordVectors
    recurrent: list[Layer]
    readout: tuple[np.ndarray, np.ndarray, list[int]]

    @classmethod
    def load(cls, folder: Path | None = None) -> Network:
        base = folder or bundled_data() / "models"
        with np.load(base / "network.npz") as found:
            weights = {k: v.astype(np.float32) for k, v in found.items()}
        meta, vocabulary = read_meta(base)
        recurrent = [_layer(weights, layer) for layer in range(meta["layers"])]
        return cls(
            weights,
            meta["tags"],
            meta["relations"],
            vocabulary,
            WordVectors.of_weights(vocabulary, weights),
            recurrent,
            _readout(weights),
        )

    def encode(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Contextual vectors (batch × (1 + words) × 2·hidden) and the sentence lengths + 1."""
        lengths = np.asarray([len(s) + 1 for s in sentences])
        x = np.zeros((lengths.max(), len(sentences), self.vectors.table.shape[1]), np.float32)
        for row, sentence in enumerate(sentences):
            x[: len(sentence) + 1, row] = self.vectors.sentence(sentence)  # padding: zeros
        for layer in self.recurrent:
            x = _bilstm(x, lengths, layer)
        return np.ascontiguousarray(x.transpose(1, 0, 2)), lengths

    def scores(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, ...]:
        """Tag scores, arc scores `[batch, dependent, head]`, the label layers' dependent
        and head vectors, and the lengths + 1, for a batch (position 0: the root)."""
        x, lengths = self.encode(sentences)
        weight, bias, cuts = self.readout
        out = (x.reshape(-1, x.shape[2]) @ weight + bias).reshape(*x.shape[:2], -1)
        hidden = np.maximum(out[:, :, cuts[0] :], 0)
        dep, head, label_dep, label_head = np.split(hidden, cuts[1:], axis=2)
        w = self.weights
        arcs = (dep @ w["arc_U"]) @ head.transpose(0, 2, 1) + (head @ w["arc_u"])[:, None, :]
        return out[:, :, : cuts[0]], arcs, label_dep, label_head, lengths

    def analyse(self, sentences: Sequence[Sequence[str]]) -> list[Parse]:
        """Tags, heads and relations for a batch of tokenised sentences."""
        if not sentences:
            return []
        tag_scores, arcs, label_dep, label_head, lengths = self.scores(sentences)
        labeller = (self.weights["lab_out.weight"].T, self.weights["lab_out.bias"])
        tags = tag_scores.argmax(axis=2)
        return [
            decode(
                tags[row, :n], arcs[row, :n, :n], label_dep[row, :n], label_head[row, :n], labeller
            )
            for row, n in enumerate(lengths.tolist())
        ]


def decode(
    tags: np.ndarray,
    arcs: np.ndarray,
    label_dep: np.ndarray,
    label_head: np.ndarray,
    labeller: tuple[np.ndarray, np.ndarray],
    best: tuple[np.ndarray, np.ndarray] | None = None,
) -> Parse:
    """One sentence's parse from its tag ids, arc scores `[dependent, head]` and label
    vectors (row 0: the root, no padding): a tree (`tree`), then each arc's relation from
    its dependent's and head's label vectors (`labeller`: the relation layer's weight,
    in × out, and bias).

    `best`, where the int8 graph has chosen them already: each word's best head (the
    argmax of its arc scores, itself excluded) and the relation with that head. Most
    sentences keep them all; only words the tree decoding moves are labelled again."""
    if best is None:
        heads = tree(arcs)
        labels = _labels(label_dep[1:], label_head[heads], labeller)
    else:
        best_heads, labels = best[0][1:], best[1][1:]
        heads = tree(arcs, best_heads)
        moved = np.flatnonzero(heads != best_heads)
        if len(moved):
            labels = labels.copy()
            labels[moved] = _labels(label_dep[moved + 1], label_head[heads[moved]], labeller)
    return Parse(tags[1:].tolist(), heads.tolist(), labels.tolist())


def _labels(
    dep: np.ndarray, head: np.ndarray, labeller: tuple[np.ndarray, np.ndarray]
) -> np.ndarray:
    """Relation ids of arcs from their dependents' and heads' label vectors."""
    weight, bias = labeller
    return (np.concatenate([dep, head, dep * head], axis=1) @ weight + bias).argmax(axis=1)


def _without_loops(scores: np.ndarray) -> np.ndarray:
    """The scores of words 1..n as heads, no word heading itself (`[i, i + 1]`: -inf)."""
    best = scores[1:].copy()
    best.flat[1 :: scores.shape[0] + 1] = -np.inf
    return best


def tree(scores: np.ndarray, best_heads: np.ndarray | None = None) -> np.ndarray:
    """Heads of words 1..n from `scores[dependent, head]` (row and column 0: the root).

    Each word's best head is taken when that makes a tree with one word under the root,
    as it does for most sentences. When only the root has too many children, the one the
    root scores best keeps it and the others take their next best head, if that makes a
    tree. Otherwise it is the best tree with one root child: the maximum spanning tree
    (Chu-Liu-Edmonds), where that has one, else the maximum spanning tree once every arc
    from the root is made to cost more than any two trees' scores differ (slower: the
    search then goes through more cycles). `best_heads`: each word's best head, where
    it is known already (the int8 graph finds them).
    """
    n = scores.shape[0] - 1
    heads = _without_loops(scores).argmax(axis=1) if best_heads is None else best_heads
    roots = np.flatnonzero(heads == 0) + 1
    if len(roots) == 1 and _find_cycle([-1, *heads.tolist()]) is None:
        return heads
    if len(roots) > 1:
        best = _without_loops(scores)
        keep = roots[scores[roots, 0].argmax()]
        best[roots[roots != keep] - 1, 0] = -np.inf
        fixed = best.argmax(axis=1)
        if _find_cycle([-1, *fixed.tolist()]) is None:
            return fixed
    s = scores.astype(np.float64)
    np.fill_diagonal(s, -np.inf)
    s[0, :] = -np.inf
    found = _spanning_tree(s)[1:]
    if np.count_nonzero(found == 0) == 1:
        return found  # the best tree of all has one root child: none with one scores more
    # Every arc from the root costs more than any two trees' scores can differ, so the
    # best tree takes exactly one, and among such trees the best.
    finite = s[np.isfinite(s)]
    s[1:, 0] -= (finite.max() - finite.min()) * (n + 1) + 1.0
    return _spanning_tree(s)[1:]


def _spanning_tree(s: np.ndarray) -> np.ndarray:
    """Chu-Liu-Edmonds maximum spanning arborescence rooted at 0; `s[d, h]`, -inf = no arc."""
    n = s.shape[0]
    heads = s.argmax(axis=1)
    heads[0] = -1
    cycle = _find_cycle(heads.tolist())
    if cycle is None:
        return heads
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    outside = np.flatnonzero(~in_cycle)
    c = len(outside)  # the contracted cycle becomes node c
    cycle_score = s[cycle, heads[cycle]]
    small = np.full((c + 1, c + 1), -np.inf)
    small[:c, :c] = s[np.ix_(outside, outside)]
    # arcs from the cycle to outside words: the best cycle member as head
    from_cycle = s[np.ix_(outside, cycle)]
    best_head = np.asarray(cycle)[from_cycle.argmax(axis=1)]
    small[:c, c] = from_cycle.max(axis=1)
    # arcs into the cycle: gain of breaking the cycle at each member
    into = s[np.ix_(cycle, outside)] - cycle_score[:, None]
    best_member = np.asarray(cycle)[into.argmax(axis=0)]
    small[c, :c] = into.max(axis=0)
    contracted = _spanning_tree(small)
    heads_out = heads.copy()
    for i, node in enumerate(outside):
        h = contracted[i]
        if h == -1:
            continue
        heads_out[node] = best_head[i] if h == c else outside[h]
    entry_from = contracted[c]
    member = best_member[entry_from]
    heads_out[member] = outside[entry_from]
    return heads_out


def _find_cycle(heads: Sequence[int]) -> list[int] | None:
    """A cycle among `heads` (-1: none), if any. A list of Python ints is faster to
    follow than an array's items: callers pass `array.tolist()`."""
    n = len(heads)
    color = [0] * n
    for start in range(n):
        path = []
        node = start
        while node != -1 and color[node] == 0:
            color[node] = 1
            path.append(node)
            node = heads[node]
        if node != -1 and color[node] == 1:
            return path[path.index(node) :]
        for visited in path:
            color[visited] = 2
    return None
