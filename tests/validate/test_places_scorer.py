"""The toponym scorer on a gold set written for this test, whose figures are worked out by
hand below; and the span tools it stands on (mapping clean offsets back, pairing spans)."""

from __future__ import annotations

import json

import pytest

from parley.resolve.gazetteer import great_circle_km
from parley.validate.places import PlacesScorer
from parley.validate.spans import OffsetMap, pair


def toponym(text: str, name: str, geonames_id: int | None, lat: float | None,
            lon: float | None, nth: int = 0) -> dict:  # fmt: skip
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return {"start": start, "end": start + len(name), "text": name, "geonames_id": geonames_id,
            "lat": lat, "lon": lon}  # fmt: skip


SANTIAGO = "Protesters gathered in Santiago, Chile on Monday."
GEORGIA = "Talks were held in Georgia."
LYON = "Brackenvale police met in Lyon."
BOSTON = "They flew to Boston."
CAFE = "Cafe\u0301 owners protested in Cairo."  # cleaning composes é: one character less

GOLD = [
    # both found at the gazetteer's own coordinates: 0 km, right ids
    {"id": "santiago", "text": SANTIAGO, "toponyms": [
        toponym(SANTIAGO, "Santiago", 3871336, -33.45694, -70.64827),
        toponym(SANTIAGO, "Chile", 3895114, -30.0, -71.0),
    ]},
    # the country; with nothing else said, parley takes the US state (wrong id, far off)
    {"id": "georgia", "text": GEORGIA, "toponyms": [
        toponym(GEORGIA, "Georgia", 614540, 42.0, 43.5),
    ]},
    # Brackenvale is missed (a village no gazetteer holds); Lyon is found but gold has no
    # place for it
    {"id": "lyon", "text": LYON, "toponyms": [
        toponym(LYON, "Brackenvale", 9999999, 48.85341, 2.3488),
        toponym(LYON, "Lyon", None, None, None),
    ]},
    # Boston is found where gold has no toponym: an extra
    {"id": "boston", "text": BOSTON, "toponyms": []},
    # found in the clean text one character earlier; gold puts Cairo 0.1° further north
    {"id": "cafe", "text": CAFE, "toponyms": [
        toponym(CAFE, "Cairo", 360630, 30.16263, 31.24967),
    ]},
]  # fmt: skip


def test_scores_recognition_distance_and_ids_as_worked_out_by_hand(tmp_path, dictionaries):
    path = tmp_path / "places.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    scorer = PlacesScorer()
    assert all(scorer.matches(r) for r in GOLD)
    score = scorer.score("places", path, GOLD, dictionaries)
    assert (score.kind, score.records, score.headline, score.event_set) == (
        "places", 5, "toponym_f1", False,
    )  # fmt: skip
    m = score.metrics
    # gold 6 toponyms, parley 6, 5 paired (all but Brackenvale; Boston is extra)
    assert (m["gold_toponyms"], m["found_toponyms"], m["matched_toponyms"]) == (6, 6, 5)
    assert m["toponym_precision"] == pytest.approx(5 / 6)
    assert m["toponym_recall"] == pytest.approx(5 / 6)
    assert score.value == pytest.approx(5 / 6)
    # paired with coordinates: Santiago 0, Chile 0, Cairo 11.12 (0.1°), Georgia 10,098 km
    assert m["matched_with_coords"] == 4
    assert m["acc_161km"] == pytest.approx(3 / 4)
    assert m["median_km"] == pytest.approx(11.1195 / 2, abs=0.01)
    # paired with a gold id: Santiago, Chile, Cairo right; Georgia wrong; Lyon has none
    assert (m["matched_with_id"], m["geonames_id_accuracy"]) == (4, pytest.approx(3 / 4))
    misses = {miss["id"]: miss for miss in score.misses}
    assert sorted(misses) == ["boston", "georgia", "lyon"]
    assert misses["lyon"]["missed"] == [{"text": "Brackenvale", "start": 0, "end": 11,
                                         "geonames_id": 9999999}]  # fmt: skip
    assert [(e["text"], e["start"], e["end"]) for e in misses["boston"]["extra"]] == [
        ("Boston", 13, 19)
    ]
    (far,) = misses["georgia"]["far"]
    assert (far["text"], far["found"]["country"], far["km"]) == ("Georgia", "USA", 10098)


def test_matches_records_with_toponyms_only():
    scorer = PlacesScorer()
    assert scorer.matches({"id": "a", "text": "x", "toponyms": []})
    assert not scorer.matches({"id": "a", "text": "x", "dct": "2004-01-01", "timexes": []})
    assert not scorer.matches({"id": "a", "text": "x", "toponyms": "Paris"})


def test_great_circle_distances():
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.001)
    assert great_circle_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=0.5)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.5)


@pytest.mark.parametrize(
    ("clean", "gold", "word"),
    [
        ("He said 'no' in Cairo.", "He said \u2018no\u2019 in Cairo.", "Cairo"),  # replaced
        ("Talks were held in Cairo.", "Talks\u00ad were held in Cairo.", "Cairo"),  # dropped
        ("Café talks in Cairo.", "Cafe\u0301 talks in Cairo.", "Cairo"),  # composed
        ("Talks in Cairo.", "Talks  in Cairo.", "Cairo"),  # gold has one more space
        ("Talks  in Cairo.", "Talks in Cairo.", "Cairo"),  # clean has one more
        ("Cairo talks.", "Cairo talks.", "Cairo"),  # equal texts map to themselves
        # a long stretch only the gold text has (a title block set apart)
        (
            "Talks in Cairo ended.",
            "CAIRO DIARY, MONDAY JUNE 10 BY OUR CORRESPONDENT. Talks in Cairo ended.",
            "Cairo",
        ),
        ("a" * 300 + " in Cairo.", "a" * 300 + "\u00ad in Cairo.", "Cairo"),  # far in
    ],
)
def test_clean_offsets_map_back_onto_the_gold_text(clean, gold, word):
    start = clean.index(word)
    mapped = OffsetMap(clean, gold).span(start, start + len(word))
    assert gold[mapped[0] : mapped[1]] == word


def test_a_replaced_character_maps_onto_the_one_it_replaced():
    clean, gold = "'Cairo' said", "\u2018Cairo\u2019 said"
    assert OffsetMap(clean, gold).span(0, 7) == (0, 7)


def test_spans_pair_one_to_one_and_as_many_as_overlap():
    # one long span over two short ones takes one; the other short one is left to
    # the span that overlaps only it
    assert pair([(0, 10), (12, 14)], [(0, 13), (5, 8)]) == {0: 1, 1: 0}
    assert pair([(0, 5)], [(0, 2), (2, 5)]) == {0: 1}  # the larger overlap, once
    assert pair([(0, 5), (10, 15)], [(5, 10)]) == {}  # touching is no overlap
    assert pair([], [(0, 1)]) == {} and pair([(0, 1)], []) == {}
