"""`parley explain`: why was this event coded? Sentence, spans, codes, dictionary entries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from parley.api import code_document
from parley.cli.options import dictionary_options, load_dictionaries
from parley.dates import parse_date
from parley.document import Document, Event, Place
from parley.events.ontology import Ontology
from parley.store.duckdb_store import DuckDBStore


@dataclass(slots=True)
class _Shown:
    """What `explain` prints about one event, from the store or freshly coded."""

    header: str
    text: str  # the document (or sentence) text the spans point into
    start: int
    end: int
    source: str
    target: str
    code: str
    spans: tuple[tuple[int, int], tuple[int, int], tuple[int, int]]
    entries: tuple[str, str, str]
    negated: bool
    modality: str
    when: str
    where: str
    plover: str | None
    goldstein: float | None
    quad: int | None
    copies: str = ""  # the documents of its story that report it too


def _from_event(event: Event, text: str) -> _Shown:
    return _Shown(
        f"event {event.event_id}, sentence {event.sentence_index}",
        text,
        0,
        len(text),
        event.source,
        event.target,
        event.code,
        (
            (event.source_span.start, event.source_span.end),
            (event.verb_span.start, event.verb_span.end),
            (event.target_span.start, event.target_span.end),
        ),
        ("; ".join(event.source_entries), event.verb_entry, "; ".join(event.target_entries)),
        event.negated,
        event.modality,
        _when(event.event_date, event.date_source, event.date_granularity, event.date_text),
        _where(event.location, event.location_text),
        event.plover_type,
        event.goldstein,
        event.quad_class,
    )


def _show(console: Console, shown: _Shown, ontology: Ontology) -> None:
    text, start = shown.text, shown.start
    sentence = Text(text[start : shown.end])
    for (a, b), style in zip(
        shown.spans, ("bold cyan", "bold yellow", "bold magenta"), strict=True
    ):
        sentence.stylize(style, a - start, b - start)
    facts = ontology.facts(shown.code)
    console.print(shown.header, highlight=False)
    console.print(sentence)
    rows = zip(
        ("source", "verb", "target"),
        (shown.source, shown.code, shown.target),
        shown.spans,
        shown.entries,
        strict=True,
    )
    for label, code, (a, b), entry in rows:
        console.print(
            f"{label:<7} {code:<12} {text[a:b]!r}  ← {entry}", highlight=False, markup=False
        )
    console.print(
        f"means   {facts.description} · PLOVER {shown.plover or '-'} · quad class "
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
    if shown.copies:
        console.print(f"copies  {shown.copies}", highlight=False, markup=False)


def _when(date: object, source: str, granularity: str, text: str) -> str:
    """`2004-11-04 (day, from 'on November 4')`, or `2004-11-18 (document)`."""
    if source == "text":
        return f"{date} ({granularity}, from {text!r})"
    return f"{date} ({source})"


def _where(place: Place | None, text: str) -> str:
    """`Santiago (city, Santiago Metropolitan, CHL; -33.45694, -70.64827; GeoNames
    3871336) from 'Santiago, Chile'`, or nothing when no place was found."""
    if place is None:
        return ""
    region = f"{place.admin1}, " if place.admin1 else ""
    return (
        f"{place.name} ({place.kind}, {region}{place.country}; {place.latitude}, "
        f"{place.longitude}; GeoNames {place.geonames_id}) from {text!r}"
    )


def _looks_like_an_id(argument: str) -> bool:
    return bool(re.fullmatch(r"[0-9a-f]{4,16}", argument))


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
    if not _looks_like_an_id(what):
        try:
            date = parse_date(day) if day else None
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from exc
        dictionaries = load_dictionaries(kwargs)
        doc = Document(id="sentence", origin="sentence", format="text", raw=what)
        doc = code_document(doc, dictionaries, date)
        for event in doc.events:
            _show(console, _from_event(event, doc.text), ontology)
            console.print()
        if not doc.events:
            found = ", ".join(f"{m.text} → {m.code}" for m in doc.mentions) or "none"
            console.print(f"no event coded; actors found: {found}", highlight=False, markup=False)
            for sentence in doc.sentences:
                for start, end in sentence.history:
                    time = sentence.surface(start, end)
                    console.print(
                        f"'{time}' (a time in the discard list) makes what it dates history",
                        highlight=False,
                        markup=False,
                    )
        return
    with DuckDBStore(db, read_only=True) as store:
        rows = store.query(
            "SELECT e.document_id, d.origin, e.sentence_index, e.source, e.target, e.code, "
            "e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, "
            "e.target_end, e.source_entries, e.verb_entry, e.target_entries, e.negated, "
            "e.modality, e.event_date, e.date_source, d.text, s.char_start, s.char_end, "
            "e.plover_type, e.goldstein, e.quad_class, e.story_event_id, e.date_granularity, "
            "e.date_text, e.geonames_id, e.location_name, e.location_kind, e.location_country, "
            "e.location_admin1, e.latitude, e.longitude, e.location_text "
            "FROM events e JOIN documents d USING (document_id) "
            "JOIN sentences s ON s.document_id = e.document_id "
            "AND s.sentence_index = e.sentence_index WHERE e.event_id LIKE ? || '%'",
            [what],
        )
        copies = (
            store.query(
                "WITH found AS (SELECT document_id, repeat_of IS NULL AS first FROM events "
                "WHERE story_event_id = ?) SELECT document_id, CASE WHEN first THEN 'first' "
                "ELSE 'repeat' END FROM found UNION ALL SELECT document_id, 'exact copy of ' "
                "|| duplicate_of FROM documents WHERE duplicate_of IN "
                "(SELECT document_id FROM found) ORDER BY 2, 1",
                [rows[0][25]],
            )
            if len(rows) == 1
            else []
        )
    if not rows:
        raise click.ClickException(f"no event with id {what} in {db}")
    if len(rows) > 1:
        raise click.ClickException(f"{what} matches {len(rows)} events; give more of the id")
    row = rows[0]
    shown = _Shown(
        f"event {what} in {row[0]} ({row[1]}), sentence {row[2]}",
        row[19],
        row[20],
        row[21],
        row[3],
        row[4],
        row[5],
        ((row[6], row[7]), (row[8], row[9]), (row[10], row[11])),
        ("; ".join(row[12]), row[13], "; ".join(row[14])),
        row[15],
        row[16],
        _when(row[17], row[18], row[26], row[27]),
        _where(Place(*row[28:35]) if row[28] is not None else None, row[35]),
        row[22],
        row[23],
        row[24],
        "; ".join(f"{document} ({kind})" for document, kind in copies) if len(copies) > 1 else "",
    )
    _show(console, shown, ontology)
