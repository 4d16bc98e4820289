"""Time expressions as a suite set: does parley find the times a text names, and date
each one right?

Records `{id, dct, text, timexes: [{start, end, text, type, value}]}` (TimeML, as in
TempEval-3: `dct` is the document creation time, `type` DATE, TIME, DURATION or SET).
Each text goes through the stages `parley times` runs (clean → describe → segment),
dated by the date part of `dct`, and `found_times` lists its expressions; their spans,
which index the clean text, are mapped back onto the record's text
(`parley.validate.spans`). The figures follow TempEval-3 (UzZaman et al. 2013):

- `timex_precision`, `timex_recall`, `timex_f1` (the headline): a gold timex is found
  when a parley expression overlaps it, each paired at most once (the relaxed match);
  `timex_strict_f1` counts only pairs with the very same span;
- `value_accuracy` over the found gold DATE expressions (`matched_dates`): the share
  whose parley value is the gold `value`, string for string. parley writes a value as
  precisely as it resolved it (`parley.resolve.times.timeml_value`): a day
  `1998-10-27`, a week `1998-W44` (ISO week), a month `1998-10`, a year `1998`. Values
  parley does not write (`199X`, times of day) count as wrong.

`found_times` lists the times that date events (`on Monday`, `last week`, `three years
ago`) and those that date none (`two years`, `the third quarter`, `now`, `every July`:
`parley.resolve.periods`); recall counts all four types, dates only DATEs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.api import time_stages
from parley.config import Dictionaries
from parley.document import Rejection
from parley.pipeline import Pipeline
from parley.resolve.times import FoundTime, found_times
from parley.validate.sets import SetScore, as_documents, prf, ratio
from parley.validate.spans import OffsetMap, pair


@dataclass(slots=True)
class TimeTally:
    """Counts over a set, record by record: timexes in gold, found, paired (and paired
    on the very same span), DATE timexes paired and those given the gold value."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    exact: int = 0
    dates: int = 0
    right_value: int = 0

    def add(
        self, gold: list[dict[str, Any]], found: list[FoundTime], spans: list[tuple[int, int]]
    ) -> dict[str, list[dict[str, Any]]]:
        """Score one record (`spans`: where `found` lie in the gold text); what it got
        wrong: timexes missed, found where gold has none, DATEs given another value."""
        pairs = pair([(t["start"], t["end"]) for t in gold], spans)
        self.gold += len(gold)
        self.found += len(found)
        self.matched += len(pairs)
        wrong_value = []
        for i, j in sorted(pairs.items()):
            want, got = gold[i], found[j]
            self.exact += (want["start"], want["end"]) == spans[j]
            if want.get("type") != "DATE":
                continue
            self.dates += 1
            if got.value == want.get("value"):
                self.right_value += 1
            else:
                wrong_value.append({**_gold_json(want), "found": _found_json(got, spans[j])})
        taken = set(pairs.values())
        return {
            "missed": [_gold_json(t) for i, t in enumerate(gold) if i not in pairs],
            "extra": [_found_json(t, spans[j]) for j, t in enumerate(found) if j not in taken],
            "wrong_value": wrong_value,
        }

    def metrics(self) -> dict[str, float]:
        relaxed = prf(self.matched, self.found - self.matched, self.gold - self.matched)
        strict = prf(self.exact, self.found - self.exact, self.gold - self.exact)
        return {
            **{f"timex_{k}": v for k, v in relaxed.items()},
            "timex_strict_f1": strict["f1"],
            "value_accuracy": ratio(self.right_value, self.dates),
            "matched_dates": float(self.dates),
            "gold_timexes": float(self.gold),
            "found_timexes": float(self.found),
            "matched_timexes": float(self.matched),
        }


@dataclass(slots=True)
class TimesScorer:
    """Scores time-expression recognition and normalisation (see the module's docstring)."""

    kind: str = "times"

    def matches(self, record: dict[str, Any]) -> bool:
        return isinstance(record.get("timexes"), list) and "dct" in record

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        """All records through one pipeline, each dated by its `dct` and scored against
        its timexes."""
        pipeline = Pipeline(time_stages(dictionaries))
        tally = TimeTally()
        misses: list[dict[str, Any]] = []
        notes: list[str] = []
        outcomes = pipeline.run(as_documents(records, name, "dct"))
        for record, result in zip(records, outcomes, strict=True):
            if isinstance(result, Rejection):  # counted: every gold timex missed
                notes.append(f"{record.get('id')}: not resolved ({result.reason})")
                wrong = tally.add(record["timexes"], [], [])
            else:
                if result.date is None:
                    notes.append(f"{record.get('id')}: no valid dct, only dated years resolved")
                found = found_times(result)
                mapping = OffsetMap(result.text, record["text"])
                spans = [mapping.span(t.start, t.end) for t in found]
                wrong = tally.add(record["timexes"], found, spans)
            if any(wrong.values()):
                misses.append({"id": record.get("id"), "dct": record.get("dct"), **wrong})
        return SetScore(name, self.kind, len(records), "timex_f1", tally.metrics(),
                        event_set=False, misses=misses, notes=notes)  # fmt: skip


def _gold_json(timex: dict[str, Any]) -> dict[str, Any]:
    return {"text": timex.get("text"), "start": timex["start"], "end": timex["end"],
            "type": timex.get("type"), "value": timex.get("value")}  # fmt: skip


def _found_json(time: FoundTime, span: tuple[int, int]) -> dict[str, Any]:
    """A parley expression at its gold-text offsets, and its value."""
    return {"text": time.text, "start": span[0], "end": span[1], "value": time.value}
