"""The code-events stage: events for every sentence the analysis read."""

from __future__ import annotations

from dataclasses import dataclass

from parley.document import Document, Mention
from parley.events.coder import Coder


@dataclass(slots=True)
class CodeEvents:
    """Stage: `Document.events` from sentences and their mentions. Every analysed
    sentence is coded, with or without actors (`five men were arrested`: the coder
    decides, `Coder.cues`); a sentence the analysis skipped has no grammar to read."""

    coder: Coder
    name: str = "code events"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        by_sentence: dict[int, list[Mention]] = {}
        for mention in doc.mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        events = []
        for sentence in doc.sentences:
            if sentence.words:
                mentions = by_sentence.get(sentence.index, [])
                events += self.coder.code_sentence(doc, sentence, mentions)
        doc.events = events
        return doc
