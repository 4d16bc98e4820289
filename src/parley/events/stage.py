"""The code-events stage: events for every sentence that has actors."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from parley.document import Document
from parley.events.coder import Coder


@dataclass(slots=True)
class CodeEvents:
    """Stage: `Document.events` from sentences and their mentions."""

    coder: Coder
    name: str = "code events"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        events = []
        for index, mentions in groupby(doc.mentions, key=lambda m: m.sentence_index):
            events += self.coder.code_sentence(doc, doc.sentences[index], list(mentions))
        doc.events = events
        return doc
