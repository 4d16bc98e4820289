"""`parley actors`: the actors parley finds in a text or file, and how each was resolved."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.api import actor_stages
from parley.cli import inputs
from parley.cli.options import dictionary_options, load_dictionaries
from parley.document import Document, Mention
from parley.pipeline import Pipeline


def _record(doc: Document, mention: Mention) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "sentence_index": mention.sentence_index,
        "start": mention.span.start,
        "end": mention.span.end,
        "text": mention.text,
        "code": mention.code,
        "country": mention.country,
        "sector": mention.sector,
        "kind": mention.kind,
        "role": mention.role,
        "entries": list(mention.entries),
    }


_SOURCE_RE = re.compile(r" \([^()]*:\d+\)")


def _jsonl(doc: Document) -> None:
    for mention in doc.mentions:
        click.echo(json.dumps(_record(doc, mention), ensure_ascii=False))


def _table(doc: Document, console: Console) -> None:
    """One row a mention; the `because` column leaves out the PETRARCH line (see jsonl)."""
    date = f"{doc.date.isoformat()} ({doc.date_source})" if doc.date else "unknown"
    table = Table(title=f"{doc.id} — date {date}", title_justify="left")
    for column in ("sent", "text", "code", "country", "sector", "kind", "role"):
        table.add_column(column, no_wrap=column != "text")
    table.add_column("because", overflow="fold", min_width=30)
    for m in doc.mentions:
        table.add_row(
            str(m.sentence_index),
            m.text,
            m.code,
            m.country or "",
            m.sector or "",
            m.kind,
            m.role,
            "\n".join(_SOURCE_RE.sub("", entry) for entry in m.entries),
        )
    console.print(table)


@click.command()
@click.argument("text_or_file")
@inputs.date_option("Date for roles in time (YYYY-MM-DD), when the document gives none.")
@inputs.format_option
@dictionary_options
def actors(text_or_file: str, default_date: dt.date | None, fmt: str | None, **kwargs: Any) -> None:
    """Show the actors in TEXT_OR_FILE (a file of any format `parley code` reads, or
    the text itself): each mention's code, ISO country, PLOVER sector, what it is
    (country, capital, person, agent, pronoun...), whether it acts or is a place, and
    the dictionary entries and rules that resolved it.

    \b
    Examples:
      parley actors "Prime Minister Koizumi met Bush in Santiago." --date 2004-11-20
      parley actors examples/cairo_talks.html --format jsonl
    """
    dictionaries = load_dictionaries(kwargs)
    pipeline = Pipeline(actor_stages(dictionaries, default_date))
    documents = inputs.text_or_file(text_or_file)
    inputs.show(pipeline, documents, fmt, _table, _jsonl)
