"""Build parley's lemma table from UD English EWT train and report accuracy on test.

    python tools/build_lemmas.py ../shared/treebank     # writes src/parley/data/models

The table keeps, for each lower-cased form and UPOS, its commonest lemma, and only where
the rules in `parley.syntax.lemmas` would get it wrong, which keeps the file small.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from parley.syntax.conllu import read_conllu
from parley.syntax.lemmas import Lemmatiser
from parley.syntax.network import Network

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "models"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-*.conllu")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for tree in read_conllu(args.treebank / "en_ewt-ud-train.conllu"):
        for w in tree.words:
            seen[f"{w.upos} {w.form.lower()}"][w.lemma] += 1
    rules = Lemmatiser({})
    table = {}
    for key, lemmas in sorted(seen.items()):
        upos, form = key.split(" ", 1)
        lemma = lemmas.most_common(1)[0][0]
        if rules.lemma(form, upos) != lemma:
            table[key] = lemma
    lemmatiser = Lemmatiser(table)
    lemmatiser.save(args.out)
    network = Network.load(args.out)
    trees = list(read_conllu(args.treebank / "en_ewt-ud-test.conllu"))
    parses = network.analyse([[w.form for w in t.words] for t in trees])
    gold_right = tagged_right = total = 0
    for tree, parse in zip(trees, parses, strict=True):
        for w, tag in zip(tree.words, parse.tags, strict=True):
            upos = network.tags[tag].split(" ", 1)[0]
            gold_right += lemmatiser.lemma(w.form, w.upos) == w.lemma
            tagged_right += lemmatiser.lemma(w.form, upos) == w.lemma
            total += 1
    size = (args.out / "lemmas.json.gz").stat().st_size / 1e3
    print(
        f"{len(table)} table entries ({size:.0f} kB); EWT test lemma accuracy "
        f"{gold_right / total:.4f} with gold UPOS, {tagged_right / total:.4f} with parley's tags"
    )


if __name__ == "__main__":
    main()
