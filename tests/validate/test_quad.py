"""QuadClass sentences: hits on relevant sentences, silence on irrelevant ones, worked
out by hand."""

import json

import pytest

from parley.validate.quad import QuadScorer


def record(id, text, label):
    return {"id": id, "text": text, "label": label}


RECORDS = [
    # 112 accuse: verbal conflict.
    record("q1", "Japan accused China of violating its airspace.", "verbal_conflict"),
    # 051 praise: verbal cooperation.
    record("q2", "Germany praised France for its efforts.", "verbal_cooperation"),
    # 154 is material conflict, labelled material cooperation: wrong.
    record("q3", "Russia sent troops to Syria.", "material_cooperation"),
    # No event coded: wrong, and not covered.
    record("q4", "Iran said it would consider the proposal.", "verbal_cooperation"),
    # 111 (verbal conflict) and 051 (verbal cooperation): a hit, not strict.
    record("q5", "France condemned Russia. Germany praised Italy.", "verbal_conflict"),
    # Irrelevant and quiet: right.
    record("q6", "The weather was pleasant in Geneva on Monday.", "irrelevant"),
    # Irrelevant but parley codes an attack (190): wrong.
    record("q7", "The army attacked rebel positions near Kabul.", "irrelevant"),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory, dictionaries):
    path = tmp_path_factory.mktemp("quad") / "quad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return QuadScorer().score("quad", path, RECORDS, dictionaries)


def test_relevant_figures(scored):
    assert (scored.kind, scored.records, scored.headline) == ("quad", 7, "any_hit")
    m = scored.metrics  # five relevant sentences
    assert m["any_hit"] == pytest.approx(3 / 5)  # q1, q2, q5
    assert m["strict"] == pytest.approx(2 / 5)  # q5 has an event of another class
    assert m["coverage"] == pytest.approx(4 / 5)  # all but q4
    assert m["any_hit_verbal_conflict"] == 1.0
    assert m["any_hit_verbal_cooperation"] == 0.5
    assert m["any_hit_material_cooperation"] == 0.0
    assert "any_hit_material_conflict" not in m


def test_irrelevant_figures(scored):
    assert scored.metrics["irrelevant_quiet"] == 0.5  # q6 quiet, q7 not
    assert scored.metrics["irrelevant_events"] == 0.5  # one event over two sentences


def test_misses_in_file_order(scored):
    assert [(m["id"], m["label"], m["events"]) for m in scored.misses] == [
        ("q3", "material_cooperation", [["RUS", "154", "SYR"]]),
        ("q4", "verbal_cooperation", []),
        ("q7", "irrelevant", [["---MIL", "190", "---REB"]]),
    ]


def test_matches_only_quad_labels():
    scorer = QuadScorer()
    assert scorer.matches(RECORDS[0]) and scorer.matches(RECORDS[-1])
    assert not scorer.matches({"text": "x", "label": 3, "has_roles": False})
    assert not scorer.matches({"text": "x", "label": "neutral"})
    assert not scorer.matches({"text": "x", "labels": ["KILL"]})
