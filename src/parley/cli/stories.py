"""`parley stories`: the stories of a database, with their copies and how alike they are."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from parley.cli.options import db_option
from parley.store.duckdb_store import DuckDBStore, Story


def _record(story: Story) -> dict[str, object]:
    return {
        "story_id": story.story_id,
        "events": story.events,
        "documents": [
            {
                "document_id": c.document_id,
                "origin": c.origin,
                "format": c.format,
                "title": c.title,
                "date": c.date.isoformat() if c.date else None,
                "copy": c.kind,
                "similar_to": c.similar_to,
                "similarity": c.similarity,
                "events": c.events,
            }
            for c in story.copies
        ],
    }


@click.command()
@db_option
@click.option(
    "--all", "everything", is_flag=True, help="Also list stories that have one document only."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    help="Output format [default: table on a terminal, else jsonl].",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=0,
    help="Show at most this many stories (0: all).",
)
def stories(db: str, everything: bool, fmt: str | None, limit: int) -> None:
    """List the stories in --db: each article with its copies (exact copies, and near
    copies such as the PDF of a web page), how similar each copy is to the document it
    was matched to, and the story's events, each counted once.

    \b
    Examples:
      parley stories --db parley.duckdb
      parley stories --all --format jsonl > stories.jsonl
    """
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    console = Console()
    shown = 0
    with DuckDBStore(db, read_only=True) as store:
        for story in store.stories(everything):
            if limit and shown >= limit:
                break
            shown += 1
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(_record(story), ensure_ascii=False) + "\n")
                continue
            table = Table(
                title=f"{story.story_id} · {len(story.copies)} documents · {story.events} events",
                title_justify="left",
            )
            for column in ("document", "format", "date", "copy", "of", "similarity", "events"):
                table.add_column(column, overflow="fold")
            for c in story.copies:
                table.add_row(
                    c.document_id,
                    c.format,
                    c.date.isoformat() if c.date else "",
                    c.kind,
                    c.similar_to or "",
                    f"{c.similarity:.2f}" if c.similarity is not None else "",
                    str(c.events),
                )
            console.print(table)
    if fmt == "table" and not shown:
        what = "stories" if everything else "stories with more than one document"
        console.print(f"no {what} in {db}", highlight=False)
