"""`parley explain`: why was this event coded? Sentence, spans, codes, dictionary entries."""

from __future__ import annotations

import click
from rich.console import Console
from rich.text import Text

from parley.events.ontology import Ontology
from parley.store.duckdb_store import DuckDBStore


@click.command()
@click.argument("event_id")
@click.option(
    "--db",
    default="parley.duckdb",
    show_default=True,
    metavar="FILE",
    help="Database written by `parley code`.",
)
def explain(event_id: str, db: str) -> None:
    """Show why EVENT_ID was coded: its sentence with the source, verb and target
    marked, the codes and what they mean, and the dictionary lines that matched.

    \b
    Example:
      parley explain 3f9c0a1b2d4e5f60 --db parley.duckdb
    """
    with DuckDBStore(db, read_only=True) as store:
        rows = store.query(
            "SELECT e.document_id, d.origin, e.sentence_index, e.source, e.target, e.code, "
            "e.source_start, e.source_end, e.verb_start, e.verb_end, e.target_start, "
            "e.target_end, e.source_entries, e.verb_entry, e.target_entries, e.negated, "
            "e.modality, e.event_date, e.date_source, d.text, s.char_start, s.char_end, "
            "e.plover_type, e.goldstein, e.quad_class "
            "FROM events e JOIN documents d USING (document_id) "
            "JOIN sentences s ON s.document_id = e.document_id "
            "AND s.sentence_index = e.sentence_index WHERE e.event_id LIKE ? || '%'",
            [event_id],
        )
    if not rows:
        raise click.ClickException(f"no event with id {event_id} in {db}")
    if len(rows) > 1:
        raise click.ClickException(f"{event_id} matches {len(rows)} events; give more of the id")
    (
        doc_id,
        origin,
        index,
        source,
        target,
        code,
        ss,
        se,
        vs,
        ve,
        ts,
        te,
        s_entries,
        v_entry,
        t_entries,
        negated,
        modality,
        date,
        date_source,
        text,
        start,
        end,
        plover,
        goldstein,
        quad,
    ) = rows[0]
    console = Console()
    sentence = Text(text[start:end])
    for (a, b), style in (
        ((ss, se), "bold cyan"),
        ((vs, ve), "bold yellow"),
        ((ts, te), "bold magenta"),
    ):
        sentence.stylize(style, a - start, b - start)
    facts = Ontology.load().facts(code)
    console.print(f"event {event_id} in {doc_id} ({origin}), sentence {index}", highlight=False)
    console.print(sentence)
    console.print(
        f"source  {source:<12} {text[ss:se]!r}  ← {'; '.join(s_entries)}",
        highlight=False,
        markup=False,
    )
    console.print(f"verb    {code:<12} {text[vs:ve]!r}  ← {v_entry}", highlight=False, markup=False)
    console.print(
        f"target  {target:<12} {text[ts:te]!r}  ← {'; '.join(t_entries)}",
        highlight=False,
        markup=False,
    )
    console.print(
        f"means   {facts.description} · PLOVER {plover or '-'} · quad class {quad} · "
        f"Goldstein {goldstein}",
        highlight=False,
        markup=False,
    )
    console.print(
        f"notes   negated={negated} modality={modality} date={date} ({date_source})",
        highlight=False,
        markup=False,
    )
