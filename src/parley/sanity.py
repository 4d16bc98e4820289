"""A dictionary that would make nearly every sentence an event is caught before a run.

One bad line in a user's file (an actor phrase `THE`, `HE` or `PEOPLE`) silently turns a
corpus into noise: every sentence gets an actor, and with CAMEO's everyday verbs
(`said`, `met`, `asked`) an event. So the loaded dictionaries code a dozen sentences that
name no actor, as written and lower-cased (a corpus may be all lower case, where a
name needs no capital to be found); an actor entry found in half of them or more, or a
verb entry coding events in half of them, is named with its file and line. A verb
entry alone cannot fire here (the sentences hold no actors for it to join): it shows
only beside a bad actor entry.
"""

from __future__ import annotations

from collections import Counter

from parley.api import coding_stages
from parley.config import Dictionaries
from parley.document import Document
from parley.pipeline import Pipeline

NEUTRAL = (  # everyday verbs that CAMEO codes, between people that no dictionary names
    "He said the film was long but the music was good.",
    "She told her friend that the book was better than the film.",
    "They met at the cafe after work and talked about the weather.",
    "She visited her grandmother in the country last summer.",
    "He called his sister on Sunday to ask about the recipe.",
    "They asked the waiter for the bill and left a tip.",
    "The team praised the coach after a late goal in the second half.",
    "The children played in the park while their parents talked.",
    "She promised her son a bicycle for his birthday.",
    "He accused the cat of eating the cake, and the cat ignored him.",
    "The neighbours agreed to share the cost of the new fence.",
    "A new bakery opened on the corner of the street last week.",
)
SHARE = 0.5  # warn when events come from at least half the neutral sentences


def overreach(dictionaries: Dictionaries) -> list[str]:
    """Warnings (one line each) for entries that find an actor, or code an event, in at
    least half of the `NEUTRAL` sentences; none for sound dictionaries."""
    pipeline = Pipeline(coding_stages(dictionaries, deduplicate=False))
    hits: Counter[str] = Counter()
    for written in (NEUTRAL, tuple(sentence.lower() for sentence in NEUTRAL)):
        found: Counter[str] = Counter()
        for number, sentence in enumerate(written):
            doc = pipeline.process(
                Document(id=f"probe-{number}", origin="probe", format="txt", raw=sentence)
            )
            if not isinstance(doc, Document):
                continue
            entries = {e for m in doc.mentions if m.role == "actor" for e in m.entries}
            entries.update(event.verb_entry for event in doc.events)
            found.update(entries)
        hits |= found  # the larger count of the two forms
    most = len(NEUTRAL) * SHARE
    return [
        f"dictionary entry {entry} fires in {count} of {len(NEUTRAL)} everyday sentences "
        "that name no actor (`He said the film was long`): most sentences would hold an "
        "actor or event; check it"
        for entry, count in hits.most_common()
        if count >= most
    ]
