"""The validation report: a summary for the terminal, and Markdown + JSON listing every
miss and every extra event with its sentence and the trace that explains it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from parley.atomic import atomic_text
from parley.document import Event
from parley.validate.run import Outcome
from parley.validate.score import Scores
from parley.validate.sets import SetScore


def trace(event: Event) -> str:
    """One line: which words and which dictionary lines made this event."""
    manner = event.manner()
    return (
        f"{event.source} {event.code} {event.target}"
        f"{f' ({manner})' if manner else ''}: "
        f"source '{event.source_text}' ← {'; '.join(event.source_entries)} | "
        f"verb '{event.verb_text}' ← {event.verb_entry} | "
        f"target '{event.target_text}' ← {'; '.join(event.target_entries)}"
    )


def summary_rows(scores: Scores) -> list[tuple[str, str, str, str]]:
    """(score, precision, recall, F1) rows; the exact-records row fills the last cell."""
    rows = [("records exactly right", "", "",
             f"{scores.exact_share:.3f} ({scores.exact}/{scores.records})")]  # fmt: skip
    for name, tally in scores.levels.items():
        rows.append(
            (f"{name} level", f"{tally.precision:.3f}", f"{tally.recall:.3f}", f"{tally.f1:.3f}")
        )
    return rows


def outcome_json(outcome: Outcome) -> dict[str, Any]:
    want, got = set(outcome.record.expected), outcome.produced
    return {
        "id": outcome.record.id,
        "category": outcome.record.category,
        "text": outcome.record.text,
        "expected": sorted(want),
        "produced": sorted(got),
        "missing": sorted(want - got),
        "extra": sorted(got - want),
        "traces": [trace(e) for e in outcome.events],
        "actors_found": [f"{m.text} → {m.code}" for m in outcome.mentions],
        "rejected": outcome.rejected,
        "input_error": outcome.record.error,
    }


def write_report(folder: Path, gold_name: str, scores: Scores, outcomes: list[Outcome]) -> None:
    """`report.json` (everything) and `report.md` (summary, then each record that missed)."""
    folder.mkdir(parents=True, exist_ok=True)
    wrong = [o for o in outcomes if o.produced != set(o.record.expected) and not o.record.error]
    payload = {
        "gold": gold_name,
        "summary": scores.summary(),
        "levels": {k: v.as_dict() for k, v in scores.levels.items()},
        "categories": {
            c: {"records": n, "exact": ok, **t.as_dict()}
            for c, (n, ok, t) in sorted(scores.categories.items())
        },
        "confusion": [[e, g, n] for (e, g), n in scores.confusion.most_common()],
        "skipped_input_errors": scores.skipped_errors,
        "records": [outcome_json(o) for o in outcomes],
    }
    with atomic_text(folder / "report.json") as stream:  # each file whole or the old one
        stream.write(json.dumps(payload, indent=1, ensure_ascii=False))
    lines = [f"# parley validate: {gold_name}", "", "| score | precision | recall | F1 |"]
    lines.append("|---|---:|---:|---:|")
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in summary_rows(scores)]
    lines += [
        "",
        "## By category",
        "",
        "| category | records | exact | F1 |",
        "|---|---:|---:|---:|",
    ]
    for category, (n, ok, tally) in sorted(scores.categories.items()):
        lines.append(f"| {category} | {n} | {ok} | {tally.f1:.3f} |")
    lines += ["", "## Root codes (expected → produced)", ""]
    lines += [f"- {e} → {g}: {n}" for (e, g), n in scores.confusion.most_common()]
    lines += ["", f"## Records not exactly right ({len(wrong)})", ""]
    for outcome in wrong:
        record = outcome_json(outcome)
        lines += [f"### {record['id']} ({record['category']})", "", f"> {record['text']}", ""]
        lines += [f"- missing: {' '.join(t)}" for t in record["missing"]]
        lines += [f"- extra: {' '.join(t)}" for t in record["extra"]]
        lines += [f"- trace: {t}" for t in record["traces"]]
        lines += [f"- actors found: {', '.join(record['actors_found']) or 'none'}"]
        if record["rejected"]:
            lines.append(f"- not coded: {record['rejected']}")
        lines.append("")
    with atomic_text(folder / "report.md") as stream:
        stream.write("\n".join(lines))


def write_set_report(folder: Path, score: SetScore) -> None:
    """`report.json` (every figure, note and miss) and `report.md` (the figures, then
    each record that was wrong) for a set of any kind."""
    folder.mkdir(parents=True, exist_ok=True)
    payload = {
        "set": score.name, "kind": score.kind, "records": score.records,
        "headline": score.headline, "metrics": score.metrics, "notes": score.notes,
        "misses": score.misses,
    }  # fmt: skip
    with atomic_text(folder / "report.json") as stream:
        stream.write(json.dumps(payload, indent=1, ensure_ascii=False, default=str))
    lines = [f"# parley validate: {score.name} ({score.kind})", "", "| metric | value |"]
    lines.append("|---|---:|")
    lines += [
        f"| {k} | {v:.3f} |" if isinstance(v, float) else f"| {k} | {v} |"
        for k, v in score.metrics.items()
    ]
    lines += ["", *(f"- {note}" for note in score.notes), "", f"## Wrong ({len(score.misses)})", ""]
    for miss in score.misses:
        lines.append(f"### {miss.get('id', '?')}")
        lines += [f"- {k}: {v}" for k, v in miss.items() if k != "id"]
        lines.append("")
    with atomic_text(folder / "report.md") as stream:
        stream.write("\n".join(lines))
