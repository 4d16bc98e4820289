"""The find-actors stage: coded mentions for every sentence of a document.

Discard phrases void a sentence's events (or a whole story's). PETRARCH's list also
holds times (the years 1914-2011, `MONTHS AGO`) to keep history out of the news; parley
voids nothing for them: an event a time dates is coded with that date (`in 1995 the
army attacked…`: an event of 1995, `parley.resolve.dates`), which is what a user of
event data asks for, and the sentence's other events are news. A voided sentence still
teaches the document its names (`Prime Minister Blair` there lets a later `Blair`
resolve); only its mentions are dropped.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from parley.actors.find import DocumentContext, find_mentions, named_countries
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
        if doc.date is None:
            context.countries = named_countries(self.lexicon, doc.sentences)
        mentions = []
        for sentence in doc.sentences:
            discard = self.discarded(sentence)
            if discard is not None and self.lexicon.discard_story[discard]:
                doc.mentions = []
                return doc
            found = find_mentions(self.lexicon, sentence, context)
            if discard is None:
                mentions += found
        doc.mentions = mentions
        return doc

    def discarded(self, sentence: Sentence) -> int | None:
        """The discard row that voids this sentence (a story-level one first), or None.
        Times in the list void nothing (see the module's docstring)."""
        norms = [t.norm for t in sentence.tokens]
        found = self.lexicon.discards.find_all(norms)
        if not found:
            return None
        dated = self.lexicon.discard_dated
        rows = [m.payload for m in found if not dated[m.payload]]
        if not rows:
            return None
        return max(rows, key=lambda row: self.lexicon.discard_story[row])
