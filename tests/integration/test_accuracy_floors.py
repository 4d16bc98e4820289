"""CI floors on the development gold sets: scores may only move up.

Raise a floor when accuracy improves (to the new value rounded down to two decimals);
never lower one. `test_a_broken_dictionary_fails_the_floor` shows the floors can fail.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parley.config import Dictionaries, DictionaryPaths
from parley.validate.gold import read_gold
from parley.validate.run import validate
from parley.validate.score import below_floors
from tests.cli.test_code_command import parley

FLOORS = {
    "petrarch_unit.dev.jsonl": {"exact": 0.85, "event_f1": 0.91, "root_f1": 0.91,
                                "country_f1": 0.92},
    "petrarch_gsr.dev.jsonl": {"exact": 0.74, "event_f1": 0.79, "root_f1": 0.8,
                               "country_f1": 0.82},
}  # fmt: skip


def validation_dictionaries(folder: Path, verbs: Path | None = None) -> DictionaryPaths:
    """The PETRARCH unit-test dictionaries the unit gold records were coded with."""
    return DictionaryPaths(
        actors=(folder / "PETR.Validate.actors.txt",),
        agents=(folder / "PETR.Validate.agents.txt",),
        verbs=(verbs or folder / "PETR.Validate.verbs.txt",),
        discards=(folder / "PETR.Validate.discards.txt",),
    )


def paths_for(name: str, shared: Path) -> DictionaryPaths:
    if name.startswith("petrarch_unit"):
        return validation_dictionaries(shared / "dictionaries")
    return DictionaryPaths()  # the bundled defaults, derived from the Phoenix files


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_their_floors(shared, name):
    scores, _ = validate(
        read_gold(shared / "gold" / name), Dictionaries.load(paths_for(name, shared))
    )
    assert below_floors(scores.summary(), FLOORS[name]) == []


def test_a_broken_dictionary_fails_the_floor(shared, tmp_path):
    """Break the verbs a third of the unit records rely on: the floor must catch it."""
    verbs = (shared / "dictionaries" / "PETR.Validate.verbs.txt").read_text(encoding="utf-8")
    broken = tmp_path / "verbs.txt"
    broken.write_text(re.sub(r"\[(\d{3,4})\]", "[190]", verbs), encoding="utf-8")
    name = "petrarch_unit.dev.jsonl"
    paths = validation_dictionaries(shared / "dictionaries", verbs=broken)
    scores, _ = validate(read_gold(shared / "gold" / name), Dictionaries.load(paths))
    failures = below_floors(scores.summary(), FLOORS[name])
    assert any(f.startswith("event_f1") for f in failures)


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
