"""Scores of an analysis against gold CoNLL-U trees: the figures parsers are compared by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from parley.document import Word
from parley.syntax.conllu import Tree


def attachment_scores(pairs: Iterable[tuple[Tree, list[Word]]]) -> dict[str, float]:
    """UPOS and XPOS accuracy, UAS and LAS over gold-tokenised sentences.

    LAS counts the full relation (`nsubj:pass`, not just `nsubj`), as the CoNLL 2018
    evaluation does; `words` is how many words were scored.
    """
    counts: Counter[str] = Counter()
    for gold, words in pairs:
        if len(gold.words) != len(words):
            raise ValueError(
                f"{len(words)} words analysed for a gold sentence of {len(gold.words)}"
            )
        for g, w in zip(gold.words, words, strict=True):
            counts["words"] += 1
            counts["upos"] += w.upos == g.upos
            counts["xpos"] += w.xpos == g.xpos
            if w.head + 1 == g.head:
                counts["uas"] += 1
                counts["las"] += w.relation == g.deprel
    total = counts["words"] or 1
    return {"words": counts["words"]} | {
        k: counts[k] / total for k in ("upos", "xpos", "uas", "las")
    }
