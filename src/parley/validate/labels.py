"""Sentences with yes/no labels mapped to CAMEO (India police events) as a suite set.

The labels answer questions about a sentence ("did police arrest someone?"), not event
codings, so a mapping file beside the gold file says which coded events answer yes:
`<stem>.mapping.json`, `{LABEL: {"roots": [...], "codes": [...], "source_sectors":
[...]}}` (keys starting with `_` are notes). Parley predicts a label for a sentence when
it codes a counted event whose code starts with one of its roots or codes, by a source
of one of its sectors. Each mapped label is scored as sentence-level precision, recall
and F1; the headline is their mean (`macro_f1`). Labels the mapping leaves out (an
omission, "any action at all") have no CAMEO answer and are only listed in the notes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.config import Dictionaries
from parley.document import Event
from parley.validate.gold import GoldError
from parley.validate.sentence_sets import code_sentences, rejection_notes
from parley.validate.sets import SetScore, prf


@dataclass(slots=True, frozen=True)
class LabelRule:
    """Which events answer yes for one label. An empty `source_sectors` puts no
    condition on the source."""

    label: str
    roots: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    source_sectors: tuple[str, ...] = ()

    def answers(self, event: Event) -> bool:
        """Whether `event` says yes: its code is one of the label's, and its source is of
        one of the label's sectors."""
        if not event.code.startswith(self.roots + self.codes):
            return False
        return not self.source_sectors or any(
            has_sector(event, sector) for sector in self.source_sectors
        )


def has_sector(event: Event, sector: str) -> bool:
    """Whether the source carries `sector`: as its sector (the first role of its code,
    `INDCOP` → COP) or as any later role group of the code (`INDGOVCOP`: government
    police, whose first role is GOV). Code groups are three letters from the start, so
    `---COP` (police of an unknown country) carries it too."""
    if event.source_sector == sector:
        return True
    code = event.source
    return any(code[i : i + 3] == sector for i in range(0, len(code) - 2, 3))


def mapping_paths(path: Path) -> list[Path]:
    """Where the mapping of a gold file may be: `<stem>.mapping.json` beside it, then,
    for a split's file (`india_police.heldout.jsonl`), `<stem up to the first dot>`."""
    stem = path.name.removesuffix(".jsonl")
    candidates = [path.with_name(f"{stem}.mapping.json")]
    base = stem.split(".", 1)[0]
    if base != stem:
        candidates.append(path.with_name(f"{base}.mapping.json"))
    return candidates


def _rule(found: Path, label: str, rule: Any) -> LabelRule:
    """One label's entry of the mapping file `found`, checked."""
    keys = ("roots", "codes", "source_sectors")
    lists = {k: rule.get(k, []) for k in keys} if isinstance(rule, dict) else {}
    if not lists or not all(
        isinstance(v, list) and all(isinstance(x, str) for x in v) for v in lists.values()
    ):
        raise GoldError(f"{found}: {label}: roots, codes, source_sectors must be string lists")
    if not lists["roots"] and not lists["codes"]:
        raise GoldError(f"{found}: {label}: maps to no CAMEO root or code")
    return LabelRule(
        label, tuple(lists["roots"]), tuple(lists["codes"]), tuple(lists["source_sectors"])
    )


def read_mapping(path: Path) -> list[LabelRule]:
    """The label rules of the gold file at `path`; a GoldError if there is no mapping
    file or it is not one."""
    candidates = mapping_paths(path)
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        raise GoldError(f"{path}: no label mapping ({candidates[0].name} expected beside it)")
    try:
        raw = json.loads(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GoldError(f"{found}: cannot read label mapping ({exc})") from exc
    if not isinstance(raw, dict):
        raise GoldError(f"{found}: a label mapping is a JSON object")
    rules = [_rule(found, label, rule) for label, rule in raw.items() if not label.startswith("_")]
    if not rules:
        raise GoldError(f"{found}: the label mapping maps no label")
    return rules


@dataclass(slots=True)
class MappedLabelScorer:
    """Records `{id, doc_id, date, text, labels: [...]}`, scored through a label
    mapping file beside the gold file (see `read_mapping`)."""

    kind: str = "labels"

    def matches(self, record: dict[str, Any]) -> bool:
        return isinstance(record.get("labels"), list)

    def score(
        self, name: str, path: Path, records: list[dict[str, Any]], dictionaries: Dictionaries
    ) -> SetScore:
        rules = read_mapping(path)
        scored = [r for r in records if self.matches(r) and isinstance(r.get("text"), str)]
        notes = []
        if len(scored) < len(records):
            notes.append(f"{len(records) - len(scored)} records without text or labels")
        mapped = {rule.label for rule in rules}
        unmapped = Counter(
            label for r in scored for label in set(map(str, r["labels"])) if label not in mapped
        )
        if unmapped:
            listed = ", ".join(f"{label} ({n} sentences)" for label, n in sorted(unmapped.items()))
            notes.append(f"labels not mapped to CAMEO, not scored: {listed}")
        coded = code_sentences(scored, dictionaries)
        notes.extend(rejection_notes(coded))

        f1s: dict[str, float] = {}
        rates: dict[str, float] = {}
        misses: list[dict[str, Any]] = []
        for rule in rules:
            tp = fp = fn = 0
            for c in coded:
                gold = rule.label in c.record["labels"]
                said = any(rule.answers(e) for e in c.events)
                tp += gold and said
                fp += said and not gold
                fn += gold and not said
                if gold != said:
                    misses.append(
                        {"id": c.record.get("id"), "label": rule.label,
                         "kind": "extra" if said else "missed", "text": c.record["text"],
                         "events": c.triples()}
                    )  # fmt: skip
            figures = prf(tp, fp, fn)
            f1s[f"{rule.label}_f1"] = figures["f1"]
            rates[f"{rule.label}_precision"] = figures["precision"]
            rates[f"{rule.label}_recall"] = figures["recall"]
        # F1 of each label right after the headline: the figures a scoreboard shows first.
        metrics = {"macro_f1": sum(f1s.values()) / len(f1s), **f1s, **rates}
        return SetScore(name, self.kind, len(coded), "macro_f1", metrics, True, misses, notes)
