"""Describe: a document's title, author, affiliation and publication date.

Metadata comes from the best source the input offers, and the document keeps where its
date came from (`date_source`): `metadata` (a JSON Lines field, HTML meta tags), `title
block` (a dateline above the article, preferred to a PDF's file dates), `pdf metadata`,
or `user` (`--date`). A document with no date gets none rather than a guessed one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from parley.document import Document
from parley.ingest.titleblock import read_title_block

_MAX_TITLE = 200


@dataclass(slots=True)
class Describe:
    """Stage: fill metadata from the title block, then the run's default date."""

    default_date: dt.date | None = None
    name: str = "describe"

    def __call__(self, doc: Document) -> Document:
        paragraphs = doc.text.split("\n\n")
        block = read_title_block(paragraphs)
        if block.used:
            kept = [p for i, p in enumerate(paragraphs) if i not in block.used]
            if block.title and paragraphs[0] != block.title and 0 not in block.used:
                kept[0] = block.title
            doc.text = "\n\n".join(kept)
        doc.title = doc.title or _short(block.title)
        doc.author = doc.author or block.author
        doc.affiliation = doc.affiliation or block.affiliation
        if block.date is not None and doc.date_source in (None, "pdf metadata"):
            doc.date, doc.date_source = block.date, "title block"
        if doc.date is None and self.default_date is not None:
            doc.date, doc.date_source = self.default_date, "user"
        return doc


def _short(title: str | None) -> str | None:
    if title is None or len(title) > _MAX_TITLE or title[-1] in ".!?":
        return None
    return title
