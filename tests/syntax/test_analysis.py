from dataclasses import dataclass

import pytest

from parley.document import Document, Word
from parley.errors import ParleyError
from parley.syntax.analysis import Analyse, clauses, load_analyser
from parley.text.segment import segment

NOT_AN_ANALYSER = 42


@dataclass
class FirstWordHeads:
    """A toy analyser a user might plug in: every word hangs on the first one."""

    name: str = "first-word"

    def analyse(self, sentences, pretokenised=False):
        return [
            [
                Word(
                    t.text,
                    t.start,
                    t.end,
                    i,
                    t.text.lower(),
                    "X",
                    "X",
                    -1 if i == 0 else 0,
                    "root" if i == 0 else "dep",
                    0,
                )
                for i, t in enumerate(s.tokens)
            ]
            for s in sentences
        ]


def test_clause_heads_follow_clausal_relations_and_coordinated_verbs():
    # Japan(0) said(1) China(2) lied(3) and(4) Korea(5) agreed(6) .(7)
    heads = [1, -1, 3, 1, 6, 6, 3, 1]
    relations = ["nsubj", "root", "nsubj", "ccomp", "cc", "nsubj", "conj", "punct"]
    upos = ["PROPN", "VERB", "PROPN", "VERB", "CCONJ", "PROPN", "VERB", "PUNCT"]
    assert clauses(heads, relations, upos) == [1, 1, 3, 3, 6, 6, 6, 1]
    # coordinated nouns stay in their clause: Japan and China protested
    assert clauses(
        [3, 2, 0, -1], ["nsubj", "cc", "conj", "root"], ["PROPN", "CCONJ", "PROPN", "VERB"]
    ) == [3, 3, 3, 3]


def test_a_plugged_in_analyser_is_loaded_by_module_and_name():
    analyser = load_analyser(f"{__name__}:FirstWordHeads")
    assert analyser.name == "first-word"
    doc = Document(id="d", origin="d", format="text", raw="", text="Japan protested. China too.")
    doc.sentences = segment(doc.text)
    Analyse(analyser)(doc)
    assert [w.head for w in doc.sentences[1].words] == [-1, 0, 0]


@pytest.mark.parametrize(
    ("spec", "reason"),
    [
        ("nothing", "expected 'parley', 'parley-float32' or 'module:factory'"),
        ("no_such_module_here:Thing", "cannot be loaded"),
        (f"{__name__}:Missing", "cannot be loaded"),
        ("parley.document:Sentence", "cannot be created"),
        (f"{__name__}:NOT_AN_ANALYSER", "has no analyse"),
    ],
)
def test_a_bad_analyser_is_a_one_line_error(spec, reason):
    with pytest.raises(ParleyError, match=reason):
        load_analyser(spec)
