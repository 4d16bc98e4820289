"""`parley places`: every toponym parley finds in a text or file, and the GeoNames place
each resolves to (what an event's place is chosen from)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.api import actor_stages
from parley.cli import inputs
from parley.cli.options import dictionary_options, load_dictionaries
from parley.document import Document
from parley.pipeline import Pipeline
from parley.resolve.places import FoundPlace, found_places


def _record(doc: Document, place: FoundPlace) -> dict[str, Any]:
    return {"document_id": doc.id, **dataclasses.asdict(place)}


def _jsonl(doc: Document, places: list[FoundPlace]) -> None:
    for place in places:
        click.echo(json.dumps(_record(doc, place), ensure_ascii=False))


def _table(doc: Document, places: list[FoundPlace], console: Console) -> None:
    table = Table(title=f"{doc.id} — {len(places)} places", title_justify="left")
    for column in ("sent", "text", "place", "kind", "country", "geonames id", "lat", "lon"):
        table.add_column(column, no_wrap=column not in ("text", "place"))
    for p in places:
        place = f"{p.name}, {p.admin1}" if p.admin1 and p.admin1 != p.name else p.name
        placed = p.latitude is not None and p.longitude is not None
        table.add_row(
            str(p.sentence_index), p.text, place, p.kind, p.country, str(p.geonames_id or ""),
            f"{p.latitude:.4f}" if placed else "", f"{p.longitude:.4f}" if placed else "",
        )  # fmt: skip
    console.print(table)


@click.command()
@click.argument("text_or_file")
@inputs.date_option("Date for actors' roles (YYYY-MM-DD), when the document gives none.")
@inputs.format_option
@dictionary_options
def places(text_or_file: str, default_date: dt.date | None, fmt: str | None, **kwargs: Any) -> None:
    """Show the places in TEXT_OR_FILE (a file of any format `parley code` reads, or the
    text itself): every toponym, wherever it stands, and every street or feature name,
    whether or not an event happened there, with the place it resolves to (GeoNames
    id, name, kind, ISO country, coordinates; a region or county has no GeoNames id, a
    street is put in the town the text names most, or nowhere). `start`/`end` (jsonl)
    index the clean text, as every parley span does.

    \b
    Examples:
      parley places "Protesters gathered in Santiago, Chile on Monday."
      parley places examples/cairo_talks.html --format jsonl
    """
    dictionaries = load_dictionaries(kwargs)
    pipeline = Pipeline(actor_stages(dictionaries, default_date))
    documents = inputs.text_or_file(text_or_file)

    def found(doc: Document) -> list[FoundPlace]:
        return found_places(doc, dictionaries.gazetteer.get())  # read once, when first needed

    inputs.show(
        pipeline,
        documents,
        fmt,
        lambda doc, console: _table(doc, found(doc), console),
        lambda doc: _jsonl(doc, found(doc)),
    )
