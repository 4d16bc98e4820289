"""Event writers: a readable table for people, JSON Lines / CSV / TSV for programs."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Protocol

from rich.console import Console
from rich.table import Table

from parley.document import Document, Event
from parley.store.records import EVENT_FIELDS, event_record, plain

FORMATS = ("table", "jsonl", "csv", "tsv")


class EventWriter(Protocol):
    def write(self, doc: Document) -> None: ...


def counted(doc: Document, negated: bool) -> list[Event]:
    """The events to show: negated ones (`did not attack`) are stored, but they are no
    events unless asked for; repeats (an event a copy of the same story reported first)
    are stored as provenance and shown once, with their first sighting."""
    return [e for e in doc.events if (negated or not e.negated) and e.repeat_of is None]


def format_for(fmt: str | None, output: str | None, table: bool, files: tuple[str, ...]) -> str:
    """The output format: as asked; else from the output file's suffix among `files`
    (JSON Lines for another); else a table when `table` (a terminal), JSON Lines if not."""
    if fmt:
        return fmt
    if output:
        suffix = Path(output).suffix.lower().lstrip(".")
        return suffix if suffix in files else "jsonl"
    return "table" if table else "jsonl"


class JsonlWriter:
    """One JSON object per event, fields in `EVENT_FIELDS` order."""

    def __init__(self, stream: IO[str], negated: bool = False) -> None:
        self.stream = stream
        self.negated = negated

    def write(self, doc: Document) -> None:
        for event in counted(doc, self.negated):
            record = {k: plain(v) for k, v in event_record(event, doc).items()}
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")


class DelimitedWriter:
    """CSV or TSV with a header row; list fields are joined with ` | `."""

    def __init__(self, stream: IO[str], delimiter: str, negated: bool = False) -> None:
        self.writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        self.writer.writerow(EVENT_FIELDS)
        self.negated = negated

    def write(self, doc: Document) -> None:
        for event in counted(doc, self.negated):
            record = event_record(event, doc)
            self.writer.writerow(
                " | ".join(v) if isinstance(v, list) else plain(v) for v in record.values()
            )


class TableWriter:
    """A small table per document, printed as soon as the document is coded."""

    def __init__(self, console: Console, negated: bool = False) -> None:
        self.console = console
        self.negated = negated

    def write(self, doc: Document) -> None:
        events = counted(doc, self.negated)
        if not events:
            return
        title = f"{doc.id}" + (f" — {doc.title}" if doc.title else "")
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in ("sent", "source", "event", "target", "PLOVER", "date", "notes", "event id"):
            table.add_column(column, overflow="fold")
        for event in events:
            notes = event.manner()
            table.add_row(
                str(event.sentence_index),
                f"{event.source}\n[dim]{event.source_text}[/dim]",
                f"{event.code}\n[dim]{event.verb_text}[/dim]",
                f"{event.target}\n[dim]{event.target_text}[/dim]",
                event.plover_type or "",
                f"{event.date_label()}\n[dim]{event.date_text or event.date_source}[/dim]",
                notes,
                event.event_id,
            )
        self.console.print(table)


def make_writer(fmt: str, stream: IO[str], console: Console, negated: bool = False) -> EventWriter:
    if fmt == "table":
        return TableWriter(console, negated)
    if fmt == "jsonl":
        return JsonlWriter(stream, negated)
    return DelimitedWriter(stream, "," if fmt == "csv" else "\t", negated)
