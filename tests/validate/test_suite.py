"""The suite: a folder of gold files, one of each shape, scored by the kind its records
show; the same figures for a file scored alone; a file of no known shape passed over
with its reason. All records are written here (no gold data is read)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli.main import cli
from parley.validate.gold import GoldError
from parley.validate.suite import read_records, scorer_for, set_name

SETS: dict[str, list[dict]] = {
    "wire": [
        {"id": "w1", "date": "20240301", "text": "Japan accused China of violating its airspace.",
         "expected": [{"source": "JPN", "target": "CHN", "code": "112"}]},
        # wrong on purpose: parley codes an accusation, the record says praise
        {"id": "w2", "date": "20240301", "text": "France accused Germany of spying.",
         "expected": [{"source": "FRA", "target": "DEU", "code": "051"}]},
    ],
    "classes": [
        {"id": "c1", "text": "Japan accused China of violating its airspace.", "date": "2018-01-01",
         "label": 3, "sources": [{"start": 0, "end": 5, "text": "Japan"}], "targets": [],
         "reciprocal": [], "has_roles": True},
        {"id": "c2", "text": "The weather was pleasant on Monday.", "date": "2018-01-01",
         "label": 0, "sources": [], "targets": [], "reciprocal": [], "has_roles": False},
    ],
    "quad": [
        {"id": "q1", "text": "Japan accused China of violating its airspace.",
         "label": "verbal_conflict"},
        {"id": "q2", "text": "The committee adopted its agenda.", "label": "irrelevant"},
    ],
    "labels": [
        {"id": "l1", "doc_id": 1, "date": "2002-03-01", "labels": ["ARREST"],
         "text": "Indian police arrested twelve protesters in Ahmedabad on Monday."},
        {"id": "l2", "doc_id": 1, "date": "2002-03-01", "labels": ["ARREST"],
         "text": "The weather was pleasant on Monday."},
    ],
    "places": [
        {"id": "p1", "text": "Protesters gathered in Santiago, Chile on Monday.",
         "toponyms": [{"start": 23, "end": 31, "text": "Santiago", "geonames_id": 3871336,
                       "lat": -33.45694, "lon": -70.64827}]},
    ],
    "times": [
        {"id": "t1", "dct": "2024-03-14", "text": "The talks ended on Monday.",
         "timexes": [{"start": 19, "end": 25, "text": "Monday", "type": "DATE",
                      "value": "2024-03-11"}]},
    ],
    "actors": [
        {"id": "a1", "method": "agent_to_code", "text": "the French army",
         "expected_code": "MIL", "expected_country": "FRA"},
    ],
}  # fmt: skip
MAPPING = {"ARREST": {"codes": ["173"], "source_sectors": ["COP"]}}
KINDS = {"wire": "events", "classes": "pentaclass", "quad": "quad", "labels": "labels",
         "places": "places", "times": "times", "actors": "actors"}  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("suite")
    for name, records in SETS.items():
        lines = "".join(json.dumps(r) + "\n" for r in records)
        (folder / f"{name}.jsonl").write_text(lines, encoding="utf-8")
    (folder / "labels.mapping.json").write_text(json.dumps(MAPPING), encoding="utf-8")
    return folder


def validate(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", *map(str, args)])
    return result.exit_code, result.output + (str(result.exception) if result.exception else "")


def test_each_file_is_scored_by_the_shape_of_its_records(folder):
    for name, kind in KINDS.items():
        path = folder / f"{name}.jsonl"
        assert scorer_for(read_records(path)).kind == kind, name  # type: ignore[union-attr]


def test_the_suite_scores_every_set_and_one_file_gives_the_same_figures(folder, tmp_path):
    code, output = validate("--suite", folder, "--scores", tmp_path / "suite.json",
                            "--report", tmp_path / "report")  # fmt: skip
    assert code == 0, output
    suite = json.loads((tmp_path / "suite.json").read_text(encoding="utf-8"))
    assert sorted(suite) == sorted([*SETS, "suite"])
    # w2: FRA 112 DEU produced (extra), FRA 051 DEU missed: P 1/2, R 1/2
    assert suite["wire"]["event_precision"] == suite["wire"]["event_recall"] == 0.5
    assert suite["wire"]["event_f1"] == 0.5 and suite["wire"]["exact"] == 0.5
    assert suite["labels"]["macro_f1"] == pytest.approx(2 / 3)  # ARREST: P 1, R 1/2
    events = [suite[n]["headline"] for n in ("wire", "classes", "quad", "labels")]
    assert suite["suite"]["macro_event"] == pytest.approx(sum(events) / 4)
    for name in SETS:
        assert (tmp_path / "report" / name / "report.json").is_file()
        one = tmp_path / f"{name}.json"
        code, output = validate(folder / f"{name}.jsonl", "--scores", one)
        assert code == 0, output
        alone = json.loads(one.read_text(encoding="utf-8"))
        assert alone[set_name(folder / f"{name}.jsonl")] == suite[name], name
    wrong = json.loads((tmp_path / "report" / "wire" / "report.json").read_text())
    assert [miss["id"] for miss in wrong["misses"]] == ["w2"]


def test_a_file_of_no_known_shape_is_passed_over_with_its_reason(folder, tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "quad.jsonl").write_text((folder / "quad.jsonl").read_text(), encoding="utf-8")
    (mixed / "odd.jsonl").write_text('{"id": "x", "colour": "blue"}\n', encoding="utf-8")
    code, output = validate("--suite", mixed, "--scores", tmp_path / "s.json")
    assert code == 1
    assert "parley: odd.jsonl not scored:" in output and "not a gold shape" in output
    assert sorted(json.loads((tmp_path / "s.json").read_text())) == ["quad", "suite"]


def test_a_broken_line_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "a", "label": "irrelevant"}\nnot json\n')
    with pytest.raises(GoldError, match=r"bad\.jsonl:2: not JSON"):
        read_records(bad)
    code, output = validate(bad)
    assert code != 0 and "bad.jsonl:2: not JSON" in output
