"""`parley times`: every time expression parley finds in a text or file, resolved against
the document's date as events are dated."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.api import time_stages
from parley.cli import inputs
from parley.config import Dictionaries
from parley.document import Document
from parley.pipeline import Pipeline
from parley.resolve.times import FoundTime, found_times


def _record(doc: Document, time: FoundTime) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "document_date": doc.date.isoformat() if doc.date else None,
        "sentence_index": time.sentence_index,
        "start": time.start,
        "end": time.end,
        "text": time.text,
        "type": time.kind,
        "date": time.date.isoformat() if time.date else None,
        "granularity": time.granularity,
        "value": time.value,
    }


def _jsonl(doc: Document) -> None:
    for time in found_times(doc):
        click.echo(json.dumps(_record(doc, time), ensure_ascii=False))


def _table(doc: Document, console: Console) -> None:
    date = f"{doc.date.isoformat()} ({doc.date_source})" if doc.date else "unknown"
    table = Table(title=f"{doc.id} — date {date}", title_justify="left")
    for column in ("sent", "text", "type", "value", "first day", "granularity"):
        table.add_column(column, no_wrap=column != "text")
    for t in found_times(doc):
        day = t.date.isoformat() if t.date else ""
        table.add_row(str(t.sentence_index), t.text, t.kind, t.value, day, t.granularity or "")
    console.print(table)


@click.command()
@click.argument("text_or_file")
@inputs.date_option("The day the text was written (YYYY-MM-DD), when the document gives none.")
@inputs.format_option
def times(text_or_file: str, default_date: dt.date | None, fmt: str | None) -> None:
    """Show the time expressions in TEXT_OR_FILE (a file of any format `parley code`
    reads, or the text itself), each with its TimeML type (DATE, TIME, DURATION, SET)
    and value resolved against the document's date (its metadata or dateline, else
    --date): `2004-11-04`, `2004-W46`, `2004-11`, `2004`, `P2Y`, `2004-Q3`,
    `PRESENT_REF`. A time that dates events also shows the first day of the period it
    names and how long that is (day, week, month, year); without a date, only those
    that name their year are shown.
    `start`/`end` (jsonl) index the clean text, as every parley span does.

    \b
    Examples:
      parley times "They met last week and will meet again in May." --date 2004-11-18
      parley times examples/cairo_talks.html --format jsonl
    """
    pipeline = Pipeline(time_stages(Dictionaries.load(), default_date))
    documents = inputs.text_or_file(text_or_file)
    inputs.show(pipeline, documents, fmt, _table, _jsonl)
