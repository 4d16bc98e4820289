"""CoNLL-U, the Universal Dependencies file format: read gold trees, write parley's analysis.

Only basic trees are read: multiword-token ranges (`3-4`) and empty nodes (`5.1`) are
skipped, as parsers evaluated on UD's basic dependencies do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from parley.document import Sentence, Token


@dataclass(slots=True)
class Word:
    """One syntactic word of a CoNLL-U sentence (head 0 is the root)."""

    form: str
    lemma: str = "_"
    upos: str = "_"
    xpos: str = "_"
    feats: str = "_"
    head: int = 0
    deprel: str = "_"


@dataclass(slots=True)
class Tree:
    """A sentence: its comment lines (`# text = ...`) and words."""

    comments: list[str] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)


def read_conllu(path: Path) -> Iterator[Tree]:
    """Sentences of a CoNLL-U file, streamed."""
    with path.open(encoding="utf-8") as handle:
        tree = Tree()
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if tree.words:
                    yield tree
                tree = Tree()
            elif line.startswith("#"):
                tree.comments.append(line)
            else:
                cols = line.split("\t")
                if len(cols) != 10 or not (cols[0].isascii() and cols[0].isdigit()):
                    continue
                head = int(cols[6]) if cols[6].isascii() and cols[6].isdigit() else 0
                tree.words.append(Word(cols[1], cols[2], cols[3], cols[4], cols[5], head, cols[7]))
        if tree.words:
            yield tree


def write_conllu(trees: Iterable[Tree], out: TextIO) -> None:
    for tree in trees:
        for comment in tree.comments:
            out.write(comment + "\n")
        for i, w in enumerate(tree.words, start=1):
            fields = (str(i), w.form, w.lemma, w.upos, w.xpos, w.feats, str(w.head), w.deprel)
            out.write("\t".join(fields) + "\t_\t_\n")
        out.write("\n")


def gold_sentences(trees: Iterable[Tree]) -> Iterator[Sentence]:
    """Gold-tokenised sentences: one token a word, offsets as if joined by spaces."""
    for index, tree in enumerate(trees):
        tokens, at = [], 0
        for w in tree.words:
            tokens.append(Token(w.form, at, at + len(w.form), w.form))
            at += len(w.form) + 1
        yield Sentence(index, 0, at - 1, " ".join(w.form for w in tree.words), tokens)
