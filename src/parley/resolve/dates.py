"""Event dates: the time the event's own clause names, else the document's date.

A time dates the events of the clause it hangs from (`Japan and China met on Wednesday`),
and of clauses that continue it (`met on Wednesday to discuss…`, `met on Wednesday and
agreed…`), but not what a speaker reports (`Japan said on Wednesday that China had
attacked`: the attack's day is not said). `a year since X happened` dates X. Whether
an undated `in September` is the last or the next comes from the verb: past for `met`,
future for `will meet`, else the nearer. An event with no time of its own takes the
document's date, and `date_source` says so (`inferred` when the document's own date was
a guess: `parley.resolve.document_date`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parley.document import Document, Event, Sentence, Word
from parley.resolve.clauses import closest, phrase_rank, verb_word
from parley.resolve.document_date import INFERRED
from parley.resolve.times import (
    FUTURE,
    NEAREST,
    PAST,
    TimeExpression,
    TimePhrase,
    resolve_times,
    time_phrases,
)
from parley.syntax.analysis import hangs_below, span_words


@dataclass(slots=True)
class ResolveDates:
    """Stage: give each event a date, its granularity, and where it came from."""

    name: str = "resolve"
    skip_copies: bool = True

    def __call__(self, doc: Document) -> Document:
        phrases: dict[int, list[TimePhrase]] = {}
        for event in doc.events:
            sentence = doc.sentences[event.sentence_index]
            if event.sentence_index not in phrases:
                phrases[event.sentence_index] = time_phrases(sentence.tokens)
            found = _event_time(sentence, event, phrases[event.sentence_index], doc)
            if found is not None:
                event.event_date, event.date_source = found.date, "text"
                event.date_granularity = found.granularity
                event.date_span = sentence.char_span(found.start, found.end)
                event.date_text = sentence.surface(found.start, found.end)
            elif doc.date is not None:
                event.event_date = doc.date
                event.date_source = INFERRED if doc.date_source == INFERRED else "document"
        return doc


def _event_time(
    sentence: Sentence, event: Event, phrases: list[TimePhrase], doc: Document
) -> TimeExpression | None:
    """The time that dates `event`, resolved, or None."""
    if not phrases:
        return None
    words = sentence.words
    verb = verb_word(words, event.verb_span.start)
    direction = _direction(words, verb, event.modality)
    resolved = resolve_times(phrases, doc.date, direction)
    if verb is None:  # not analysed: the time nearest the verb
        at = next((i for i, t in enumerate(sentence.tokens) if t.start == event.verb_span.start), 0)
        return min(resolved, key=lambda t: abs(t.start - at), default=None)
    return closest(words, verb, resolved, lambda time, chain: _rank(words, time, verb, chain))


def _direction(words: Sequence[Word], verb: int | None, modality: str) -> str:
    """Past for a verb in the past tense, future for what will happen, else nearest."""
    if modality == "future":
        return FUTURE
    if verb is not None and words[verb].xpos in ("VBD", "VBN"):
        return PAST
    return NEAREST


def _rank(words: Sequence[Word], time: TimeExpression, verb: int, chain: list[int]) -> int | None:
    """`phrase_rank`, but `a year since the war began` dates the first verb after it."""
    if not time.dates_following:
        return phrase_rank(words, time.start, time.end, verb, chain)
    inside = span_words(words, time.start, time.end)
    after = (
        next((i for i in range(inside[-1] + 1, len(words)) if words[i].upos == "VERB"), None)
        if inside
        else None
    )
    return 0 if after is not None and hangs_below(words, verb, {after}) else None
