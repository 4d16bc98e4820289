"""`parley parse`, run as a user runs it."""

from __future__ import annotations

import json

from parley.syntax.conllu import read_conllu
from tests.cli.test_code_command import parley

GOLD = """\
# sent_id = a
# text = Japan protested.
1\tJapan\tJapan\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tprotested\tprotest\tVERB\tVBD\t_\t0\troot\t_\t_
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = b
1\tChina\tChina\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tcriticised\tcriticise\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\te-mail\te-mail\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


def test_parse_prints_words_with_offsets_as_jsonl():
    text = "Japan's envoy didn't meet them. Seoul left."
    run = parley("parse", text, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    words = [json.loads(line) for line in run.stdout.splitlines()]
    assert [w["text"] for w in words if w["sentence_index"] == 0] == [
        "Japan", "'s", "envoy", "did", "n't", "meet", "them", ".",
    ]  # fmt: skip
    for w in words:
        assert text[w["start"] : w["end"]] == w["text"]
    roots = [w for w in words if w["head"] == -1]
    assert [w["text"] for w in roots] == ["meet", "left"]
    assert {w["lemma"] for w in words} >= {"do", "not", "meet", "leave"}


def test_parse_writes_conllu_by_default_when_piped(tmp_path):
    run = parley("parse", "Japan accused China of spying.")
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out.conllu"
    out.write_text(run.stdout, encoding="utf-8")
    (tree,) = read_conllu(out)
    assert [w.form for w in tree.words] == ["Japan", "accused", "China", "of", "spying", "."]
    assert tree.words[1].deprel == "root" and tree.words[0].head == 2
    assert "# text = Japan accused China of spying." in tree.comments


def test_conllu_in_keeps_gold_tokens_and_comments_and_scores(tmp_path):
    gold = tmp_path / "gold.conllu"
    gold.write_text(GOLD, encoding="utf-8")
    run = parley("parse", "--conllu-in", gold, "--format", "conllu", "--score")
    assert run.returncode == 0, run.stderr
    out = tmp_path / "out.conllu"
    out.write_text(run.stdout, encoding="utf-8")
    trees = list(read_conllu(out))
    assert [[w.form for w in t.words] for t in trees] == [
        ["Japan", "protested", "."],
        ["China", "criticised", "the", "e-mail", "."],  # gold tokens are never re-split
    ]
    assert trees[0].comments == ["# sent_id = a", "# text = Japan protested."]
    assert "8 words; UPOS" in run.stderr and "UAS" in run.stderr and "LAS" in run.stderr


def test_parse_errors_are_one_line(tmp_path):
    missing = parley("parse", "report.pdf")
    assert missing.returncode == 1 and missing.stderr.strip().endswith("report.pdf: no such file")
    both = parley("parse", "text", "--conllu-in", tmp_path / "x.conllu")
    assert both.returncode != 0 and "either TEXT_OR_FILE or --conllu-in" in both.stderr
    unreadable = tmp_path / "bad.conllu"
    unreadable.write_bytes(b"\xff\xfe\x00bad")
    run = parley("parse", "--conllu-in", unreadable)
    assert run.returncode != 0 and str(unreadable) in run.stderr
    assert "Traceback" not in run.stderr + missing.stderr + both.stderr


def test_a_sentence_longer_than_a_file_name_is_parsed_as_text():
    text = "Japan accused China of spying " + "and of many other things " * 12 + "."
    run = parley("parse", text, "--format", "jsonl")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[0])["text"] == "Japan"
