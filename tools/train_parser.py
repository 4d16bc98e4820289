"""Train parley's dependency parser on UD English EWT and write it into the package.

Arc-hybrid transitions, averaged perceptron, dynamic oracle with exploration (after the
first pass the parser follows its own predicted move 90% of the time and is taught the
best move from wherever it ends up). Arcs are then labelled by a second perceptron. Tags
come from parley's own tagger, as they will at run time. Seeded, so the same treebank
gives the same weights; dev picks the pass; test is only reported.

    python tools/train_parser.py ../shared/treebank              # writes src/parley/data/models
    python tools/train_parser.py ../shared/treebank --passes 12
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from parley.syntax.conllu import Tree, read_conllu
from parley.syntax.parser import (
    LEFT,
    RIGHT,
    ROOT,
    SHIFT,
    Parser,
    State,
    label_features,
    transition_features,
)
from parley.syntax.perceptron import Perceptron, to_layer
from parley.syntax.tagger import Layer, Tagger

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"


def costs(state: State, gold: list[int]) -> tuple[int, int, int]:
    """Gold arcs each move makes unreachable (arc-hybrid dynamic oracle)."""
    stack, b, n = state.stack, state.next, state.n
    s0 = stack[-1]
    s1 = stack[-2] if len(stack) > 1 else None
    buffer = range(b, n + 1)
    shift = left = right = 0
    if b <= n:
        shift = sum(1 for k in stack if k != ROOT and gold[k] == b)
        shift += sum(1 for k in stack[:-1] if k != ROOT and gold[b] == k)
    if s0 != ROOT:
        lost_children = sum(1 for d in buffer if gold[d] == s0)
        left = lost_children + sum(1 for h in range(b + 1, n + 1) if gold[s0] == h)
        left += 1 if s1 is not None and gold[s0] == s1 else 0
        right = lost_children + sum(1 for h in buffer if gold[s0] == h)
    return shift, left, right


def examples(trees: list[Tree], tagger: Tagger) -> list[tuple[list[str], list[str], list[int]]]:
    """(lower-cased words, XPOS tags from parley's tagger, gold heads), all 1-based."""
    out = []
    for tree in trees:
        forms = [w.form for w in tree.words]
        tags = [x for _, x in tagger.tag(forms)]
        out.append(
            (
                ["<root>", *(f.lower() for f in forms)],
                ["<root>", *tags],
                [-1, *(w.head for w in tree.words)],
            )
        )
    return out


def train_moves(
    model: Perceptron,
    data: list[tuple[list[str], list[str], list[int]]],
    explore: bool,
    rng: random.Random,
) -> None:
    for words, tags, gold in data:
        state = State.start(len(words) - 1)
        while not state.done:
            feats = transition_features(state, words, tags)
            scores = model.scores(feats)
            valid = state.valid()
            moves = [m for m in (SHIFT, LEFT, RIGHT) if valid[m]]
            predicted = max(moves, key=scores.__getitem__)
            cost = costs(state, gold)
            cheapest = min(cost[m] for m in moves)
            right_moves = [m for m in moves if cost[m] == cheapest]
            best = max(right_moves, key=scores.__getitem__)
            model.update(best, predicted, feats)
            state.apply(predicted if explore and rng.random() < 0.9 else best)


def attachment(parser: Parser, trees: list[Tree], tagger: Tagger) -> tuple[float, float, float]:
    """UAS, LAS (full labels) and LAS on universal labels (subtypes dropped)."""
    uas = las = ulas = total = 0
    for tree in trees:
        forms = [w.form for w in tree.words]
        tags = [x for _, x in tagger.tag(forms)]
        for word, (head, rel) in zip(tree.words, parser.parse(forms, tags), strict=True):
            total += 1
            if head == word.head:
                uas += 1
                las += rel == word.deprel
                ulas += rel.split(":")[0] == word.deprel.split(":")[0]
    return uas / total, las / total, ulas / total


def to_moves(weights: dict[str, dict[int, float]]) -> dict[str, tuple[float, float, float]]:
    return {
        name: (row.get(SHIFT, 0.0), row.get(LEFT, 0.0), row.get(RIGHT, 0.0))
        for name, row in weights.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-*.conllu")
    parser.add_argument("--passes", type=int, default=10)
    parser.add_argument("--label-passes", type=int, default=6)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    tagger = Tagger.load(args.out)
    train = list(read_conllu(args.treebank / "en_ewt-ud-train.conllu"))
    dev = list(read_conllu(args.treebank / "en_ewt-ud-dev.conllu"))
    test = list(read_conllu(args.treebank / "en_ewt-ud-test.conllu"))
    data = examples(train, tagger)
    labels = sorted({w.deprel for t in train for w in t.words})
    label_ids = {label: i for i, label in enumerate(labels)}

    print("labeller", flush=True)
    label_examples = []
    for (words, tags, gold), tree in zip(data, train, strict=True):
        heads = [0, *gold[1:]]
        feats = label_features(words, tags, heads)
        label_examples += [(f, label_ids[w.deprel]) for f, w in zip(feats, tree.words, strict=True)]
    labeller_model = Perceptron(len(labels))
    rng = random.Random(7)
    for number in range(1, args.label_passes + 1):
        rng.shuffle(label_examples)
        for feats, truth in label_examples:
            labeller_model.update(truth, labeller_model.predict(feats), feats)
        print(f"  label pass {number}", flush=True)
    labeller: Layer = to_layer(labeller_model.averaged())

    print("transitions", flush=True)
    model = Perceptron(3)
    best: tuple[float, int, Parser] | None = None
    for number in range(1, args.passes + 1):
        start = time.perf_counter()
        rng.shuffle(data)
        train_moves(model, data, explore=number > 1, rng=rng)
        candidate = Parser(to_moves(model.averaged()), labels, labeller)
        uas, las, ulas = attachment(candidate, dev, tagger)
        print(
            f"  pass {number}: dev UAS {uas:.4f} LAS {las:.4f} (universal {ulas:.4f}) "
            f"({time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        if best is None or las > best[0]:
            best = (las, number, candidate)
    assert best is not None
    _, number, chosen = best
    chosen.save(args.out)
    uas, las, ulas = attachment(chosen, test, tagger)
    size = sum(p.stat().st_size for p in args.out.glob("parser.*")) / 1e6
    print(
        f"kept pass {number}; EWT test (gold tokens, parley's tags): UAS {uas:.4f} "
        f"LAS {las:.4f} (universal labels {ulas:.4f}); {size:.1f} MB in {args.out}"
    )


if __name__ == "__main__":
    main()
