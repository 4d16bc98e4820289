"""Only ASCII digits are numbers: `str.isdigit` is true for `²`, `①` and `٣`, which `int`
takes or refuses unevenly; wherever both are used, a stray mark must not crash a reader."""

from __future__ import annotations

import pytest

from parley.dates import parse_date
from parley.events.ontology import quad_class
from parley.syntax.conllu import read_conllu
from parley.web.uploads import Uploads


@pytest.mark.parametrize("text", ["٢٠٢٤٠٥٠٣", "２０２４０５０３"])
def test_a_date_of_other_digits_is_a_bad_date(text):
    with pytest.raises(ValueError, match="bad date"):
        parse_date(text)


def test_a_treebank_head_written_with_a_superscript_is_no_head(tmp_path):
    path = tmp_path / "t.conllu"
    path.write_text(
        "1\tJapan\tJapan\tPROPN\tNNP\t_\t²\tnsubj\t_\t_\n"
        "2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_\n\n",
        encoding="utf-8",
    )
    (tree,) = read_conllu(path)
    assert [w.head for w in tree.words] == [0, 0]


def test_a_root_of_other_digits_has_no_quad_class():
    assert quad_class("①") is None and quad_class("14") == 4


def test_an_upload_size_of_other_digits_is_ignored():
    assert Uploads(lambda: None).check_name("a.txt", "²") == "txt"
