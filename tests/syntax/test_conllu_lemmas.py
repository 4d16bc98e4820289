import io

import pytest

from parley.syntax.conllu import Tree, Word, read_conllu, write_conllu
from parley.syntax.lemmas import Lemmatiser
from parley.syntax.network import shape

CONLLU = """\
# text = Japan protested.
1\tJapan\tJapan\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t2:nsubj\t_
2-3\tprotested.\t_\t_\t_\t_\t_\t_\t_\t_
2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t0:root\t_
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t2:punct\t_

"""


def test_conllu_reads_basic_trees_and_writes_them_back(tmp_path):
    path = tmp_path / "a.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (tree,) = read_conllu(path)
    assert [(w.form, w.upos, w.head, w.deprel) for w in tree.words] == [
        ("Japan", "PROPN", 2, "nsubj"),
        ("protested", "VERB", 0, "root"),
        (".", "PUNCT", 2, "punct"),
    ]
    out = io.StringIO()
    write_conllu([tree, Tree(["# text = x"], [Word("x", head=0, deprel="root")])], out)
    path.write_text(out.getvalue(), encoding="utf-8")
    again = list(read_conllu(path))
    assert again[0].words == tree.words and again[0].comments == tree.comments
    assert again[1].words[0].form == "x"


def test_shapes_abstract_case_and_digits():
    assert [shape(w) for w in ("Tokyo", "U.S.", "2004", "e-mail")] == ["Xx", "X.X.", "d", "x-x"]


@pytest.mark.parametrize(
    ("word", "upos", "lemma"),
    [
        ("was", "AUX", "be"),  # irregular: from the table
        ("children", "NOUN", "child"),
        ("sanctions", "NOUN", "sanction"),  # rules
        ("violating", "VERB", "violate"),
        ("stopped", "VERB", "stop"),
        ("Koizumi", "PROPN", "Koizumi"),
    ],
)
def test_lemmas_come_from_the_table_then_the_rules(word, upos, lemma):
    assert Lemmatiser.load().lemma(word, upos) == lemma
