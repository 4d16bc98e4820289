"""`parley export`: the events of a database in a format other tools read (GDELT 2.0,
ICEWS, PLOVER) or as plain tables, streamed so that memory stays flat."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console

from parley.cli.options import db_option, event_filter, filter_options, memory_option
from parley.cli.progress import RowProgress
from parley.errors import ParleyError
from parley.export.formats import FORMATS
from parley.query.database import EventDatabase

_FORMATS_HELP = "; ".join(f"{name}: {summary}" for name, summary in FORMATS.items())


@click.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    required=True,
    help=f"Output format ({_FORMATS_HELP}).",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@filter_options
@memory_option
def export(db: str, fmt: str, output: str | None, memory_limit: str, **kwargs: Any) -> None:
    """Write the events in --db (all, or those the filters keep) as FORMAT. Each event is
    written once: not its repeats in copies of its story (--repeats adds them), and not
    events said not to have happened (--negated include adds them). docs/export.md maps
    every column of the GDELT and ICEWS layouts and every PLOVER field.

    \b
    Examples:
      parley export --format gdelt -o events.gdelt.tsv
      parley export --format icews --since 2024-01-01 -o icews.tsv
      parley export --format plover --country IRN > iran.plover.jsonl
      parley export --format parquet -o events.parquet
    """
    chosen = event_filter(kwargs)
    if fmt == "parquet" and not output:
        raise ParleyError("Parquet is binary: write it to a file with -o FILE")
    err = Console(stderr=True)
    with EventDatabase(db, memory_limit=memory_limit) as database:
        show = err.is_terminal and output is not None
        total = database.total(fmt, chosen) if show else 0
        with RowProgress(err, f"exporting {fmt}", total, show) as progress:
            written = database.export(fmt, output or sys.stdout.buffer, chosen, progress.advance)
    if output and err.is_terminal:
        err.print(f"{written} events → {output}", highlight=False)
