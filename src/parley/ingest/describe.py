"""Describe: metadata a reader could not give (a title for plain text, a fallback date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parley.document import Document

_MAX_TITLE = 200


@dataclass(slots=True)
class Describe:
    """Stage: fill `title` from a plain-text headline and `date` from the run's default."""

    default_date: dt.date | None = None
    name: str = "describe"

    def __call__(self, doc: Document) -> Document:
        if doc.title is None and doc.format == "txt":
            first, sep, _ = doc.text.partition("\n")
            first = first.strip()
            if sep and first and len(first) <= _MAX_TITLE and first[-1] not in ".!?":
                doc.title = first
        if doc.date is None:
            doc.date = self.default_date
        return doc
