"""The actor-string scorer: sector and country counted only where a record asserts them."""

from __future__ import annotations

import json

import pytest

from parley.validate.actors import ActorsScorer

RECORDS = [
    # right on both fields
    {"id": "a1", "method": "agent_to_code", "text": "the French army",
     "expected_code": "MIL", "expected_country": "FRA"},
    # sector wrong (parley: COP), country right
    {"id": "a2", "method": "agent_to_code", "text": "Japanese police officers",
     "expected_code": "MIL", "expected_country": "JPN"},
    # "" asserts no sector: a country alone is right
    {"id": "a3", "method": "agent_to_code", "text": "Brazil",
     "expected_code": "", "expected_country": "BRA"},
    # nothing may be found, and nothing is
    {"id": "a4", "method": "agent_to_code", "text": "qwzxv blorp",
     "expected_code": None, "expected_none": True},
    # null asserts nothing: only the country counts, and it is wrong
    {"id": "a5", "method": "short_text_to_agent", "text": "Chinese diplomats",
     "expected_code": None, "expected_country": "RUS"},
    # another tool's internals: not scored
    {"id": "a6", "method": "query_wiki", "text": "the French army", "expected_code": "GOV"},
]  # fmt: skip


def test_each_asserted_field_counts_once(tmp_path, dictionaries):
    path = tmp_path / "actors.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    scorer = ActorsScorer()
    assert all(scorer.matches(r) for r in RECORDS)
    score = scorer.score("actors", path, RECORDS, dictionaries)
    assert score.records == 5 and not score.event_set
    m = score.metrics
    assert (m["sector_asserted"], m["country_asserted"], m["none_asserted"]) == (3, 4, 1)
    assert m["sector_accuracy"] == pytest.approx(2 / 3)  # a2 is COP, not MIL
    assert m["country_accuracy"] == pytest.approx(3 / 4)  # a5 is CHN, not RUS
    assert m["none_accuracy"] == 1.0
    assert m["accuracy"] == pytest.approx(6 / 8) == score.value
    assert {miss["id"]: miss["wrong"] for miss in score.misses} == {
        "a2": ["sector"],
        "a5": ["country"],
    }
    assert score.notes == ["1 records of other methods not scored"]


def test_a_phrase_found_where_none_is_expected_is_wrong(tmp_path, dictionaries):
    record = {"id": "n1", "method": "agent_to_code", "text": "Chinese diplomats",
              "expected_code": None, "expected_none": True}  # fmt: skip
    score = ActorsScorer().score("actors", tmp_path / "a.jsonl", [record], dictionaries)
    assert score.metrics["none_accuracy"] == 0.0 and score.value == 0.0
