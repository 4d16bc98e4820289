"""CI floors on the gold suite's scoreboard: every headline, and the macro score over the
event sets, may only move up (`suite_floors.json` says how floors are raised).

The suite is scored once (about ten seconds) where `../shared` exists, as
`parley validate --suite ../shared/gold` scores it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parley.config import Dictionaries, DictionaryPaths
from parley.validate.gold import read_gold
from parley.validate.run import validate
from parley.validate.suite import Suite, dictionaries_by_set, run_suite, unit_dictionaries
from tests.cli.test_code_command import parley
from tests.conftest import SHARED

FLOORS = json.loads((Path(__file__).with_name("suite_floors.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def suite() -> Suite:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: the shared data folder exists only in CI")
    by_set = dictionaries_by_set(DictionaryPaths(), "parley", SHARED / "dictionaries")
    return run_suite(SHARED / "gold", by_set)


def below(suite: Suite, floors: dict) -> list[str]:
    """The figures under their floor, as readable lines (empty when all hold)."""
    found = {s.name: s.value for s in suite.sets}
    failures = [
        f"{name} {found.get(name, 0.0):.3f} < floor {floor:.2f}"
        for name, floor in floors["sets"].items()
        if found.get(name, 0.0) < floor
    ]
    if suite.macro < floors["macro_event"]:
        failures.append(f"macro_event {suite.macro:.3f} < floor {floors['macro_event']:.2f}")
    return failures


def test_every_headline_and_the_macro_score_stay_above_their_floors(suite):
    assert suite.skipped == []
    assert below(suite, FLOORS) == []


def test_every_set_has_a_floor_and_every_floor_a_set(suite):
    assert sorted(s.name for s in suite.sets) == sorted(FLOORS["sets"])


def test_a_broken_dictionary_fails_the_floor(shared, tmp_path):
    """Break the verbs a third of the unit records rely on: the floor must catch it."""
    verbs = (shared / "dictionaries" / "PETR.Validate.verbs.txt").read_text(encoding="utf-8")
    broken = tmp_path / "verbs.txt"
    broken.write_text(re.sub(r"\[(\d{3,4})\]", "[190]", verbs), encoding="utf-8")
    unit = unit_dictionaries(shared / "dictionaries")
    assert unit is not None
    paths = DictionaryPaths(unit.actors, unit.agents, (broken,), unit.discards)
    name = "petrarch_unit.dev"
    scores, _ = validate(read_gold(shared / "gold" / f"{name}.jsonl"), Dictionaries.load(paths))
    assert scores.summary()["event_f1"] < FLOORS["sets"][name]


def test_code_prints_the_events_validate_scores(shared, tmp_path):
    name = "petrarch_gsr.dev.jsonl"
    gold = read_gold(shared / "gold" / name)
    _, outcomes = validate(gold, Dictionaries.load())
    run = parley("code", shared / "gold" / name, "--input-format", "jsonl",
                 "--db", tmp_path / "g.duckdb", "--format", "jsonl")  # fmt: skip
    empty = [o.record.id for o in outcomes if not o.record.text.strip()]
    assert run.returncode == (1 if empty else 0)  # an empty record is rejected, not coded
    assert len(run.stderr.strip().splitlines()) == len(empty)
    printed: dict[str, set[tuple[str, str, str]]] = {}
    for line in run.stdout.splitlines():
        e = json.loads(line)
        printed.setdefault(e["document_id"], set()).add((e["source"], e["target"], e["code"]))
    seen: set[str] = set()
    first = [o for o in outcomes if not (o.record.text in seen or seen.add(o.record.text))]
    # parley code keeps one copy of a repeated text; validate scores every record.
    assert {o.record.id: o.produced for o in first if o.produced} == printed
