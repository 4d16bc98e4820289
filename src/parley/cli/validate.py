"""`parley validate`: code a gold standard and score the events."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.cli.options import dictionary_options, dictionary_paths, load_dictionaries
from parley.config import DictionaryPaths
from parley.validate.gold import GoldSet, read_gold
from parley.validate.report import summary_rows, write_report
from parley.validate.run import validate as run_validation


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
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--dictionary-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder holding the dictionaries a PETRARCH XML file's <Environment> names.",
)
@click.option(
    "--report",
    "report_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write report.md and report.json (every miss and extra, with traces) here.",
)
@click.option(
    "--negated", is_flag=True, help="Count negated events (`did not attack`) as events too."
)
@dictionary_options
def validate(
    gold: Path,
    dictionary_dir: Path | None,
    report_dir: Path | None,
    negated: bool,
    **kwargs: Any,
) -> None:
    """Score parley against GOLD: JSON Lines records ({id, date, text, expected:
    [{source, target, code}], noevents, error}) or a PETRARCH validation XML file.

    Prints records exactly right and precision/recall/F1 on (source, target, code)
    at event, root-code and country level, and F1 by category.

    \b
    Examples:
      parley validate gold.jsonl --report out/
      parley validate PETR.UnitTest.records.xml --dictionary-dir dictionaries/
      parley validate unit.jsonl --actors PETR.Validate.actors.txt \\
          --agents PETR.Validate.agents.txt --verbs PETR.Validate.verbs.txt
    """  # fmt: skip
    started = time.monotonic()
    gold_set = read_gold(gold)
    paths = _environment_paths(gold_set, dictionary_dir, dictionary_paths(kwargs))
    scores, outcomes = run_validation(gold_set, load_dictionaries(kwargs, paths), negated)
    console = Console()
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
