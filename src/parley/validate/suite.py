"""The gold suite: every gold file of a folder, scored by the kind its records show.

A file's kind is told by the shape of its first record (`Scorer.matches`), so a
held-back file of a known shape scores with the same command, whatever its name. The
scoreboard has a row per set, its headline figure first, and one macro score: the mean
headline of the event sets (sets scored on coded events). Sets are scored one after the
other with the dictionaries loaded once; the PETRARCH unit-test records alone are coded
with the validation dictionaries they were written for (`unit_dictionaries`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.config import Dictionaries, DictionaryPaths
from parley.errors import ParleyError
from parley.events.rules import RuleSet
from parley.validate.actors import ActorsScorer
from parley.validate.classes import PentaClassScorer
from parley.validate.events import EventsScorer
from parley.validate.gold import GoldError
from parley.validate.labels import MappedLabelScorer
from parley.validate.places import PlacesScorer
from parley.validate.quad import QuadScorer
from parley.validate.sets import Scorer, SetScore
from parley.validate.times import TimesScorer

# Events first: a record with `expected` is an event record whatever else it holds.
SCORERS: tuple[Scorer, ...] = (
    EventsScorer(),
    PentaClassScorer(),
    MappedLabelScorer(),
    QuadScorer(),
    PlacesScorer(),
    TimesScorer(),
    ActorsScorer(),
)
# The PETRARCH unit-test records use fictional actors (Arnor, Gondor) of the validation
# dictionaries PETRARCH ships; a set whose name starts so is coded with those.
UNIT_PREFIX = "petrarch_unit"
UNIT_FILES = {
    "actors": "PETR.Validate.actors.txt",
    "agents": "PETR.Validate.agents.txt",
    "verbs": "PETR.Validate.verbs.txt",
    "discards": "PETR.Validate.discards.txt",
}


@dataclass(slots=True)
class Suite:
    """The scores of every set found, the files passed over and why, and the time."""

    sets: list[SetScore] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def macro(self) -> float:
        """The mean headline figure of the event sets."""
        values = [s.value for s in self.sets if s.event_set]
        return sum(values) / len(values) if values else 0.0

    def as_json(self) -> dict[str, dict[str, float]]:
        """`{set: {metric: value}}`, and `suite` for the macro score and set count."""
        out: dict[str, dict[str, float]] = {
            s.name: {"records": s.records, "headline": s.value, **s.metrics} for s in self.sets
        }
        out["suite"] = {"macro_event": self.macro, "sets": len(self.sets)}
        return out


def set_name(path: Path) -> str:
    """`conflibert` for `conflibert.jsonl`, `petrarch_gsr.dev` for `petrarch_gsr.dev.jsonl`."""
    return path.name.removesuffix(".jsonl")


def read_records(path: Path) -> list[dict[str, Any]]:
    """A gold file's records; a line that is not a JSON object is a one-line error."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise GoldError(f"{path}:{number}: not JSON ({exc})") from exc
        if not isinstance(record, dict):
            raise GoldError(f"{path}:{number}: not a JSON object")
        records.append(record)
    return records


def scorer_for(records: Sequence[dict[str, Any]]) -> Scorer | None:
    """The scorer whose shape the first record has."""
    if not records:
        return None
    return next((s for s in SCORERS if s.matches(records[0])), None)


def unit_dictionaries(folder: Path) -> DictionaryPaths | None:
    """The PETRARCH validation dictionaries in `folder`, if all four are there."""
    paths = {kind: folder / name for kind, name in UNIT_FILES.items()}
    if not all(p.is_file() for p in paths.values()):
        return None
    return DictionaryPaths(**{kind: (p,) for kind, p in paths.items()})


def set_paths(name: str, paths: DictionaryPaths, unit_folder: Path) -> DictionaryPaths:
    """What a set is coded with: `paths`, but the PETRARCH unit-test records get the
    validation dictionaries of `unit_folder` when the user chose none of their own."""
    if paths.custom or not name.startswith(UNIT_PREFIX):
        return paths
    return unit_dictionaries(unit_folder) or paths


def dictionaries_by_set(
    paths: DictionaryPaths, analyser: str, unit_folder: Path, rules: RuleSet | None = None
) -> Callable[[str], Dictionaries]:
    """Each set's dictionaries (`set_paths`), each loaded once, when first needed, with
    the coder's `rules` (all by default)."""
    loaded: dict[DictionaryPaths, Dictionaries] = {}

    def dictionaries(name: str) -> Dictionaries:
        chosen = set_paths(name, paths, unit_folder)
        if chosen not in loaded:
            loaded[chosen] = Dictionaries.load(chosen, analyser=analyser, rules=rules)
        return loaded[chosen]

    return dictionaries


def score_file(path: Path, dictionaries: Callable[[str], Dictionaries]) -> SetScore:
    """One gold file scored by its kind; `dictionaries(name)` gives those to code with."""
    records = read_records(path)
    scorer = scorer_for(records)
    if scorer is None:
        keys = ", ".join(sorted(records[0])) if records else "no records"
        raise GoldError(f"{path}: not a gold shape parley knows ({keys})")
    name = set_name(path)
    return scorer.score(name, path, records, dictionaries(name))


def gold_files(folder: Path) -> list[Path]:
    """The JSON Lines files of a folder, by name (mapping files are JSON, not read)."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such folder")
    return sorted(p for p in folder.glob("*.jsonl") if p.is_file())


def run_suite(
    folder: Path,
    dictionaries: Callable[[str], Dictionaries],
    progress: Callable[[str], None] = lambda name: None,
) -> Suite:
    """Score every gold file in `folder`; a file that cannot be scored is passed over
    with its reason, the others still count."""
    suite = Suite()
    for path in gold_files(folder):
        progress(set_name(path))
        began = time.monotonic()
        try:
            suite.sets.append(score_file(path, dictionaries))
        except ParleyError as exc:
            suite.skipped.append((path.name, str(exc)))
            continue
        suite.seconds[set_name(path)] = time.monotonic() - began
    return suite


def secondary(score: SetScore, most: int = 4) -> str:
    """A few figures after the headline, for the scoreboard's last column."""
    shown = [
        (k, v) for k, v in score.metrics.items()
        if k != score.headline and isinstance(v, float) and not k.endswith(("_asserted",))
    ]  # fmt: skip
    return ", ".join(f"{k} {v:.3f}" for k, v in shown[:most])
