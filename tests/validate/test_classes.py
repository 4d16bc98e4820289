"""PentaClass sentences: class hits worked out by hand, role spans mapped back through
cleaning (zero-width spaces dropped, curly quotes straightened)."""

import json

import pytest

from parley.validate.classes import PentaClassScorer, overlaps, penta_class
from parley.validate.spans import OffsetMap

ZW = "\u200b" * 6  # six zero-width spaces: cleaning drops them, shifting every offset


def span(text, words):
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def record(id, text, label, sources=(), targets=(), reciprocal=(), has_roles=True):
    return {
        "id": id, "text": text, "date": "2018-01-01", "label": label,
        "sources": [span(text, w) for w in sources],
        "targets": [span(text, w) for w in targets],
        "reciprocal": [span(text, w) for w in reciprocal],
        "has_roles": has_roles,
    }  # fmt: skip


CURLY = ZW + "\u201cJapan\u201d accused China of violating its airspace."
RECORDS = [
    # 112 accuse: verbal conflict, class 3; both roles right.
    record("r1", "Japan accused China of violating its airspace.", 3, ["Japan"], ["China"]),
    # 051 praise: verbal cooperation, class 1; the gold target is not the coded one (France).
    record("r2", "Germany praised France for its efforts.", 1, ["Germany"], ["its efforts"]),
    # 154 military posture is material conflict (4), labelled material cooperation: wrong.
    record("r3", "Russia sent troops to Syria.", 2, has_roles=False),
    # No event at all.
    record("r4", "The weather was pleasant in Geneva on Monday.", 0, has_roles=False),
    # Offsets shift by six through cleaning; reciprocal spans count as source and target.
    record("r5", CURLY, 3, reciprocal=["Japan", "China"]),
    # 111 (class 3) and 051 (class 1): a hit, but not strict.
    record("r6", "France condemned Russia. Germany praised Italy.", 3, has_roles=False),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory, dictionaries):
    path = tmp_path_factory.mktemp("classes") / "classes.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return PentaClassScorer().score("classes", path, RECORDS, dictionaries)


def test_class_figures(scored):
    assert (scored.kind, scored.records, scored.headline, scored.event_set) == (
        "pentaclass", 6, "any_hit", True,
    )  # fmt: skip
    m = scored.metrics
    assert m["any_hit"] == pytest.approx(4 / 6)  # r1, r2, r5, r6
    assert m["strict"] == pytest.approx(3 / 6)  # r6 also has a class 1 event
    assert m["coverage"] == pytest.approx(5 / 6)  # all but r4
    assert m["any_hit_class_3"] == 1.0 and m["any_hit_class_1"] == 1.0
    assert m["any_hit_class_2"] == 0.0 and m["any_hit_class_0"] == 0.0
    assert "any_hit_class_4" not in m  # no record labelled 4
    assert scored.notes == []


def test_role_figures(scored):
    m = scored.metrics  # over r1, r2, r5 (has_roles)
    assert m["source_hit"] == 1.0
    assert m["target_hit"] == pytest.approx(2 / 3)  # r2's gold target is not France
    assert m["pair_hit"] == pytest.approx(2 / 3)


def test_misses_are_the_records_without_a_hit(scored):
    assert [(m["id"], m["label"], m["events"]) for m in scored.misses] == [
        ("r3", 2, [["RUS", "154", "SYR"]]),
        ("r4", 0, []),
    ]
    assert scored.misses[1]["text"].startswith("The weather")


def test_shifted_offsets_are_mapped_back_to_the_record():
    clean = '"Japan" accused China of violating its airspace.'
    offsets = OffsetMap(clean, CURLY)
    start, end = offsets.span(1, 6)  # parley's span of Japan in the clean text
    assert CURLY[start:end] == "Japan"
    gold_japan = (CURLY.index("Japan"), CURLY.index("Japan") + 5)
    assert overlaps((start, end), [gold_japan])
    assert not overlaps((1, 6), [gold_japan])  # clean offsets used as they are would miss
    raw = "Jose\u0301 Ramos visited Japan."  # an accent NFC recomposes: one character less
    start, end = OffsetMap("Jos\u00e9 Ramos visited Japan.", raw).span(19, 24)
    assert raw[start:end] == "Japan"


def test_penta_class_and_matches():
    assert [penta_class(r) for r in ("01", "04", "07", "13", "16", "15", "17", "20")] == [
        0, 1, 2, 3, 3, 4, 4, 4,
    ]  # fmt: skip
    assert penta_class("21") is None
    scorer = PentaClassScorer()
    assert scorer.matches(RECORDS[0])
    assert not scorer.matches({"text": "x", "label": "verbal_conflict"})
    assert not scorer.matches({"text": "x", "label": 3})  # no role keys: not this shape
