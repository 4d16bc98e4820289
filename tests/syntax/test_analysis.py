from dataclasses import dataclass

import pytest

from parley.document import Document, Word
from parley.errors import ParleyError
from parley.syntax.analysis import Analyse, clauses, load_analyser, subject_read_as_modifier
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


def test_a_subject_read_as_a_modifier_of_the_object_is_the_subject():
    # `Police used tear gas .` read as one noun phrase: `used` an amod of `gas`
    heads, relations = [3, 3, 3, -1, 3], ["compound", "amod", "compound", "root", "punct"]
    upos = ["NOUN", "VERB", "NOUN", "NOUN", "PUNCT"]
    subject_read_as_modifier(heads, relations, upos, ["NNS", "VBN", "NN", "NN", "."])
    assert heads == [1, -1, 3, 1, 1]
    assert relations == ["nsubj", "root", "compound", "obj", "punct"]
    # `Chile on Friday lifted sanctions .`: the noun before the verb says when
    heads, relations = (
        [4, 2, 4, 4, -1, 4],
        ["compound", "case", "compound", "amod", "root", "punct"],
    )
    upos = ["PROPN", "ADP", "PROPN", "VERB", "NOUN", "PUNCT"]
    subject_read_as_modifier(heads, relations, upos, ["NNP", "IN", "NNP", "VBD", "NNS", "."])
    assert (heads[0], relations[0], heads[2], relations[2]) == (3, "nsubj", 3, "obl")
    assert (heads[3], heads[4], relations[4]) == (-1, 3, "obj")


def test_a_participle_before_its_noun_after_an_article_stays_a_modifier():
    # `the used cars .`: an article, not a noun, stands before `used`
    heads, relations = [2, 2, -1, 2], ["det", "amod", "root", "punct"]
    upos = ["DET", "VERB", "NOUN", "PUNCT"]
    subject_read_as_modifier(heads, relations, upos, ["DT", "VBN", "NNS", "."])
    assert (heads, relations) == ([2, 2, -1, 2], ["det", "amod", "root", "punct"])
