"""The find-actors stage: coded mentions for every sentence of a document.

Discard phrases void a sentence's events (or a whole story's). PETRARCH's list includes
the years 1914-2011 and `MONTHS AGO` so that history (`in 1995 the army attacked...`) is
not coded as news: such a time only marks the sentence (`Sentence.history`), and the
coder drops the events it dates, not the others (`Yaish, arrested 15 months ago, was
freed on Monday`). The document's own year, and the year before it, are news, not
history. A voided sentence still teaches the document its names (`Prime Minister Blair`
there lets a later `Blair` resolve); only its mentions are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from parley.actors.find import DocumentContext, find_mentions
from parley.actors.lexicon import ActorLexicon
from parley.document import Document, Sentence
from parley.resolve.document_date import INFERRED


@dataclass(slots=True)
class FindActors:
    """Stage: `Document.mentions`; a story-level discard phrase empties the document."""

    lexicon: ActorLexicon
    words: AbstractSet[str] = frozenset()
    name: str = "find actors"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        context = DocumentContext(doc.date, self.words, doc.date_source == INFERRED)
        mentions = []
        for sentence in doc.sentences:
            discard = self.discarded(sentence, doc.date)
            if discard is not None and self.lexicon.discard_story[discard]:
                doc.mentions = []
                return doc
            found = find_mentions(self.lexicon, sentence, context)
            if discard is None:
                mentions += found
        doc.mentions = mentions
        return doc

    def discarded(self, sentence: Sentence, day: dt.date | None = None) -> int | None:
        """The discard row that voids this sentence (a story-level one first), or None;
        the times it names that void only the events they date go to `sentence.history`."""
        norms = [t.norm for t in sentence.tokens]
        found = self.lexicon.discards.find_all(norms)
        if not found:
            return None
        current = {str(day.year), str(day.year - 1)} if day else set()
        found = [m for m in found if " ".join(norms[m.start : m.end]) not in current]
        dated = self.lexicon.discard_dated
        sentence.history = [(m.start, m.end) for m in found if dated[m.payload]]
        rows = [m.payload for m in found if not dated[m.payload]]
        if not rows:
            return None
        return max(rows, key=lambda row: self.lexicon.discard_story[row])
