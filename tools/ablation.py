"""What each coder rule is worth: the gold suite scored without it, set by set.

    python tools/ablation.py ../shared/gold                  # writes docs/ablation.md
    python tools/ablation.py ../shared/gold --jobs 2 --rules refusals,intentions

Each rule of `data/tables/coding_rules.tsv` is switched off alone (as `parley validate
--suite DIR --without RULE` does) and the suite scored again. The table gives, for every
event set, the headline with all rules on and, for each rule, how much it moves when the
rule is off: a rule pays where switching it off lowers some set and raises none beyond
noise (one record of the smallest set). The page says which rules do not pay.
"""

from __future__ import annotations

import argparse
import datetime as dt
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from parley.atomic import atomic_text
from parley.config import DictionaryPaths
from parley.events.rules import RuleSet, coding_rules
from parley.validate.suite import dictionaries_by_set, run_suite

DOCS = Path(__file__).resolve().parents[1] / "docs" / "ablation.md"


def headlines(folder: Path, off: tuple[str, ...]) -> tuple[dict[str, float], dict[str, int]]:
    """Every event set's headline, and its record count, coded without the rules `off`."""
    dictionaries = dictionaries_by_set(
        DictionaryPaths(), "parley", folder.parent / "dictionaries", RuleSet.without(off)
    )
    suite = run_suite(folder, dictionaries)
    scores = {s.name: s.value for s in suite.sets if s.event_set}
    scores["macro"] = suite.macro
    return scores, {s.name: s.records for s in suite.sets if s.event_set}


def _one(job: tuple[Path, str]) -> tuple[str, dict[str, float]]:
    folder, rule = job
    return rule, headlines(folder, (rule,) if rule else ())[0]


def verdict(deltas: dict[str, float], noise: float) -> str:
    """`pays` when switching the rule off costs some set more than `noise` and gains no
    set more than that; `hurts` when it only gains; else `mixed` or `no effect`."""
    lost = any(d < -noise for d in deltas.values())
    gained = any(d > noise for d in deltas.values())
    if lost and not gained:
        return "pays"
    if gained and not lost:
        return "hurts"
    return "mixed" if lost else "no effect"


def page(folder: Path, base: dict[str, float], rows: dict[str, dict[str, float]], noise: float):
    sets = [name for name in base if name != "macro"]
    rules = {rule.name: rule for rule in coding_rules()}
    lines = [
        "# Ablation: what each coder rule is worth",
        "",
        f"Made by `python tools/ablation.py {folder}` on {dt.date.today().isoformat()}. Each",
        "rule of `data/tables/coding_rules.tsv` was switched off alone (`parley validate",
        "--suite DIR --without RULE`); a cell is the set's headline without the rule minus",
        "the headline with every rule on (negative: the rule helps that set). Noise is one",
        f"record of the smallest event set ({noise:.3f}). A rule *pays* when switching it",
        "off costs some set more than that and gains none more than that.",
        "",
        "| rule | stage | " + " | ".join(sets) + " | macro | verdict |",
        "|---|---|" + "---|" * (len(sets) + 2),
        "| *all rules on* | | " + " | ".join(f"{base[s]:.3f}" for s in sets)
        + f" | {base['macro']:.3f} | |",
    ]  # fmt: skip
    for name, scores in rows.items():
        deltas = {s: scores[s] - base[s] for s in sets}
        cells = " | ".join(f"{d:+.3f}" if abs(d) >= 0.0005 else "0" for d in deltas.values())
        macro = scores["macro"] - base["macro"]
        lines.append(
            f"| `{name}` | {rules[name].stage} | {cells} | {macro:+.3f} | "
            f"{verdict(deltas, noise)} |"
        )
    lines += ["", "What each rule reads:", ""]
    lines += [f"- `{r.name}` ({r.stage}): {r.construction}" for r in rules.values()]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the gold suite folder (../shared/gold)")
    parser.add_argument("--rules", help="only these rules (comma-separated)")
    parser.add_argument("--jobs", type=int, default=1, help="processes scoring at once")
    parser.add_argument("--out", type=Path, default=DOCS)
    args = parser.parse_args()
    names = args.rules.split(",") if args.rules else [r.name for r in coding_rules()]
    RuleSet.without(names)  # an unknown name is an error before any work
    base, counts = headlines(args.gold, ())
    noise = 1 / min(counts.values())
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = dict(pool.map(_one, [(args.gold, name) for name in names]))
    with atomic_text(args.out) as out:
        out.write(page(args.gold, base, rows, noise))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
