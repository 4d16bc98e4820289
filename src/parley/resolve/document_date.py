"""A date for a document that carries none: inferred, and marked `date_source` "inferred".

Actors are resolved by date (a person is government only while in office), so an
undated document, such as a scraped page, loses every office holder it names. A guess
serves better than nothing, and is said to be one: the latest time its own text names
with its year (`on March 3, 2019`, `in 2017`), not later than today. A report is written
on or after the days it reports, so the latest one named is the nearest lower bound on
its writing; a date still to come (`elections in 2031`) is a plan, not when it was
written.

A dated copy of the same story (`parley.dedup`) comes first: a copy's date is a real
publication date (`date_source` `copy ID`), and is shared before this stage runs. A date
given by the user (`--date`) is no guess and is never overridden. The stage reads one
document alone, so every runner (local, processes, Dask) infers the same dates: the
run's other documents are not consulted, since the Dask runner decides in the client,
without the texts, and every runner must give the same events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from parley.document import Document
from parley.resolve.times import resolve_times, time_phrases
from parley.text.tokens import tokenise

INFERRED = "inferred"


def text_date(text: str, today: dt.date) -> dt.date | None:
    """The latest time `text` names with its year, not after `today` (the first day of
    the period named: `in 2017` is 2017-01-01); None when it names none."""
    times = resolve_times(time_phrases(tokenise(text)), None)
    return max((t.date for t in times if t.date <= today), default=None)


@dataclass(slots=True)
class InferDate:
    """Stage: date an undated document from its text. `today` bounds the dates a text
    may give (a field, so tests can fix it)."""

    today: Callable[[], dt.date] = dt.date.today
    name: str = "infer date"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        if doc.date is None:
            found = text_date(doc.text, self.today())
            if found is not None:
                doc.date, doc.date_source = found, INFERRED
        return doc
