"""Actor strings as a suite set: is a phrase (`American soldiers`, `the Kazakh foreign
minister`) resolved to the right sector and country?

Records `{id, method, text, expected_code, expected_country, expected_none, date}` (the
shape of NGEC's actor-resolution tests). Only resolver methods that take an actor string
and return its code are scored (`agent_to_code`, `short_text_to_agent`); the others test
another tool's internals (a Wikipedia lookup, nationality stripping). A phrase resolves to
its longest actor mention, as `parley actors` finds it. A field counts only where the
record asserts it: `expected_code` null asserts nothing, "" asserts no sector; the same
for `expected_country`; `expected_none` asserts that nothing is found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.api import actor_stages
from parley.config import Dictionaries
from parley.document import Document, Mention
from parley.pipeline import Pipeline
from parley.validate.sets import SetScore, ratio, record_date

SCORED_METHODS = frozenset({"agent_to_code", "short_text_to_agent"})


def longest(mentions: list[Mention]) -> Mention | None:
    """The mention that covers most of the phrase (the first of equals)."""
    actors = [m for m in mentions if m.role == "actor"] or mentions
    return max(actors, key=lambda m: m.span.end - m.span.start, default=None)


@dataclass(slots=True)
class ActorsScorer:
    kind: str = "actors"

    def matches(self, record: dict[str, Any]) -> bool:
        return "method" in record and ("expected_code" in record or "expected_none" in record)

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        scored = [r for r in records if r.get("method") in SCORED_METHODS]
        tallies = {"sector": [0, 0], "country": [0, 0], "none": [0, 0]}  # right, asserted
        misses = []
        for record in scored:
            found = self._resolve(record, dictionaries)
            got = {
                "sector": (found.sector or "") if found else "",
                "country": (found.country or "") if found else "",
                "none": found is None,
            }
            want = {
                "sector": record.get("expected_code"),
                "country": record.get("expected_country"),
                "none": True if record.get("expected_none") else None,
            }
            wrong = []
            for field, expected in want.items():
                if expected is None:
                    continue
                tallies[field][1] += 1
                if got[field] == expected:
                    tallies[field][0] += 1
                else:
                    wrong.append(field)
            if wrong:
                misses.append({
                    "id": record["id"], "text": record["text"], "wrong": wrong,
                    "expected": {f: w for f, w in want.items() if w is not None},
                    "found": {"code": found.code, "text": found.text, **got} if found else None,
                })  # fmt: skip
        right = sum(t[0] for t in tallies.values())
        asserted = sum(t[1] for t in tallies.values())
        metrics = {"accuracy": ratio(right, asserted)}
        for field, (ok, n) in tallies.items():
            metrics[f"{field}_accuracy"] = ratio(ok, n)
            metrics[f"{field}_asserted"] = n
        notes = [f"{len(records) - len(scored)} records of other methods not scored"]
        return SetScore(
            name, self.kind, len(scored), "accuracy", metrics, event_set=False,
            misses=misses, notes=notes,
        )  # fmt: skip

    @staticmethod
    def _resolve(record: dict[str, Any], dictionaries: Dictionaries) -> Mention | None:
        doc = Document(id=record["id"], origin=record["id"], format="text", raw=record["text"])
        result = Pipeline(actor_stages(dictionaries, record_date(record))).process(doc)
        return longest(result.mentions) if isinstance(result, Document) else None
