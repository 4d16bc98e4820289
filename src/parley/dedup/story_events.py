"""Count each event once per story: the copies of an article report the same events.

An event's story key is its story, source, target, code and the words of its sentence
(case, spacing and punctuation aside, so a PDF's sentence matches the web page's). The
first copy to report it counts it; in every later copy the same event is kept, with its
own provenance, as a repeat pointing to that first sighting, so a user can see every copy
an event was found in and counts stay honest.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass, field

from parley.dedup.stage import DocumentIndex
from parley.document import Document, Event

_NON_WORDS = re.compile(r"\W+")
_RECENT_STORIES = 10_000  # stories whose events are remembered here, not looked up


def story_event_id(story_id: str, event: Event) -> str:
    """The key an event has in every copy of its story."""
    words = _NON_WORDS.sub(" ", event.sentence_text.casefold()).strip()
    key = f"{story_id}|{event.source}|{event.target}|{event.code}|{words}"
    return "se-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class CountOnce:
    """Stage: `story_event_id` on every event, `repeat_of` on those a copy has already
    reported. The run's recent stories are remembered here (documents of one wave reach
    the store together, after this stage); older ones are looked up in the index."""

    index: DocumentIndex
    name: str = "count once"
    skip_copies: bool = True
    recent: OrderedDict[str, dict[str, str]] = field(default_factory=OrderedDict)

    def __call__(self, doc: Document) -> Document:
        seen = self.recent.get(doc.story_id)
        if seen is None:
            seen = self.index.story_events(doc.story_id) if doc.similar_to is not None else {}
            self.recent[doc.story_id] = seen
            if len(self.recent) > _RECENT_STORIES:
                self.recent.popitem(last=False)
        else:
            self.recent.move_to_end(doc.story_id)
        for event in doc.events:
            event.story_event_id = story_event_id(doc.story_id, event)
            first = seen.setdefault(event.story_event_id, event.event_id)
            event.repeat_of = first if first != event.event_id else None
        return doc
