"""Event dates. For now every event takes its document's date, marked as such.

Temporal expressions in the event's clause (`on November 4`, `next January`) will refine
this; `date_source` tells a user which rule gave the date.
"""

from __future__ import annotations

from dataclasses import dataclass

from parley.document import Document


@dataclass(slots=True)
class ResolveDates:
    """Stage: give each event a date and say where it came from."""

    name: str = "resolve"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        for event in doc.events:
            if event.event_date is None and doc.date is not None:
                event.event_date = doc.date
                event.date_source = "document"
        return doc
