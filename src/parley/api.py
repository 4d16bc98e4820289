"""The Python API; the CLI is a thin layer over these functions.

>>> import parley
>>> events = parley.code_text("Japan accused China of violating its airspace.",
...                           date="2024-03-01")
>>> [(e.source, e.code, e.target) for e in events]
[('JPN', '112', 'CHN')]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from parley.actors.stage import FindActors
from parley.config import Dictionaries
from parley.dates import parse_date
from parley.dedup.stage import DEFAULT_THRESHOLD, Deduplicate, DocumentIndex, MemoryIndex
from parley.dedup.story_events import CountOnce
from parley.document import Document, Event, Mention, Rejection
from parley.events.stage import CodeEvents
from parley.ingest.clean import Clean
from parley.ingest.describe import Describe
from parley.ingest.discover import discover
from parley.ingest.readers import read
from parley.limits import DEFAULT_LIMITS, Limits
from parley.pipeline import Pipeline, Stage
from parley.resolve.dates import ResolveDates
from parley.resolve.document_date import InferDate
from parley.resolve.places import FoundPlace, ResolvePlaces, found_places
from parley.resolve.times import FoundTime, found_times
from parley.syntax.analysis import Analyse
from parley.text.segment import Segment


def read_paths(
    paths: Iterable[str | Path], kind: str | None = None
) -> Iterator[Document | Rejection]:
    """Documents (and rejections) from files and folders, lazily, in a stable order;
    `kind` reads every file as that format (txt, pdf, html, jsonl)."""
    for source in discover(paths, kind):
        yield from read(source)


def coding_stages(
    dictionaries: Dictionaries,
    index: DocumentIndex | None = None,
    default_date: dt.date | None = None,
    replace: bool = False,
    deduplicate: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    per_document: Sequence[Stage] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> list[Stage]:
    """clean → describe → deduplicate → infer dates → segment → find actors → analyse →
    code events → resolve → count once per story. A document with no date is given one
    (`parley.resolve.document_date`) after its copies have shared theirs. Only sentences
    with as many actors as an event needs are analysed (`Coder.fewest_actors`: one, as
    an event may have one side), and parsing is the costliest step. `threshold` is the
    similarity at which two texts are copies of one story (0: exact copies only). Gold
    records are coded with `deduplicate=False`: two records may share a text and each
    must be scored. `per_document` runs the per-document stages elsewhere (worker
    processes: `parley.runners.processes`)."""
    index = index if index is not None else MemoryIndex()
    stages: list[Stage] = [Clean(dictionaries.words), Describe(default_date)]
    if deduplicate:
        stages.append(Deduplicate(index, replace, threshold))
    stages += per_document if per_document is not None else document_stages(dictionaries, limits)
    if deduplicate:
        stages.append(CountOnce(index))
    return stages


def document_stages(dictionaries: Dictionaries, limits: Limits = DEFAULT_LIMITS) -> list[Stage]:
    """infer dates → segment → find actors → analyse → code events → resolve: the stages
    that read one document alone, with no index of the others, so any process may run them (the
    costly part: parsing). A sentence over `limits.sentence_words` is cut in pieces."""
    return [
        InferDate(),
        Segment(limits.sentence_words),
        FindActors(dictionaries.actors, dictionaries.words.words),
        Analyse(
            dictionaries.analyser,
            min_actors=dictionaries.coder.fewest_actors,
            cues=dictionaries.coder.cues,
        ),
        CodeEvents(dictionaries.coder),
        ResolveDates(),
        ResolvePlaces(dictionaries.gazetteer),
    ]


def actor_stages(dictionaries: Dictionaries, default_date: dt.date | None = None) -> list[Stage]:
    """clean → describe → infer dates → segment → find actors: what `parley actors`
    runs."""
    return [
        Clean(dictionaries.words),
        Describe(default_date),
        InferDate(),
        Segment(),
        FindActors(dictionaries.actors, dictionaries.words.words),
    ]


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return parse_date(value)


def code_document(
    doc: Document, dictionaries: Dictionaries, date: dt.date | str | None = None
) -> Document:
    """Run one in-memory document through the coding stages (no store)."""
    return _run_one(coding_stages(dictionaries, default_date=_as_date(date)), doc)


def _run_one(stages: list[Stage], doc: Document) -> Document:
    """One document through `stages`; a rejection is a ValueError with its reason."""
    result = Pipeline(stages).process(doc)
    if isinstance(result, Rejection):
        raise ValueError(result.reason)
    assert result is not None
    return result


def code_text(
    text: str,
    date: dt.date | str | None = None,
    *,
    dictionaries: Dictionaries | None = None,
    document_id: str = "text",
) -> list[Event]:
    """Events in `text`. Loading the default dictionaries takes about half a second:
    for many texts, load them once with `Dictionaries.load()` and pass them in."""
    doc = Document(id=document_id, origin=document_id, format="text", raw=text)
    return code_document(doc, dictionaries or Dictionaries.load(), date).events


def find_actors(
    text: str,
    date: dt.date | str | None = None,
    *,
    dictionaries: Dictionaries | None = None,
) -> list[Mention]:
    """Actor mentions in `text`, resolved for `date` (roles change with time).

    >>> [(m.text, m.code) for m in find_actors("Koizumi met Bush.", date="2004-11-20")]
    [('Koizumi', 'JPNGOV'), ('Bush', 'USAGOV')]
    """
    doc = Document(id="text", origin="text", format="text", raw=text)
    stages = actor_stages(dictionaries or Dictionaries.load(), _as_date(date))
    return _run_one(stages, doc).mentions


def time_stages(dictionaries: Dictionaries, default_date: dt.date | None = None) -> list[Stage]:
    """clean → describe → segment: what `parley times` runs before `found_times` (times
    need no actors)."""
    return [Clean(dictionaries.words), Describe(default_date), Segment()]


def find_places(
    text: str,
    date: dt.date | str | None = None,
    *,
    dictionaries: Dictionaries | None = None,
) -> list[FoundPlace]:
    """Every toponym in `text` that parley resolves, with its GeoNames place, wherever
    it stands (`Moscow said`, `fighting in Aleppo`), whether or not an event happened
    there (`parley.resolve.places.found_places`). Spans index the clean text
    (`Document.text`), which may differ from `text` (straight quotes, one kind of
    space). Actors are found first: a person is no place (`advice to Bush`), and the
    countries the text speaks of, with its other places, decide ambiguous names
    (`Georgia`; the `Athens` beside `Nelsonville`). `date` is for the actors' roles.

    >>> [(p.text, p.country, p.geonames_id) for p in find_places("Talks were held in Georgia.")]
    [('Georgia', 'GEO', 614540)]
    """
    dictionaries = dictionaries or Dictionaries.load()
    doc = Document(id="text", origin="text", format="text", raw=text)
    doc = _run_one(actor_stages(dictionaries, _as_date(date)), doc)
    return found_places(doc, dictionaries.gazetteer.get())


def find_times(
    text: str,
    date: dt.date | str | None = None,
    *,
    dictionaries: Dictionaries | None = None,
) -> list[FoundTime]:
    """Every time expression in `text` that parley resolves against `date` (the day it
    was written, unless the text's dateline gives one; without any, only those naming
    their year), the way events are dated. Spans index the clean text
    (`Document.text`), which may differ from `text`.

    >>> [(t.text, t.value) for t in find_times("They met last week.", date="2004-11-18")]
    [('last week', '2004-W46')]
    """
    dictionaries = dictionaries or Dictionaries.load()
    doc = Document(id="text", origin="text", format="text", raw=text)
    return found_times(_run_one(time_stages(dictionaries, _as_date(date)), doc))
