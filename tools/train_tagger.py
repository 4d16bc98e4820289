"""Train parley's part-of-speech tagger on UD English EWT and write it into the package.

Averaged perceptron, a fixed number of passes in a fixed (seeded) order, so the same
treebank always gives the same weights. Dev picks the number of passes; test is only
reported. Weights whose magnitude is tiny are dropped to keep the model small.

Two layers: the first tags from the words around; the second also sees the first
layer's tags of the neighbours. Its training tags come from four first-layer models each
trained without the quarter of the treebank it tags (jackknifing), so the second layer
learns from tags as wrong as they will be on new text.

    python tools/train_tagger.py ../shared/treebank            # writes src/parley/data/models
    python tools/train_tagger.py ../shared/treebank --passes 8
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from parley.syntax.conllu import Tree, read_conllu
from parley.syntax.perceptron import Perceptron, to_layer
from parley.syntax.tagger import Layer, Tagger, context_features, features

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"
_MIN_LABEL = 5  # joint labels rarer than this are folded into their UPOS's commonest one


def labels_of(trees: list[Tree]) -> tuple[list[str], dict[str, str]]:
    """Joint labels seen often enough, and how each rare one is folded."""
    counts = Counter(f"{w.upos} {w.xpos}" for t in trees for w in t.words)
    kept = sorted(label for label, n in counts.items() if n >= _MIN_LABEL)
    best_for_upos: dict[str, str] = {}
    for label, _ in counts.most_common():
        if label in kept:
            best_for_upos.setdefault(label.split(" ")[0], label)
    fold = {
        label: label if label in kept else best_for_upos.get(label.split(" ")[0], kept[0])
        for label in counts
    }
    return kept, fold


def tag_dictionary(trees: list[Tree], ids: dict[str, int], fold: dict[str, str]) -> dict[str, int]:
    """Frequent words the treebank tags one way (at least 99% of 30+ uses)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for t in trees:
        for w in t.words:
            seen[w.form][fold[f"{w.upos} {w.xpos}"]] += 1
    out = {}
    for word, counts in seen.items():
        label, n = counts.most_common(1)[0]
        total = sum(counts.values())
        if total >= 30 and n / total >= 0.99:
            out[word] = ids[label]
    return out


def train_layer(
    examples: list[tuple[list[str], int]],
    n_labels: int,
    passes: int,
    evaluate: Callable[[Layer], float] | None = None,
    seed: int = 13,
) -> Layer:
    """Train for `passes`; with `evaluate`, keep the pass that scores best."""
    model = Perceptron(n_labels)
    rng = random.Random(seed)
    order = list(examples)
    best: tuple[float, Layer] | None = None
    layer = None
    for number in range(1, passes + 1):
        start = time.perf_counter()
        rng.shuffle(order)
        for feats, truth in order:
            model.update(truth, model.predict(feats), feats)
        layer = to_layer(model.averaged())
        if evaluate is not None:
            score = evaluate(layer)
            print(
                f"  pass {number}: dev UPOS {score:.4f} ({time.perf_counter() - start:.0f} s)",
                flush=True,
            )
            if best is None or score > best[0]:
                best = (score, layer)
    assert layer is not None
    return best[1] if best is not None else layer


def accuracy(tagger: Tagger, trees: list[Tree]) -> tuple[float, float]:
    """UPOS and XPOS accuracy on gold-tokenised trees."""
    upos = xpos = total = 0
    for t in trees:
        predicted = tagger.tag([w.form for w in t.words])
        for w, (u, x) in zip(t.words, predicted, strict=True):
            upos += u == w.upos
            xpos += x == w.xpos
            total += 1
    return upos / total, xpos / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-*.conllu")
    parser.add_argument("--passes", type=int, default=6)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    train = list(read_conllu(args.treebank / "en_ewt-ud-train.conllu"))
    dev = list(read_conllu(args.treebank / "en_ewt-ud-dev.conllu"))
    test = list(read_conllu(args.treebank / "en_ewt-ud-test.conllu"))
    labels, fold = labels_of(train)
    ids = {label: i for i, label in enumerate(labels)}
    tagdict = tag_dictionary(train, ids, fold)
    n = len(labels)
    sentences = [
        ([w.form for w in t.words], [ids[fold[f"{w.upos} {w.xpos}"]] for w in t.words])
        for t in train
    ]

    def examples_of(chosen: list[tuple[list[str], list[int]]]) -> list[tuple[list[str], int]]:
        pairs = (zip(features(words), gold, strict=True) for words, gold in chosen)
        return [pair for sentence in pairs for pair in sentence]

    print("first layer", flush=True)
    first = train_layer(
        examples_of(sentences),
        n,
        args.passes,
        lambda layer: accuracy(Tagger(labels, layer, None, tagdict), dev)[0],
    )
    print("jackknifed first-layer tags for the second layer", flush=True)
    folds = 4
    predicted: list[list[int]] = [[] for _ in sentences]
    for k in range(folds):
        held = [i for i in range(len(sentences)) if i % folds == k]
        rest = [sentences[i] for i in range(len(sentences)) if i % folds != k]
        partial = Tagger(labels, train_layer(examples_of(rest), n, 4, seed=k), None, tagdict)
        for i in held:
            predicted[i] = partial.label_ids(sentences[i][0])
    second_examples = []
    for (words, gold), tags in zip(sentences, predicted, strict=True):
        feats = context_features(features(words), [labels[t] for t in tags])
        second_examples += list(zip(feats, gold, strict=True))
    print("second layer", flush=True)
    second = train_layer(
        second_examples,
        n,
        args.passes,
        lambda layer: accuracy(Tagger(labels, first, layer, tagdict), dev)[0],
    )
    tagger = Tagger(labels, first, second, tagdict)
    dev_upos, _ = accuracy(tagger, dev)
    test_upos, test_xpos = accuracy(tagger, test)
    tagger.save(args.out)
    size = sum(p.stat().st_size for p in args.out.glob("tagger.*")) / 1e6
    rows = len(first.rows) + len(second.rows)
    print(
        f"dev UPOS {dev_upos:.4f}; test UPOS {test_upos:.4f} XPOS {test_xpos:.4f}; "
        f"{rows} feature rows, {size:.1f} MB in {args.out}"
    )


if __name__ == "__main__":
    main()
