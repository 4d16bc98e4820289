"""What `parley actors`, `places`, `times` and `parse` share: a text or a file as input,
a --date for documents that give none, each result shown as it comes (a table on a
terminal, JSON Lines when piped), rejections as one line each, and the exit status that
says so."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from parley.api import read_paths
from parley.dates import parse_date
from parley.document import Document, Rejection
from parley.ingest.discover import SUPPORTED
from parley.pipeline import Pipeline


def looks_like_a_file(argument: str) -> bool:
    """One word naming a file parley reads (`report.pdf`): a typo, not text to code."""
    return not any(c.isspace() for c in argument) and Path(argument).suffix.lower() in SUPPORTED


def text_or_file(argument: str) -> Iterator[Document | Rejection]:
    """Documents of an existing file or folder, else the argument itself as a text."""
    path = Path(argument)
    try:
        exists = path.exists()
    except OSError:  # a sentence longer than a file name may be
        exists = False
    if exists:
        return read_paths([path])
    if looks_like_a_file(argument):
        raise click.ClickException(f"{argument}: no such file")
    return iter([Document(id="text", origin="text", format="text", raw=argument)])


def screen() -> Console:
    """A console for tables: the terminal's width, or 200 columns when piped."""
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def show_each(
    pipeline: Pipeline, inputs: Iterator[Document | Rejection], show: Callable[[Document], None]
) -> None:
    """Run every input through `pipeline` (a wave of documents at a time, as `parley
    code` does) and `show` it; exit 1 if any was rejected."""
    failed = False
    for result in pipeline.run(inputs):
        if isinstance(result, Rejection):
            click.echo(f"parley: {result.origin}: {result.reason}", err=True)
            failed = True
        else:
            show(result)
    if failed:
        sys.exit(1)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    try:
        return parse_date(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--date") from exc


def date_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--date YYYY-MM-DD` (passed on as `default_date`, a date), with its own help."""
    return click.option("--date", "default_date", metavar="DATE", callback=_date, help=help)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "jsonl")),
    help="Output format [default: table on a terminal, else jsonl].",
)


def show(
    pipeline: Pipeline,
    inputs: Iterator[Document | Rejection],
    fmt: str | None,
    table: Callable[[Document, Console], None],
    jsonl: Callable[[Document], None],
) -> None:
    """`show_each` as a `table` on the screen or as `jsonl` lines, as `fmt` says (by
    default: a table on a terminal, else JSON Lines)."""
    if (fmt or ("table" if sys.stdout.isatty() else "jsonl")) == "table":
        console = screen()
        show_each(pipeline, inputs, lambda doc: table(doc, console))
    else:
        show_each(pipeline, inputs, jsonl)
