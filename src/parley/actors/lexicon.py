"""Compiled actor, agent and discard dictionaries, as compact tables.

Entries are stored column by column (names, kinds, codes as text) and phrases map to row
numbers, so the whole lexicon is a few lists and dicts of strings and ints: it pickles
into a cache that loads in a fraction of the time reading the dictionaries takes, and a
row becomes an object only when a sentence mentions it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors import dictfile, petrarch
from parley.actors.codes import CodeBook
from parley.actors.entries import (
    ActorEntry,
    AgentEntry,
    DatedCode,
    Discard,
    Issue,
    Phrase,
    code_on,
    in_office,
)
from parley.actors.matcher import PhraseMatcher
from parley.errors import DictionaryError
from parley.ingest.hyphens import Dehyphenator

# Family name first, as English-language news writes these countries' names.
_FAMILY_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "PRK", "KOR", "SGP"})
_NAME_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV"})


def surname(key: Sequence[str], code: str) -> str | None:
    """The word a news report uses alone for a person (`KOIZUMI`, `KIM`, `ASSAD`)."""
    words = [w for w in key if w not in _NAME_SUFFIXES and len(w) > 1]
    if len(words) < 2:
        return None
    word = words[0] if code[:3] in _FAMILY_FIRST else words[-1]
    return word


def _encode(codes: tuple[DatedCode, ...]) -> str:
    """Codes as the parley format writes them, `|`-joined: one string a row pickles fast."""
    return "|".join(dictfile.code_text(c) for c in codes)


def _decode(text: str) -> tuple[DatedCode, ...]:
    return tuple(dictfile.parse_code(part) for part in text.split("|"))


def _provenance(where: str, name: str, source: str) -> str:
    """`file:line NAME (original file:line)`: what `parley explain` shows for an entry."""
    return f"{where} {name} ({source})" if source else f"{where} {name}"


@dataclass(slots=True)
class ActorLexicon:
    """Everything needed to find and code actor mentions; see `parley.actors.find`."""

    actors: PhraseMatcher[int] = field(default_factory=PhraseMatcher)
    agents: PhraseMatcher[int] = field(default_factory=PhraseMatcher)
    discards: PhraseMatcher[int] = field(default_factory=PhraseMatcher)
    # Actor rows.
    names: list[str] = field(default_factory=list)
    wheres: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    names_count: list[int] = field(default_factory=list)  # how many names: prominence
    surnames: dict[str, list[int]] = field(default_factory=dict)
    surname_of: dict[int, str] = field(default_factory=dict)  # person row → surname
    # Agent rows: code written `~GOV` or `IGO~`.
    agent_wheres: list[str] = field(default_factory=list)
    agent_codes: list[str] = field(default_factory=list)
    agent_capitalised: list[bool] = field(default_factory=list)  # `written: capitalised`
    # Discard rows: whether the whole story goes; whether the phrase is a time.
    discard_story: list[bool] = field(default_factory=list)
    discard_dated: list[bool] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    book: CodeBook = field(default_factory=CodeBook.load)
    _decoded: dict[int, tuple[DatedCode, ...]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        actor_files: Sequence[Path],
        agent_files: Sequence[Path] = (),
        discard_files: Sequence[Path] = (),
        extra_files: Sequence[Path] = (),
    ) -> ActorLexicon:
        """Read the files in order; a later file's entry for the same phrase wins.

        A parley-format file may hold actors, agents and discards together; a PETRARCH
        file is read as the kind of the list it was given in (`extra_files` as actors).
        """
        lexicon = cls()
        seen: dict[str, tuple[int, tuple[Phrase, ...]]] = {}
        english = Dehyphenator.english().words if agent_files else frozenset()
        for kind, paths in (
            ("actors", actor_files),
            ("agents", agent_files),
            ("discards", discard_files),
            ("actors", extra_files),
        ):
            for path in paths:
                lexicon._read(path, kind, seen, english)
        lexicon._index_surnames()
        return lexicon

    def _read(
        self,
        path: Path,
        kind: str,
        seen: dict[str, tuple[int, tuple[Phrase, ...]]],
        english: AbstractSet[str] = frozenset(),
    ) -> None:
        if not path.is_file():
            raise DictionaryError(f"{path}: dictionary file not found")
        if dictfile.is_parley_format(path):
            found = dictfile.read_dictionary(path)
            actors, agents, discards, issues = (
                found.actors,
                found.agents,
                found.discards,
                found.issues,
            )
        else:
            actors, agents, discards = [], [], []
            if kind == "actors":
                actors, issues = petrarch.read_actors(path)
            elif kind == "agents":
                agents, issues = petrarch.read_agents(path)
            else:
                discards, issues = petrarch.read_discards(path)
        self.issues += issues
        for entry in actors:
            self.add_actor(entry, seen)
        for agent in agents:
            self.add_agent(agent, english)
        for discard in discards:
            self.add_discard(discard)

    def add_actor(
        self, entry: ActorEntry, seen: dict[str, tuple[int, tuple[Phrase, ...]]] | None = None
    ) -> None:
        """Add `entry`; one named like an earlier entry replaces it, aliases and all."""
        row = len(self.names)
        if seen is not None:
            name = " ".join(entry.phrases[0].key)
            earlier = seen.get(name)
            if earlier is not None:
                old_row, old_phrases = earlier
                for phrase in old_phrases:
                    if self.actors.get(phrase) == old_row:
                        self.actors.add(phrase, row)
            seen[name] = (row, entry.phrases)
        self.names.append(entry.name)
        self.wheres.append(_provenance(entry.where, entry.name, entry.source))
        self.kinds.append(entry.kind)
        self.codes.append(_encode(entry.codes))
        self.names_count.append(len(entry.phrases))
        for phrase in entry.phrases:
            self.actors.add(phrase, row)

    def add_agent(self, entry: AgentEntry, english: AbstractSet[str] = frozenset()) -> None:
        """Add `entry`; a stem of it that is an English word (`MEDIA*`, in `english`)
        takes only a noun's inflections (`parley.actors.matcher.NOUN_ENDINGS`)."""
        row = len(self.agent_codes)
        self.agent_wheres.append(_provenance(entry.where, entry.name, entry.source))
        self.agent_codes.append(entry.written_code)
        self.agent_capitalised.append(entry.capitalised)
        for phrase, is_plural in zip(entry.phrases, entry.plurals(), strict=True):
            word_stem = phrase.stem and phrase.key[-1].lower() in english
            self.agents.add(phrase, row * 2 + is_plural, word_stem)

    def add_discard(self, entry: Discard) -> None:
        row = len(self.discard_story)
        self.discard_story.append(entry.story)
        self.discard_dated.append(entry.dated)
        self.discards.add(entry.phrase, row)

    def _index_surnames(self) -> None:
        """Persons by the one word news reports use for them once introduced."""
        self.surnames, self.surname_of = {}, {}
        live = set(self.actors._exact.values()) | set(self.actors._stems.values())
        for row, (name, kind) in enumerate(zip(self.names, self.kinds, strict=True)):
            if kind != "person" or row not in live:
                continue
            key = dictfile.parse_phrase(name.replace("_", " ").rstrip("*"))
            word = surname(key.key, self.codes[row]) if key else None
            if word is not None:
                self.surnames.setdefault(word, []).append(row)
                self.surname_of[row] = word

    def entry_codes(self, row: int) -> tuple[DatedCode, ...]:
        found = self._decoded.get(row)
        if found is None:
            found = self._decoded[row] = _decode(self.codes[row])
        return found

    def code_on(self, row: int, day: dt.date | None) -> str | None:
        return code_on(self.entry_codes(row), day)

    def in_office(self, row: int, day: dt.date | None) -> bool:
        return in_office(self.entry_codes(row), day)

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "_decoded"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._decoded = {}
