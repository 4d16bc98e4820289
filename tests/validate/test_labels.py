"""Sentence labels mapped to CAMEO by a mapping file: per-label P/R/F1 worked out by
hand, the police sector read from the source code, and where the mapping file is found."""

import dataclasses
import json

import pytest

import parley
from parley.validate.gold import GoldError
from parley.validate.labels import LabelRule, MappedLabelScorer, has_sector, read_mapping

MAPPING = {
    "KILL": {"roots": ["18", "19", "20"], "source_sectors": ["COP"]},
    "ARREST": {"codes": ["173"], "source_sectors": ["COP"]},
    "_notes": {"about": "a test mapping: police killing, police arresting"},
}


def record(id, text, labels):
    return {"id": id, "doc_id": 1, "date": "2002-03-01", "text": text, "labels": labels}


RECORDS = [
    # INDCOP 173: ARREST said and right.
    record("s1", "Indian police arrested twelve protesters in Ahmedabad on Monday.", ["ARREST"]),
    # ---COP 190 (police of no known country): KILL said and right.
    record("s2", "Police shot dead three rioters in Ahmedabad.", ["KILL"]),
    # A killing whose source is not police: no KILL said, rightly.
    record("s3", "Rioters killed two men in Ahmedabad.", []),
    # No event: ARREST missed.
    record("s4", "The weather was pleasant in Ahmedabad on Monday.", ["ARREST"]),
    # ---COP 193 is root 19: KILL said, but the gold says otherwise (an extra). FAIL is
    # not in the mapping: noted, not scored.
    record("s5", "Police opened fire on a mob in Vadodara.", ["FAIL"]),
    # INDCOP 173 again: right.
    record("s6", "Police in Ahmedabad arrested twelve rioters on Monday.", ["ARREST"]),
    # A negated arrest is not counted: no ARREST said, rightly.
    record("s7", "Police did not arrest anyone in Ahmedabad.", []),
]


@pytest.fixture(scope="module")
def scored(tmp_path_factory, dictionaries):
    folder = tmp_path_factory.mktemp("labels")
    path = folder / "police.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    (folder / "police.mapping.json").write_text(json.dumps(MAPPING), encoding="utf-8")
    return MappedLabelScorer().score("police", path, RECORDS, dictionaries)


def test_label_figures(scored):
    assert (scored.kind, scored.records, scored.headline) == ("labels", 7, "macro_f1")
    m = scored.metrics
    # KILL: tp s2, fp s5 -> P 1/2, R 1, F1 2/3.
    assert (m["KILL_precision"], m["KILL_recall"]) == (0.5, 1.0)
    assert m["KILL_f1"] == pytest.approx(2 / 3)
    # ARREST: tp s1 s6, fn s4 -> P 1, R 2/3, F1 0.8.
    assert m["ARREST_precision"] == 1.0 and m["ARREST_recall"] == pytest.approx(2 / 3)
    assert m["ARREST_f1"] == pytest.approx(0.8)
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert list(m)[:3] == ["macro_f1", "KILL_f1", "ARREST_f1"]
    assert scored.notes == ["labels not mapped to CAMEO, not scored: FAIL (1 sentences)"]


def test_misses_name_label_and_kind(scored):
    assert [(m["id"], m["label"], m["kind"], m["events"]) for m in scored.misses] == [
        ("s5", "KILL", "extra", [["---COP", "193", "INDCVL"]]),
        ("s4", "ARREST", "missed", []),
    ]


def test_police_sector_is_read_from_any_role_group(dictionaries):
    (event,) = parley.code_text("Police shot dead three rioters in Ahmedabad.", date="2002-03-01")
    assert has_sector(event, "COP")  # ---COP, sector COP
    # Government police: the first role (the sector) is GOV, COP comes after it.
    gov_police = dataclasses.replace(event, source="INDGOVCOP", source_sector="GOV")
    assert has_sector(gov_police, "COP")
    rioters = dataclasses.replace(event, source="INDOPP", source_sector="OPP")
    assert not has_sector(rioters, "COP")
    # `COP` straddling two groups is not the police role.
    assert not has_sector(dataclasses.replace(rioters, source="XCOPXX"), "COP")
    kill = LabelRule("KILL", roots=("18", "19", "20"), source_sectors=("COP",))
    assert kill.answers(gov_police) and not kill.answers(rioters)
    assert not kill.answers(dataclasses.replace(event, code="173"))


def test_mapping_found_for_a_split_file_and_missing_mapping_named(tmp_path):
    (tmp_path / "police.mapping.json").write_text(json.dumps(MAPPING), encoding="utf-8")
    rules = read_mapping(tmp_path / "police.heldout.jsonl")
    assert [r.label for r in rules] == ["KILL", "ARREST"]  # `_notes` is no label
    with pytest.raises(GoldError, match=r"other\.mapping\.json expected"):
        read_mapping(tmp_path / "other.jsonl")
    (tmp_path / "bad.mapping.json").write_text('{"KILL": {"roots": "19"}}', encoding="utf-8")
    with pytest.raises(GoldError, match="KILL"):
        read_mapping(tmp_path / "bad.jsonl")


def test_matches_records_with_label_lists():
    scorer = MappedLabelScorer()
    assert scorer.matches(RECORDS[2])  # an empty label list is still this shape
    assert not scorer.matches({"text": "x", "label": "irrelevant"})
