"""Count how English writes the words that also name places or people, for the geoparser.

`Police` (Poland), `Center` (Texas), `May`, `Man` (Côte d'Ivoire) and `West` are
gazetteer names, and a capitalised one heads a sentence or a title (`Police said`,
`Medical Center`) far more often than it names the place; `Smith` next to `David` says
that `David` is a man, where `College` next to `Hagerstown` says nothing of the kind.
What tells them apart is how often a word is written in lower case. This tool counts,
over UD English EWT (train, dev and test), every word written in lower case at least
twice: how often in lower case, how often capitalised after a sentence's first word.
`parley.resolve.places` reads the counts (`common_words.tsv`).

    python tools/build_common_words.py ../shared/treebank
    # writes src/parley/data/places/common_words.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from parley.syntax.conllu import read_conllu

OUT = Path(__file__).resolve().parents[1] / "src" / "parley" / "data" / "places"


def counts(sentences: Iterable[list[str]]) -> list[tuple[str, int, int]]:
    """(word in upper case, times in lower case, times capitalised inside a sentence)
    for the alphabetic words written in lower case at least twice."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for forms in sentences:
        for i, form in enumerate(forms):
            if not form.isalpha():
                continue
            if form.islower():
                lower[form.upper()] += 1
            elif i > 0 and form[0].isupper() and not form.isupper():
                capital[form.upper()] += 1
    return sorted((k, n, capital[k]) for k, n in lower.items() if n >= 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("treebank", type=Path, help="folder with en_ewt-ud-*.conllu")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    sentences = (
        [w.form for w in tree.words]
        for part in ("train", "dev", "test")
        for tree in read_conllu(args.treebank / f"en_ewt-ud-{part}.conllu")
    )
    rows = counts(sentences)
    target = args.out / "common_words.tsv"
    with target.open("w", encoding="utf-8") as out:
        out.write(
            "# Words UD English EWT (CC BY-SA 4.0) writes in lower case at least twice: how\n"
            "# often so, and how often capitalised after a sentence's first word.\n"
            "# Written by tools/build_common_words.py.\n"
            "word\tlower\tcapitalised\n"
        )
        for word, lower, capital in rows:
            out.write(f"{word}\t{lower}\t{capital}\n")
    print(f"{target}: {len(rows)} words, {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
