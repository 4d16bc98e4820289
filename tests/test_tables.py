import pytest

from parley.errors import ParleyError
from parley.tables import table_kinds, tables_folder


def test_a_word_kind_table_reads_as_the_words_of_each_kind():
    kinds = table_kinds(tables_folder() / "harm_means.tsv", ("means", "undergo"))
    assert "airstrike" in kinds["means"] and "die" in kinds["undergo"]
    assert not kinds["means"] & kinds["undergo"]


def test_a_row_of_another_kind_is_an_error_naming_the_table(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# a table\nword\tkind\nsummit\toccasion\nfoo\tbar\n", encoding="utf-8")
    with pytest.raises(ParleyError, match=r"words.tsv: 'foo' has kind 'bar'; kinds are occasion"):
        table_kinds(path, ("occasion", "act"))
