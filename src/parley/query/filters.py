"""Which events a query or an export keeps: one filter, turned into SQL with parameters.

Actor codes match as prefixes (`USA` keeps `USA`, `USAGOV`, `USAMIL`), as do event codes
(`04` is the root, every consultation; `0431` one code and its children): that is how
users of CAMEO data ask. Countries are ISO-3166 alpha-3, as stored. Several values of one
filter are alternatives; different filters must all hold.

By default a query sees what happened, counted once: negated events and the repeats of
an event in copies of its story are left out unless asked for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from parley.dates import parse_date
from parley.errors import ParleyError
from parley.events.ontology import Ontology

MODALITIES = ("asserted", "future", "hypothetical", "prescribed", "forecast", "reported")
NEGATED = ("exclude", "only", "include")
PRECISIONS = ("day", "week", "month", "year")
DATE_FIELDS = ("event", "document")


_ACTOR = re.compile(r"^[A-Z0-9-]{1,30}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[0-9]{2,4}[A-Z]?$")
_WHOLE = ("story", "document", "text")
_CODES = (
    "actor", "source", "target", "country", "source_country", "target_country",
    "located_in", "code", "plover",
)  # fmt: skip


def _values(value: str | Iterable[Any] | None) -> tuple[str, ...]:
    """A filter's values from a string (`"USA,CHN"`), an iterable or None."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return tuple(item.strip() for item in items if item.strip())


@dataclass(slots=True, frozen=True)
class EventFilter:
    """The conditions on events; build one with `EventFilter.of(...)`, which checks them."""

    actor: tuple[str, ...] = ()  # either side
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    country: tuple[str, ...] = ()  # either side
    source_country: tuple[str, ...] = ()
    target_country: tuple[str, ...] = ()
    code: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    quad_class: tuple[int, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    date_of: str = "event"
    precision: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    negated: str = "exclude"
    repeats: bool = False
    story: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    text: tuple[str, ...] = ()  # every phrase must occur in the sentence
    located_in: tuple[str, ...] = ()

    @classmethod
    def of(cls, **given: Any) -> EventFilter:
        """A filter from keyword values as users write them: strings with commas or lists,
        dates as `2024-03-01` or date objects. Unknown names and bad values raise a
        ParleyError naming them."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(given) - names)
        if unknown:
            raise ParleyError(
                f"unknown filter {', '.join(unknown)} (known: {', '.join(sorted(names))})"
            )
        values: dict[str, Any] = {}
        for name, value in given.items():
            if value is None:
                continue
            if name in ("since", "until"):
                values[name] = _date(name, value)
            elif name in ("date_of", "negated"):
                values[name] = str(value)
            elif name == "repeats":
                values[name] = bool(value)
            elif name == "quad_class":
                values[name] = tuple(_quad(v) for v in _values(value))
            elif name in _WHOLE:  # ids and phrases may hold commas
                values[name] = (value,) if isinstance(value, str) else _values(value)
            elif name in _CODES:
                values[name] = tuple(v.upper() for v in _values(value))
            else:
                values[name] = _values(value)
        made = cls(**values)
        made.check()
        return made

    def check(self) -> None:
        """Raise a ParleyError naming the first value no stored event could have."""
        for name in ("actor", "source", "target"):
            _each(name, getattr(self, name), _ACTOR, "an actor code like USAGOV")
        for name in ("country", "source_country", "target_country", "located_in"):
            _each(name, getattr(self, name), _COUNTRY, "an ISO alpha-3 code like CHN")
        _each("code", self.code, _CODE, "a CAMEO code or prefix like 04 or 0431")
        if self.plover:
            types = {plover_type for plover_type, _mode in Ontology.load().plover.values()}
            _choose("plover", self.plover, tuple(sorted(types)))
        _choose("modality", self.modality, MODALITIES)
        _choose("precision", self.precision, PRECISIONS)
        _choose("date_of", (self.date_of,), DATE_FIELDS)
        _choose("negated", (self.negated,), NEGATED)
        if self.since and self.until and self.since > self.until:
            raise ParleyError(f"since {self.since} is after until {self.until}")

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over the events table and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def any_of(template: str, values: Iterable[Any], columns: int = 1) -> None:
            values = list(values)
            if values:
                clauses.append("(" + " OR ".join([template] * len(values)) + ")")
                for value in values:
                    params.extend([value] * columns)

        any_of("(starts_with(source, ?) OR starts_with(target, ?))", self.actor, 2)
        any_of("starts_with(source, ?)", self.source)
        any_of("starts_with(target, ?)", self.target)
        any_of("(source_country = ? OR target_country = ?)", self.country, 2)
        any_of("source_country = ?", self.source_country)
        any_of("target_country = ?", self.target_country)
        any_of("location_country = ?", self.located_in)
        any_of("starts_with(code, ?)", self.code)
        any_of("plover_type = ?", self.plover)
        any_of("quad_class = ?", self.quad_class)
        any_of("modality = ?", self.modality)
        any_of("date_granularity = ?", self.precision)
        any_of("story_id = ?", self.story)
        any_of("document_id = ?", self.document)
        for phrase in self.text:
            clauses.append("contains(lower(sentence_text), lower(?))")
            params.append(phrase)
        date = self.date_column()
        if self.since:
            clauses.append(f"{date} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{date} <= ?")
            params.append(self.until)
        if self.negated == "exclude":
            clauses.append("NOT negated")
        elif self.negated == "only":
            clauses.append("negated")
        if not self.repeats:
            clauses.append("repeat_of IS NULL")
        return (" AND ".join(clauses) or "true"), params

    def date_column(self) -> str:
        """The date that `since`, `until` and the time groups read."""
        return "event_date" if self.date_of == "event" else "document_date"


def _date(name: str, value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ParleyError(f"{name}: {exc}") from exc


def _quad(value: str) -> int:
    if value not in ("1", "2", "3", "4"):
        raise ParleyError(
            f"quad class '{value}' is not 1 (verbal cooperation), 2 (material cooperation), "
            "3 (verbal conflict) or 4 (material conflict)"
        )
    return int(value)


def _each(name: str, values: tuple[str, ...], shape: re.Pattern[str], what: str) -> None:
    for value in values:
        if not shape.match(value):
            raise ParleyError(f"{name}: '{value}' is not {what}")


def _choose(name: str, values: tuple[str, ...], known: tuple[str, ...]) -> None:
    for value in values:
        if value not in known:
            raise ParleyError(f"{name}: '{value}' is not one of {', '.join(known)}")


def events_sql(event_filter: EventFilter, columns: Sequence[str] = ()) -> tuple[str, list[Any]]:
    """SQL and parameters selecting the filtered events (all columns, or `columns`)."""
    where, params = event_filter.where()
    chosen = ", ".join(f'"{c}"' for c in columns) if columns else "*"
    return f"SELECT {chosen} FROM events WHERE {where}", params
