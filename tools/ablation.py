"""What each coder rule is worth: the gold suite scored without it, set by set.

    python tools/ablation.py ../shared/gold                  # writes docs/ablation.md
    python tools/ablation.py ../shared/gold --jobs 2 --rules refusals,intentions

Each rule of `data/tables/coding_rules.tsv` is switched off alone (as `parley validate
--suite DIR --without RULE` does) and the suite scored again. The page gives, for every
event set, the headline with all rules on and how much it moves when each rule is off,
a verdict (`verdict`), and beside it the figures that count wrong events.
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


# Figures beside the headlines: the sentence-class sets count a sentence as hit when any
# of its events has the class, so a rule that removes events can only lower their
# headline; how many events are wrong is what these say.
CAREFUL = (
    ("conflibert", "strict"),
    ("conflibert", "pair_hit"),
    ("un_quad", "strict"),
    ("un_quad", "irrelevant_events"),
    ("petrarch_gsr.dev", "event_precision"),
)


def scores(folder: Path, off: tuple[str, ...]) -> dict[str, dict[str, float]]:
    """Every set's figures (`Suite.as_json`), coded without the rules `off`."""
    dictionaries = dictionaries_by_set(
        DictionaryPaths(), "parley", folder.parent / "dictionaries", RuleSet.without(off)
    )
    return run_suite(folder, dictionaries).as_json()


def _one(job: tuple[Path, str]) -> tuple[str, dict[str, dict[str, float]]]:
    folder, rule = job
    return rule, scores(folder, (rule,))


def event_sets(base: dict[str, dict[str, float]]) -> list[str]:
    """The sets whose headline enters the macro score (not places, times, actors)."""
    return [n for n in base if n not in ("suite", "places", "times", "actors")]


def verdict(base: dict[str, dict[str, float]], off: dict[str, dict[str, float]]) -> str:
    """What switching the rule off does to the event sets' headlines, each judged
    against the noise of its own set (one record, and never under 0.002: an F1 over
    thousands of records moves by less than a record's share): the rule `pays` where it
    helps at least two sets and hurts none, helps `one set` (and hurts none), is
    `mixed`, `hurts` only, or has `no effect`."""
    helps = hurts = 0
    for name in event_sets(base):
        noise = max(1 / base[name]["records"], 0.002)
        delta = off[name]["headline"] - base[name]["headline"]
        helps += delta < -noise
        hurts += delta > noise
    if helps and hurts:
        return "mixed"
    if hurts:
        return "hurts"
    return {0: "no effect", 1: "one set"}.get(helps, "pays")


def _cell(delta: float) -> str:
    return f"{delta:+.3f}" if abs(delta) >= 0.0005 else "0"


def page(folder: Path, base: dict, rows: dict[str, dict]) -> str:
    sets = event_sets(base)
    rules = {rule.name: rule for rule in coding_rules()}
    lines = [
        "# Ablation: what each coder rule is worth",
        "",
        f"Made by `python tools/ablation.py {folder}` on {dt.date.today().isoformat()}.",
        "Each rule of `data/tables/coding_rules.tsv` was switched off alone (`parley",
        "validate --suite DIR --without RULE`); a cell is the set's headline without the",
        "rule minus the headline with every rule on (negative: the rule helps that set).",
        "A change counts when it is larger than one record of its set (and 0.002). A rule",
        "*pays* when it helps at least two sets and hurts none; docs/validation.md says",
        "why the rules that do not pay by this measure are kept.",
        "",
        "| rule | stage | " + " | ".join(sets) + " | macro | verdict |",
        "|---|---|" + "---|" * (len(sets) + 2),
        "| *all rules on* | | " + " | ".join(f"{base[s]['headline']:.3f}" for s in sets)
        + f" | {base['suite']['macro_event']:.3f} | |",
    ]  # fmt: skip
    for name, off in rows.items():
        cells = " | ".join(_cell(off[s]["headline"] - base[s]["headline"]) for s in sets)
        macro = off["suite"]["macro_event"] - base["suite"]["macro_event"]
        lines.append(
            f"| `{name}` | {rules[name].stage} | {cells} | {_cell(macro)} | {verdict(base, off)} |"
        )
    careful = [(s, m) for s, m in CAREFUL if s in base]
    lines += [
        "",
        "Beside the headlines, how many coded events are wrong (without the rule minus with",
        "it; for `irrelevant_events` a rise is worse, for the others a fall):",
        "",
        "| rule | " + " | ".join(f"{s} {m}" for s, m in careful) + " |",
        "|---|" + "---|" * len(careful),
        "| *all rules on* | " + " | ".join(f"{base[s][m]:.3f}" for s, m in careful) + " |",
    ]
    for name, off in rows.items():
        cells = " | ".join(_cell(off[s][m] - base[s][m]) for s, m in careful)
        lines.append(f"| `{name}` | {cells} |")
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
    base = scores(args.gold, ())
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = dict(pool.map(_one, [(args.gold, name) for name in names]))
    with atomic_text(args.out) as out:
        out.write(page(args.gold, base, rows))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
