"""The objects that travel through parley.

One `Document` is created by a reader and enriched by every stage (clean text, metadata,
story id, sentences, actor mentions, events). Every annotation is a character span into
`Document.text`, the clean text that the store keeps, so a user can always go back from an
event to the words that produced it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True, frozen=True)
class Span:
    """Half-open character range `[start, end)` into `Document.text`."""

    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A word or punctuation mark; `norm` is the form dictionaries are matched against."""

    text: str
    start: int
    end: int
    norm: str


@dataclass(slots=True)
class Word:
    """A syntactic word of a sentence with its analysis (see `parley.syntax.analysis`).

    A token can hold several words (`didn't` is `did` + `n't`): `token` is the index of
    the token in `Sentence.tokens`. `head` is the index of the governing word in
    `Sentence.words`, -1 for the sentence's root; `relation` is the Universal Dependencies
    relation to it. `clause` is the index of the word that heads this word's clause (the
    main verb, or the verb of a subordinate, relative or complement clause).
    """

    text: str
    start: int
    end: int
    token: int
    lemma: str
    upos: str
    xpos: str
    head: int
    relation: str
    clause: int


@dataclass(slots=True)
class Sentence:
    """A sentence of the clean text, with its tokens (offsets are document offsets) and,
    once analysed, its syntactic words."""

    index: int
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)

    def char_span(self, start: int, end: int) -> Span:
        """The document characters of tokens `[start, end)`."""
        return Span(self.tokens[start].start, self.tokens[end - 1].end)

    def surface(self, start: int, end: int) -> str:
        """The text of tokens `[start, end)`, as written."""
        span = self.char_span(start, end)
        return self.text[span.start - self.start : span.end - self.start]


@dataclass(slots=True)
class Mention:
    """An actor found in a sentence, resolved to a CAMEO actor code.

    `entries` names the dictionary lines that produced the code (file:line phrase), which
    is what `parley explain` shows when a user asks why an actor was coded this way.
    `kind` is what the entry names (country, capital, place, person, organisation), or
    `agent` for a title or sector noun, or `pronoun`; on an event, `implied` for a doer
    the verb implies (`were arrested`: police) and `none` for an unnamed other side
    (`---`), both with empty spans; `role` is `actor`, `place` where
    the text says where something happens rather than who acts, or `reference` for a
    possessive pronoun that says whose something is (`his licence`). `country` is ISO-3166
    alpha-3 and `sector` the PLOVER sector, both derived from `code`.
    """

    sentence_index: int
    token_start: int
    token_end: int
    span: Span
    text: str
    code: str
    entries: tuple[str, ...]
    kind: str = "organisation"
    role: str = "actor"
    country: str | None = None
    sector: str | None = None
    plural: bool = False


@dataclass(slots=True, frozen=True)
class Place:
    """A place of the gazetteer: its GeoNames id (None for a region the gazetteer placed
    itself: a US county, a first-level region outside the US) and name, what it is
    (`city`, `county`, `state`, `region`, `country`, `continent`), its country
    (ISO-3166 alpha-3), admin region and position."""

    geonames_id: int | None
    name: str
    kind: str
    country: str
    admin1: str
    latitude: float
    longitude: float


@dataclass(slots=True)
class Event:
    """One coded event: `source` did `code` to `target`, with its provenance."""

    event_id: str
    document_id: str
    story_id: str
    sentence_index: int
    sentence_text: str
    source: str
    target: str
    source_country: str | None
    source_sector: str | None
    target_country: str | None
    target_sector: str | None
    code: str
    root: str
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    negated: bool
    modality: str
    event_date: dt.date | None
    date_source: str
    source_span: Span
    verb_span: Span
    target_span: Span
    source_text: str
    verb_text: str
    target_text: str
    source_entries: tuple[str, ...]
    verb_entry: str
    target_entries: tuple[str, ...]
    # The coder's rules (`parley.events.rules`) that chose its actors and code, beyond
    # the verb's subject, object and dictionary entry; composed actor codes name theirs
    # in `source_entries` / `target_entries`.
    rules: tuple[str, ...] = ()
    story_event_id: str = ""  # the same for this event in every copy of the story
    repeat_of: str | None = None  # the event_id of its first sighting in another copy
    # How precise `event_date` is (it is the first day of that day, week, month or year)
    # and, when the text gave it (`date_source` "text"), the words that did.
    date_granularity: str = "day"
    date_text: str = ""
    date_span: Span | None = None
    # Where it happened, when the text says (`in Santiago, Chile`), and the words that did.
    location: Place | None = None
    location_text: str = ""
    location_span: Span | None = None

    def date_label(self) -> str:
        """The date as precisely as it is known: `2004-11-04`, `week of 2004-11-08`,
        `2004-09`, `2003`; empty when there is none."""
        if self.event_date is None:
            return ""
        day = self.event_date.isoformat()
        return {"week": f"week of {day}", "month": day[:7], "year": day[:4]}.get(
            self.date_granularity, day
        )

    def manner(self) -> str:
        """How firmly it is said, for people: `negated`, the modality unless asserted,
        both (`negated, future`), or nothing for an asserted event."""
        notes = (
            "negated" if self.negated else "",
            "" if self.modality == "asserted" else self.modality,
        )
        return ", ".join(n for n in notes if n)


@dataclass(slots=True)
class Document:
    """An input article on its way through the pipeline.

    `id` is what a user joins on: the record's own `id` for JSON Lines input, otherwise the
    file path as given. `raw` is the text as read; `text` is the clean text every span
    points into. Copies of one article (exact, or near: a PDF and its web page) share a
    `story_id`.
    """

    id: str
    origin: str
    format: str
    raw: str
    text: str = ""
    title: str | None = None
    author: str | None = None
    affiliation: str | None = None
    source: str | None = None
    url: str | None = None
    date: dt.date | None = None
    date_source: str | None = None
    content_hash: str = ""
    story_id: str = ""
    duplicate_of: str | None = None  # an exact copy of this document: not coded again
    similar_to: str | None = None  # the earlier copy (exact or near) it was matched to
    similarity: float | None = None  # estimated share of shingles in common with it
    signature: bytes = b""  # MinHash signature (`parley.dedup.minhash`), stored
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Rejection:
    """Why an input (a file, or one line of a JSON Lines file) was not coded."""

    origin: str
    reason: str
    stage: str
    document_id: str | None = None

    def message(self) -> str:
        """The one line a user sees: the input, then the reason."""
        return f"{self.origin}: {self.reason}"
