"""Why an event was coded: its sentence, the source / verb / target spans with the
dictionary entries that matched them, what the code means, and its date, place and
story copies. `parley explain` prints it; the web app's document view shows it. Both
build it here, from a freshly coded `Event` or from a stored one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parley.document import Event, Place
from parley.events.ontology import Ontology
from parley.events.rules import coding_rules

ROLES = ("source", "verb", "target")

_STORED = (
    "SELECT e.*, d.origin, d.text AS document_text, s.char_start AS sentence_start, "
    "s.char_end AS sentence_end FROM events e JOIN documents d USING (document_id) "
    "JOIN sentences s ON s.document_id = e.document_id "
    "AND s.sentence_index = e.sentence_index WHERE e.event_id LIKE ? || '%'"
)
# The documents of the event's story that report it: first sighting, repeats, and the
# exact copies of either (which hold no events of their own).
_COPIES = (
    "WITH found AS (SELECT document_id, repeat_of IS NULL AS first FROM events "
    "WHERE story_event_id = ?) SELECT document_id, CASE WHEN first THEN 'first' "
    "ELSE 'repeat' END FROM found UNION ALL SELECT document_id, 'exact copy of ' "
    "|| duplicate_of FROM documents WHERE duplicate_of IN "
    "(SELECT document_id FROM found) ORDER BY 2, 1"
)


@dataclass(slots=True)
class Part:
    """One of the event's three parts: its code, its words and where they are, and the
    dictionary entry (or entries) that matched them."""

    role: str
    code: str
    text: str
    start: int
    end: int
    entry: str


@dataclass(slots=True)
class Explanation:
    """Everything `explain` says about one event; offsets point into `text`."""

    header: str
    text: str  # the document (or sentence) text the spans point into
    start: int  # the sentence's span in `text`
    end: int
    parts: tuple[Part, Part, Part]
    code: str
    meaning: str
    plover: str | None
    goldstein: float | None
    quad: int | None
    negated: bool
    modality: str
    when: str
    where: str
    copies: str = ""  # the documents of its story that report it, when more than one
    rules: str = ""  # the coder rules that chose its actors and code, and what each reads

    @property
    def sentence(self) -> str:
        return self.text[self.start : self.end]


def when_note(date: object, source: str, granularity: str, text: str) -> str:
    """`2004-11-04 (day, from 'on November 4')`, or `2004-11-18 (document)`."""
    if source == "text":
        return f"{date} ({granularity}, from {text!r})"
    return f"{date} ({source})"


def rules_note(names: Sequence[str]) -> str:
    """`intentions (an act only pledged … is coded as the intention); …`: each rule
    with the construction it reads, so that a reader need not look it up."""
    constructions = {rule.name: rule.construction for rule in coding_rules()}
    return "; ".join(f"{name} ({constructions.get(name, 'no longer a rule')})" for name in names)


def where_note(place: Place | None, text: str) -> str:
    """`Santiago (city, Santiago Metropolitan, CHL; -33.45694, -70.64827; GeoNames
    3871336) from 'Santiago, Chile'`, or nothing when no place was found."""
    if place is None:
        return ""
    region = f"{place.admin1}, " if place.admin1 else ""
    known = f"GeoNames {place.geonames_id}" if place.geonames_id else "no GeoNames id"
    return (
        f"{place.name} ({place.kind}, {region}{place.country}; {place.latitude}, "
        f"{place.longitude}; {known}) from {text!r}"
    )


def _parts(
    text: str, codes: tuple[str, str, str], spans: Any, entries: tuple[str, str, str]
) -> tuple[Part, Part, Part]:
    made = [
        Part(role, code, text[a:b], a, b, entry)
        for role, code, (a, b), entry in zip(ROLES, codes, spans, entries, strict=True)
    ]
    return made[0], made[1], made[2]


def coded_explanation(event: Event, text: str, ontology: Ontology) -> Explanation:
    """The explanation of an event coded just now from `text` (no store, no copies)."""
    spans = [(s.start, s.end) for s in (event.source_span, event.verb_span, event.target_span)]
    entries = ("; ".join(event.source_entries), event.verb_entry, "; ".join(event.target_entries))
    return Explanation(
        header=f"event {event.event_id}, sentence {event.sentence_index}",
        text=text,
        start=0,
        end=len(text),
        parts=_parts(text, (event.source, event.code, event.target), spans, entries),
        code=event.code,
        meaning=ontology.facts(event.code).description,
        plover=event.plover_type,
        goldstein=event.goldstein,
        quad=event.quad_class,
        negated=event.negated,
        modality=event.modality,
        when=when_note(
            event.event_date, event.date_source, event.date_granularity, event.date_text
        ),
        where=where_note(event.location, event.location_text),
        rules=rules_note(event.rules),
    )


def _place(row: dict[str, Any]) -> Place | None:
    if row["location_name"] is None:
        return None
    return Place(
        row["geonames_id"],
        row["location_name"],
        row["location_kind"],
        row["location_country"],
        row["location_admin1"],
        row["latitude"],
        row["longitude"],
    )


def stored_explanations(connection: Any, event_id: str, ontology: Ontology) -> list[Explanation]:
    """The explanations of the stored events whose id starts with `event_id` (a
    DuckDB connection); the story's copies are named when there is exactly one."""
    result = connection.execute(_STORED, [event_id])
    names = [column[0] for column in result.description]
    rows = [dict(zip(names, row, strict=True)) for row in result.fetchall()]
    found = []
    for row in rows:
        copies = (
            connection.execute(_COPIES, [row["story_event_id"]]).fetchall()
            if len(rows) == 1
            else []
        )
        text = row["document_text"]
        spans = [(row[f"{role}_start"], row[f"{role}_end"]) for role in ROLES]
        entries = (
            "; ".join(row["source_entries"]),
            row["verb_entry"],
            "; ".join(row["target_entries"]),
        )
        found.append(
            Explanation(
                header=f"event {event_id} in {row['document_id']} ({row['origin']}), "
                f"sentence {row['sentence_index']}",
                text=text,
                start=row["sentence_start"],
                end=row["sentence_end"],
                parts=_parts(text, (row["source"], row["code"], row["target"]), spans, entries),
                code=row["code"],
                meaning=ontology.facts(row["code"]).description,
                plover=row["plover_type"],
                goldstein=row["goldstein"],
                quad=row["quad_class"],
                negated=row["negated"],
                modality=row["modality"],
                when=when_note(
                    row["event_date"], row["date_source"], row["date_granularity"], row["date_text"]
                ),
                where=where_note(_place(row), row["location_text"]),
                copies="; ".join(f"{d} ({kind})" for d, kind in copies) if len(copies) > 1 else "",
                rules=rules_note(row["rules"] or ()),
            )
        )
    return found
