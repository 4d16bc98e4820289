"""`parley validate`: code a gold standard and score the events."""

from __future__ import annotations

import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.atomic import atomic_text
from parley.cli.options import dictionary_options, dictionary_paths, load_dictionaries
from parley.config import DictionaryPaths
from parley.events.rules import RuleSet
from parley.validate.events import set_score
from parley.validate.gold import GoldError, GoldSet, read_gold
from parley.validate.report import summary_rows, write_report, write_set_report
from parley.validate.run import validate as run_validation
from parley.validate.sets import SetScore
from parley.validate.suite import (
    SCORERS,
    Suite,
    dictionaries_by_set,
    run_suite,
    score_file,
    scorer_for,
    secondary,
    set_name,
    set_paths,
)


def _environment_paths(
    gold: GoldSet, folder: Path | None, given: DictionaryPaths
) -> DictionaryPaths:
    """Dictionaries named by a PETRARCH file's <Environment>, unless given explicitly."""
    if not gold.dictionaries:
        return given
    if folder is None:
        names = ", ".join(n for ns in gold.dictionaries.values() for n in ns)
        raise click.UsageError(
            f"{gold.name} names its dictionaries ({names}): give their folder with "
            "--dictionary-dir, or each file with --actors/--agents/--verbs/--discards"
        )

    def pick(kind: str, current: tuple[Path, ...]) -> tuple[Path, ...]:
        return current or tuple(folder / n for n in gold.dictionaries.get(kind, []))

    return DictionaryPaths(
        actors=pick("actors", given.actors),
        agents=pick("agents", given.agents),
        verbs=pick("verbs", given.verbs),
        discards=pick("discards", given.discards),
        extra_actors=given.extra_actors,
    )


@click.command()
@click.argument("gold", type=click.Path(path_type=Path), required=False)
@click.option(
    "--suite",
    "suite_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Score every gold file in DIR by the shape of its records; print one scoreboard.",
)
@click.option(
    "--scores",
    "scores_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write every figure as JSON ({set: {metric: value}}) to FILE.",
)
@click.option(
    "--dictionary-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder holding the dictionaries a PETRARCH XML file's <Environment> names, and "
    "the PETR.Validate.* files of the PETRARCH unit-test records [default: the gold "
    "folder's sibling dictionaries/].",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write report.md and report.json (every miss and extra, with traces) here; "
    "with --suite, one folder a set.",
)
@click.option(
    "--negated", is_flag=True, help="Count negated events (`did not attack`) as events too."
)
@click.option(
    "--without",
    metavar="RULE[,RULE...]",
    help="Code without these rules of the coder, to measure what each is worth "
    "(data/tables/coding_rules.tsv lists them; docs/ablation.md has their effects).",
)
@dictionary_options
def validate(
    gold: Path | None,
    suite_dir: Path | None,
    scores_file: Path | None,
    dictionary_dir: Path | None,
    report_dir: Path | None,
    negated: bool,
    without: str | None,
    **kwargs: Any,
) -> None:
    """Score parley against GOLD, or against every gold file of a --suite folder.

    GOLD's kind is told by its records: PETRARCH events ({id, date, text, expected:
    [{source, target, code}], noevents, error}, or a PETRARCH validation XML file),
    sentence classes (PentaClass with roles; QuadClass), labels mapped to CAMEO codes
    (NAME.mapping.json beside it), toponyms, time expressions, actor strings.
    docs/validation.md says what each figure means.

    \b
    Examples:
      parley validate --suite ../shared/gold --scores scores.json
      parley validate --suite ../shared/gold --without refusals,intentions
      parley validate gold.jsonl --report out/
      parley validate PETR.UnitTest.records.xml --dictionary-dir dictionaries/
      parley validate unit.jsonl --actors PETR.Validate.actors.txt \\
          --agents PETR.Validate.agents.txt --verbs PETR.Validate.verbs.txt
    """  # fmt: skip
    if (gold is None) == (suite_dir is None):
        raise click.UsageError("give a GOLD file or --suite DIR (one of them)")
    started = time.monotonic()
    console = Console() if sys.stdout.isatty() else Console(width=200)  # rows stay rows
    rules = RuleSet.without(n.strip() for n in without.split(",") if n.strip()) if without else None
    if gold is not None and _is_events(gold):
        score = _validate_events(gold, dictionary_dir, report_dir, negated, kwargs, console, rules)
        if scores_file is not None:
            _write_scores(scores_file, Suite(sets=[score]).as_json())
        return
    if negated:
        raise click.UsageError("--negated applies to PETRARCH event records only")
    folder = suite_dir if suite_dir is not None else gold.parent  # type: ignore[union-attr]
    unit_folder = dictionary_dir or folder.parent / "dictionaries"
    dictionaries = dictionaries_by_set(
        dictionary_paths(kwargs), kwargs.pop("analyser"), unit_folder, rules
    )
    err = Console(stderr=True)
    if suite_dir is not None:
        show = err.is_terminal
        with err.status("scoring", spinner="dots") if show else nullcontext() as status:

            def progress(name: str) -> None:
                if status is not None:
                    status.update(f"scoring {name}")

            suite = run_suite(suite_dir, dictionaries, progress)
    else:
        assert gold is not None
        suite = Suite(sets=[score_file(gold, dictionaries)])
    console.print(_scoreboard(suite, suite_dir or gold))
    for name, reason in suite.skipped:
        err.print(f"parley: {name} not scored: {reason}", markup=False, highlight=False)
    if gold is not None:
        console.print(_all_figures(suite.sets[0]))
    for score in suite.sets:
        for note in score.notes:
            console.print(f"{score.name}: {note}", highlight=False, markup=False)
    if report_dir is not None:
        for score in suite.sets:
            write_set_report(report_dir / score.name if suite_dir else report_dir, score)
    if scores_file is not None:
        _write_scores(scores_file, suite.as_json())
    console.print(f"{len(suite.sets)} sets scored ({time.monotonic() - started:.1f} s)")
    if suite.skipped:
        sys.exit(1)


def _is_events(gold: Path) -> bool:
    """A PETRARCH XML file, or JSON Lines whose records are event records."""
    try:
        with gold.open(encoding="utf-8") as stream:
            head = stream.read(4096).lstrip()
            stream.seek(0)
            line = stream.readline()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{gold}: cannot read gold file ({exc})") from exc
    if head.startswith("<"):
        return True
    try:
        first = json.loads(line)
    except ValueError:
        return False  # read_records says what is wrong with it
    return isinstance(first, dict) and scorer_for([first]) is SCORERS[0]


def _validate_events(
    gold: Path,
    dictionary_dir: Path | None,
    report_dir: Path | None,
    negated: bool,
    kwargs: dict[str, Any],
    console: Console,
    rules: RuleSet | None = None,
) -> SetScore:
    """PETRARCH event records: the detailed tables `parley validate` has always printed."""
    started = time.monotonic()
    gold_set = read_gold(gold)
    given = dictionary_paths(kwargs)
    paths = _environment_paths(gold_set, dictionary_dir, given)
    paths = set_paths(gold.name, paths, dictionary_dir or gold.parent.parent / "dictionaries")
    scores, outcomes = run_validation(gold_set, load_dictionaries(kwargs, paths, rules), negated)
    score = set_score(set_name(gold), scores, outcomes)
    table = Table(title=f"parley validate {gold_set.name}", title_justify="left")
    for column in ("score", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "score" else "right")
    for row in summary_rows(scores):
        table.add_row(*row)
    console.print(table)
    by_category = Table(title="by category", title_justify="left")
    for column in ("category", "records", "exact", "F1"):
        by_category.add_column(column, justify="left" if column == "category" else "right")
    for category, (n, ok, tally) in sorted(scores.categories.items()):
        by_category.add_row(category or "-", str(n), str(ok), f"{tally.f1:.3f}")
    console.print(by_category)
    note = f"{scores.records} records scored"
    if scores.skipped_errors:
        note += f", {scores.skipped_errors} marked as input errors not scored"
    if report_dir is not None:
        write_report(report_dir, gold_set.name, scores, outcomes)
        note += f"; report in {report_dir}/report.md and report.json"
    console.print(f"{note} ({time.monotonic() - started:.1f} s)", highlight=False)
    return score


def _scoreboard(suite: Suite, where: Path | None) -> Table:
    table = Table(title=f"parley validate {where}", title_justify="left")
    for column in ("set", "kind", "records", "headline", "value", "also"):
        table.add_column(column, justify="right" if column in ("records", "value") else "left")
    for score in suite.sets:
        table.add_row(
            score.name, score.kind, str(score.records), score.headline,
            f"{score.value:.3f}", secondary(score),
        )  # fmt: skip
    table.add_section()
    events = sum(s.event_set for s in suite.sets)
    table.add_row("macro", "events", f"{events} sets", "mean headline", f"{suite.macro:.3f}", "")
    return table


def _all_figures(score: SetScore) -> Table:
    table = Table(title=f"{score.name}: every figure", title_justify="left")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for metric, value in score.metrics.items():
        table.add_row(metric, f"{value:.3f}" if isinstance(value, float) else str(value))
    return table


def _write_scores(path: Path, figures: dict[str, Any]) -> None:
    with atomic_text(path) as stream:
        stream.write(json.dumps(figures, indent=1, sort_keys=True) + "\n")
