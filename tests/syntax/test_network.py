import itertools
from pathlib import Path

import numpy as np
import pytest

from parley.syntax.analysis import NetworkAnalyser
from parley.syntax.conllu import gold_sentences, read_conllu
from parley.syntax.evaluate import attachment_scores
from parley.syntax.network import (
    Network,
    _find_cycle,
    _labels,
    _spanning_tree,
    _without_loops,
    decode,
    tree,
)
from parley.syntax.runtime import QuantisedNetwork
from parley.text.segment import segment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def analyser() -> NetworkAnalyser:
    return NetworkAnalyser.load()


def _has_cycle(heads: np.ndarray) -> bool:
    """Whether 1-based `heads` of words 1..n (0: the root) hold a cycle."""
    return _find_cycle([-1, *np.asarray(heads).tolist()]) is not None


def _total(scores: np.ndarray, heads: np.ndarray) -> float:
    return float(scores[np.arange(1, len(heads) + 1), heads].sum())


def _is_tree(heads: np.ndarray) -> bool:
    return int((heads == 0).sum()) == 1 and not _has_cycle(heads)


def test_spanning_trees_are_the_best_arborescences():
    rng = np.random.default_rng(3)
    for _ in range(200):
        n = int(rng.integers(1, 5))
        scores = rng.normal(size=(n + 1, n + 1))
        np.fill_diagonal(scores, -np.inf)
        scores[0, :] = -np.inf
        heads = _spanning_tree(scores)[1:]
        assert not _has_cycle(heads)
        trees = [
            np.array(c)
            for c in itertools.product(range(n + 1), repeat=n)
            if all(c[i] != i + 1 for i in range(n)) and not _has_cycle(np.array(c))
        ]
        assert _total(scores, heads) == pytest.approx(max(_total(scores, t) for t in trees))


def test_decoding_keeps_a_tree_the_best_heads_already_make():
    scores = np.full((4, 4), -5.0)
    scores[1, 2] = scores[2, 0] = scores[3, 2] = 1.0  # 1 <- 2 -> 3, 2 under the root
    assert tree(scores).tolist() == [2, 0, 2]
    scores[3, 0], scores[2, 3] = 2.0, 0.5  # a second, stronger root child: 2 moves under 3
    assert tree(scores).tolist() == [2, 3, 0]


def test_decoding_finds_the_best_tree_with_one_root_child_where_best_heads_loop():
    """Where the best heads hold a cycle and at most one root child (the cases the
    spanning-tree search decides), the tree is the best of all with one root child."""
    rng = np.random.default_rng(5)
    checked = 0
    while checked < 100:
        n = int(rng.integers(2, 6))
        scores = rng.normal(size=(n + 1, n + 1)).astype(np.float32)
        masked = scores[1:].copy()
        masked[np.arange(n), np.arange(1, n + 1)] = -np.inf
        first = masked.argmax(axis=1)
        if (first == 0).sum() > 1 or not _has_cycle(first):
            continue
        checked += 1
        single = [
            np.array(c)
            for c in itertools.product(range(n + 1), repeat=n)
            if all(c[i] != i + 1 for i in range(n)) and _is_tree(np.array(c))
        ]
        heads = tree(scores)
        assert _is_tree(heads)
        assert _total(scores, heads) == pytest.approx(max(_total(scores, t) for t in single))


def test_decoding_always_returns_a_tree_for_longer_sentences():
    rng = np.random.default_rng(4)
    for _ in range(100):
        n = int(rng.integers(4, 30))
        assert _is_tree(tree(rng.normal(size=(n + 1, n + 1))))


def test_the_bundled_network_finds_subject_verb_and_object(analyser):
    (sentence,) = segment("Japan accused China of violating its airspace.")
    (words,) = analyser.analyse([sentence])
    assert [w.upos for w in words[:3]] == ["PROPN", "VERB", "PROPN"]
    assert [(w.head, w.relation) for w in words[:3]] == [(1, "nsubj"), (-1, "root"), (1, "obj")]
    assert words[4].lemma == "violate" and words[4].clause == 4  # its own clause
    assert words[0].clause == 1


def test_analysis_keeps_offsets_tokens_and_one_word_per_gold_token(analyser):
    text = "Seoul's envoy didn't meet the U.S.-led team. It left."
    sentences = segment(text)
    analysed = analyser.analyse(sentences)
    assert [len(w) for w in analysed] == [12, 3]
    for sentence, words in zip(sentences, analysed, strict=True):
        for w in words:
            assert text[w.start : w.end] == w.text
            assert sentence.tokens[w.token].start <= w.start
        assert sum(w.head < 0 for w in words) == 1
    gold = analyser.analyse(sentences, pretokenised=True)
    assert [len(w) for w in gold] == [len(s.tokens) for s in sentences]
    assert analyser.analyse([]) == []


@pytest.mark.parametrize("load", [NetworkAnalyser.load, NetworkAnalyser.load_float32])
def test_accuracy_stays_above_its_floors_on_a_dev_sample(shared, load):
    trees = list(read_conllu(Path(shared / "treebank" / "en_ewt-ud-dev.conllu")))[:600]
    analysed = load().analyse(list(gold_sentences(trees)), pretokenised=True)
    scores = attachment_scores(zip(trees, analysed, strict=True))
    # floors: raise them when the model improves, never lower them
    assert scores["upos"] >= 0.955 and scores["uas"] >= 0.85 and scores["las"] >= 0.815


def _example_forms() -> list[list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return [[t.text for t in s.tokens] for text in texts for s in segment(text) if s.tokens]


def test_the_int8_network_parses_as_the_float32_one_does():
    forms = _example_forms()
    assert len(forms) > 20
    ours, reference = QuantisedNetwork.load().analyse(forms), Network.load().analyse(forms)
    pairs = [
        (a, b)
        for ours_parse, ref_parse in zip(ours, reference, strict=True)
        for a, b in zip(
            zip(ours_parse.tags, ours_parse.heads, ours_parse.labels, strict=True),
            zip(ref_parse.tags, ref_parse.heads, ref_parse.labels, strict=True),
            strict=True,
        )
    ]
    assert len(pairs) > 400
    for part in range(3):  # tags, heads, labels: quantising moves a few words at most
        assert sum(a[part] == b[part] for a, b in pairs) / len(pairs) >= 0.98


def test_the_exported_graph_computes_what_the_float32_runtime_does():
    pytest.importorskip("onnx", reason="onnx is needed only to export the network")
    import onnxruntime

    from tests.conftest import load_tool

    tool = load_tool("export_network")
    network = Network.load()
    session = onnxruntime.InferenceSession(
        tool.graph(network).SerializeToString(), providers=["CPUExecutionProvider"]
    )
    forms = _example_forms()[:40]
    tag_scores, arcs, label_dep, label_head, lengths = network.scores(forms)
    labeller = (network.weights["lab_out.weight"].T, network.weights["lab_out.bias"])
    for row, (sentence, n) in enumerate(zip(forms, lengths, strict=True)):
        tags, their_arcs, their_dep, their_head, best_heads, best_labels = session.run(
            None, {"vectors": network.vectors.sentence(sentence)}
        )
        assert (tags == tag_scores[row, :n].argmax(axis=1)).all()
        assert np.allclose(their_arcs, arcs[row, :n, :n], atol=1e-3)
        assert np.allclose(their_dep, label_dep[row, :n], atol=1e-4)
        assert np.allclose(their_head, label_head[row, :n], atol=1e-4)
        heads = _without_loops(arcs[row, :n, :n]).argmax(axis=1)
        assert (best_heads[1:] == heads).all()
        labels = _labels(label_dep[row, 1:n], label_head[row, heads], labeller)
        assert (best_labels[1:] == labels).all()


def test_the_numpy_runtime_matches_the_pytorch_network(shared, tmp_path):
    pytest.importorskip("torch", reason="PyTorch is needed only to train, not to run parley")
    import argparse

    import torch

    from tests.conftest import load_tool

    tool = load_tool("train_network")
    trees = list(read_conllu(Path(shared / "treebank" / "en_ewt-ud-dev.conllu")))[:50]
    vocab = tool.vocabulary(trees)
    tags = sorted({f"{w.upos} {w.xpos}" for t in trees for w in t.words})
    relations = sorted({w.deprel for t in trees for w in t.words})
    sizes = {"tags": len(tags), "relations": len(relations)} | {k: len(v) for k, v in vocab.items()}
    args = argparse.Namespace(word_dim=12, affix_dim=8, hidden=10, layers=2, arc_dim=6,
                              label_dim=5, dropout=0.3)  # fmt: skip
    torch.manual_seed(0)
    model = tool.Model(sizes, args)
    with torch.no_grad():
        model.arc_U.normal_()
    model.eval()
    tool.export(model, vocab, tags, relations, 2, tmp_path)
    network = Network.load(tmp_path)
    forms = [[w.form for w in t.words] for t in trees[:8]]
    tags, arcs, label_dep, _, lengths = network.scores(forms)
    ids = [torch.from_numpy(a) for a in network.vocabulary.encode(forms)]
    with torch.no_grad():
        their_tags, their_arcs, their_label_dep, _ = model(*ids, torch.from_numpy(lengths))
    for row, n in enumerate(lengths):
        assert np.allclose(tags[row, :n], their_tags[row, :n].numpy(), atol=1e-5)
        assert np.allclose(arcs[row, :n, :n], their_arcs[row, :n, :n].numpy(), atol=1e-4)
        assert np.allclose(label_dep[row, :n], their_label_dep[row, :n].numpy(), atol=1e-5)


def test_a_sentence_parses_the_same_whatever_is_analysed_with_it():
    network = QuantisedNetwork.load()
    forms = _example_forms()
    # a long, repetitive sentence widens the range of values a batch's products see
    odd = "Rebels , rebels , rebels , and rebels shelled the the the city city city in in in"
    odd = (odd + " 2024 2024").split() * 3
    together = network.analyse([*forms, odd])
    assert together[:-1] == [network.analyse([f])[0] for f in forms]
    assert together[3:9] == network.analyse(forms[3:9][::-1])[::-1]


def test_word_vectors_are_the_embeddings_side_by_side_whatever_was_read_before(monkeypatch):
    network = Network.load()
    w = network.weights
    sentence = ["Gondor", "sanctioned", "U.S.", "officials", "Gondor"]
    words, affixes, shapes = network.vocabulary.encode([sentence])
    expected = np.concatenate(
        [w["word.weight"][words[0]], w["affix.weight"][affixes[0]].sum(axis=1),
         w["shape.weight"][shapes[0]]],
        axis=1,
    )  # fmt: skip
    vectors = network.vectors
    first = vectors.sentence(sentence)
    assert first.shape == (len(sentence) + 1, 180)
    assert np.array_equal(first, expected)
    # a small table fills and starts again: rows change, vectors do not
    monkeypatch.setattr(type(vectors), "MOST_ROWS", 8)
    for forms in _example_forms()[:30]:
        vectors.sentence(forms)
        assert len(vectors.rows) <= max(8, len(forms))  # a longer sentence fits whole
    assert np.array_equal(vectors.sentence(sentence), expected)


def test_decoding_relabels_only_the_words_the_tree_moves():
    scores = np.full((4, 4), -5.0, dtype=np.float32)
    scores[1, 2], scores[2, 0], scores[3, 0], scores[2, 3] = 1.0, 1.0, 2.0, 0.5
    best_heads = np.array([0, 2, 0, 0])  # two root children: word 2 moves under word 3
    rng = np.random.default_rng(0)
    label_dep, label_head = rng.normal(size=(4, 2)), rng.normal(size=(4, 2))
    labeller = (rng.normal(size=(6, 3)), rng.normal(size=3))
    given = np.array([0, 7, 7, 7])  # as the graph labels the best heads
    parse = decode(np.zeros(4, dtype=int), scores, label_dep, label_head, labeller,
                   (best_heads, given))  # fmt: skip
    assert parse.heads == [2, 3, 0]
    relabelled = _labels(label_dep[[2]], label_head[[3]], labeller)[0]
    assert parse.labels == [7, relabelled, 7]
    alone = decode(np.zeros(4, dtype=int), scores, label_dep, label_head, labeller)
    assert alone.heads == parse.heads and alone.labels[1] == relabelled
