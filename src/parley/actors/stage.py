"""The find-actors stage: coded mentions for every sentence of a document."""

from __future__ import annotations

from dataclasses import dataclass

from parley.actors.lexicon import ActorLexicon
from parley.document import Document


@dataclass(slots=True)
class FindActors:
    """Stage: `Document.mentions`; a story-level discard phrase empties the document."""

    lexicon: ActorLexicon
    name: str = "find actors"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        mentions = []
        for sentence in doc.sentences:
            discard = self.lexicon.discarded(sentence)
            if discard is not None:
                if discard[0]:
                    doc.mentions = []
                    return doc
                continue
            mentions += self.lexicon.mentions(sentence, doc.date)
        doc.mentions = mentions
        return doc
