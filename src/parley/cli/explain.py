"""`parley explain`: why was this event coded? Sentence, spans, codes, dictionary entries."""

from __future__ import annotations

import re
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from parley.api import code_document
from parley.cli.options import dictionary_options, load_dictionaries
from parley.dates import parse_date
from parley.document import Document
from parley.events.ontology import Ontology
from parley.query.explanation import Explanation, coded_explanation, stored_explanations
from parley.store.duckdb_store import DuckDBStore


def _show(console: Console, shown: Explanation) -> None:
    sentence = Text(shown.sentence)
    for part, style in zip(shown.parts, ("bold cyan", "bold yellow", "bold magenta"), strict=True):
        sentence.stylize(style, part.start - shown.start, part.end - shown.start)
    console.print(shown.header, highlight=False)
    console.print(sentence)
    for part in shown.parts:
        console.print(
            f"{part.role:<7} {part.code:<12} {part.text!r}  ← {part.entry}",
            highlight=False,
            markup=False,
        )
    console.print(
        f"means   {shown.meaning} · PLOVER {shown.plover or '-'} · quad class "
        f"{shown.quad} · Goldstein {shown.goldstein}",
        highlight=False,
        markup=False,
    )
    console.print(
        f"notes   negated={shown.negated} modality={shown.modality} date={shown.when}",
        highlight=False,
        markup=False,
    )
    if shown.where:
        console.print(f"where   {shown.where}", highlight=False, markup=False)
    if shown.rules:
        console.print(f"rules   {shown.rules}", highlight=False, markup=False)
    if shown.copies:
        console.print(f"copies  {shown.copies}", highlight=False, markup=False)


def _looks_like_an_id(argument: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{4,16}", argument))


def _meant_as_an_id(argument: str) -> bool:
    """One word with a digit in it (`3f9c0a1b2d4e5f6g`, `EVT-12`) is a mistyped event id,
    not a sentence: no sentence of one word codes an event, so coding it would only hide
    the typing error behind an empty answer."""
    word = argument.strip()
    return bool(word) and not any(c.isspace() for c in word) and any(c.isdigit() for c in word)


@click.command()
@click.argument("what", metavar="EVENT_ID|SENTENCE")
@click.option(
    "--db",
    default="parley.duckdb",
    show_default=True,
    metavar="FILE",
    help="Database written by `parley code` (for an EVENT_ID).",
)
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    help="Date of a SENTENCE (resolves who held which office).",
)
@dictionary_options
def explain(what: str, db: str, day: str | None, **kwargs: Any) -> None:
    """Show why an event was coded: its sentence with the source, verb and target
    marked, the codes and what they mean, and the dictionary lines that matched.
    Given a SENTENCE instead of a stored EVENT_ID, code it now and explain every
    event (negated ones too), or say which actors were found when there is none.

    \b
    Examples:
      parley explain 3f9c0a1b2d4e5f60 --db parley.duckdb
      parley explain "Blair visited Washington on Thursday." --date 2004-11-18
    """
    console = Console()
    ontology = Ontology.load()
    if _meant_as_an_id(what) and not _looks_like_an_id(what.strip().lower()):
        raise click.ClickException(
            f"{what!r} is no event id (ids are hexadecimal, 4 to 16 of their digits, as "
            "`parley query` prints them); to code a sentence, give the whole sentence"
        )
    if _looks_like_an_id(what.strip().lower()):
        what = what.strip().lower()
    if not _looks_like_an_id(what):
        try:
            date = parse_date(day) if day else None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from exc
        dictionaries = load_dictionaries(kwargs)
        doc = Document(id="sentence", origin="sentence", format="text", raw=what)
        doc = code_document(doc, dictionaries, date)
        for event in doc.events:
            _show(console, coded_explanation(event, doc.text, ontology))
            console.print()
        if not doc.events:
            found = ", ".join(f"{m.text} → {m.code}" for m in doc.mentions) or "none"
            console.print(f"no event coded; actors found: {found}", highlight=False, markup=False)
        return
    with DuckDBStore(db, read_only=True) as store:
        found = stored_explanations(store.connection, what, ontology)
    if not found:
        raise click.ClickException(f"no event with id {what} in {db}")
    if len(found) > 1:
        raise click.ClickException(f"{what} matches {len(found)} events; give more of the id")
    _show(console, found[0])
