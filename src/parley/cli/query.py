"""`parley query`: the events of a database that a filter keeps, or counts of them per
group (dyad, month, actor...), as a table for people or CSV/TSV/JSON Lines/Parquet."""

from __future__ import annotations

import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.cli.options import db_option, event_filter, filter_options, memory_option
from parley.cli.output import format_for
from parley.errors import ParleyError
from parley.export.formats import TABLES
from parley.query.counts import GROUPS
from parley.query.database import EventDatabase

FILES = tuple(TABLES)
# What a table of events shows on a terminal (files get every column).
TABLE_COLUMNS = (
    "event_date", "source", "code", "target", "plover_type", "modality", "location_name",
    "event_id",
)  # fmt: skip
TABLE_ROWS = 50


@click.command()
@db_option
@filter_options
@click.option(
    "--by",
    metavar="KEY[,KEY...]",
    help=f"Count events per group instead of listing them. Keys: {', '.join(GROUPS)}.",
)
@click.option("--columns", metavar="COL[,COL...]", help="Event columns to show (docs/schema.md).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", *FILES]),
    help="Output format [default: from -o's suffix; table on a terminal, else jsonl].",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    help=f"At most this many rows (0: all) [default: {TABLE_ROWS} in a table, else all].",
)
@memory_option
def query(
    db: str,
    by: str | None,
    columns: str | None,
    fmt: str | None,
    output: str | None,
    limit: int | None,
    memory_limit: str,
    **kwargs: Any,
) -> None:
    """Show the events in --db that the filters keep, or with --by, how many there are
    per group, with Goldstein sums and means and quad-class counts. By default events
    said not to have happened (--negated) and the repeats of an event in copies of its
    story (--repeats) are left out, so each event counts once.

    \b
    Examples:
      parley query --country CHN --since 2024-01-01
      parley query --actor USA --code 04 --format csv -o consultations.csv
      parley query --by dyad,month --quad 3,4           # conflict per dyad per month
      parley query --by actor --limit 10                # top actors
      parley query --text ceasefire --located-in EGY --format jsonl
    """
    chosen = event_filter(kwargs)
    fmt = format_for(fmt, output, sys.stdout.isatty() and not output, FILES)
    if fmt == "table" and output:
        raise ParleyError("a table is for the terminal: use --format csv, tsv, jsonl or parquet")
    if fmt == "parquet" and not output:
        raise ParleyError("Parquet is binary: write it to a file with -o FILE")
    names = tuple(c.strip() for c in columns.split(",") if c.strip()) if columns else ()
    if fmt == "table" and not names and not by:
        names = TABLE_COLUMNS
    with EventDatabase(db, memory_limit=memory_limit) as database:
        if by:
            if names:
                raise ParleyError("--columns lists events; with --by the groups are the columns")
            relation = database.counts(by, chosen)
        else:
            relation = database.events(names, chosen)
        if fmt == "table":
            with database.reading():
                _print_table(relation, TABLE_ROWS if limit is None else limit)
            return
        if limit:
            relation = relation.limit(limit)
        database.write(relation, fmt, output or sys.stdout.buffer)


def _print_table(relation: Any, limit: int) -> None:
    """The first `limit` rows (0: all), and a line saying how to see the rest."""
    console = Console()
    rows = relation.limit(limit + 1).fetchall() if limit else relation.fetchall()
    if not rows:
        console.print("no events match", highlight=False)
        return
    table = Table(show_lines=False)
    for column in relation.columns:
        table.add_column(column, overflow="fold")
    for row in rows[: limit or None]:
        table.add_row(*("" if value is None else str(value) for value in row))
    console.print(table)
    if limit and len(rows) > limit:
        console.print(
            f"first {limit} rows; --limit 0 shows all, --format csv -o FILE writes them",
            highlight=False,
        )
