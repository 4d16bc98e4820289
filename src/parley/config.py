"""Typed settings, passed explicitly: which dictionaries to load and where to store.

With no dictionary given, the bundled defaults (derived from the public Phoenix/CAMEO
files, see NOTICE) are used. A user's own files replace the default of their kind;
`extra_actors` are read after the defaults so a user can add or override a few entries
(a leader elected last month) without copying the whole dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from parley.actors.lexicon import ActorLexicon
from parley.actors.petrarch import Issue
from parley.errors import DictionaryError
from parley.events.coder import Coder, VerbLexicon
from parley.events.ontology import Ontology
from parley.ingest.hyphens import Dehyphenator

DEFAULT_ACTORS = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
DEFAULT_AGENTS = ("Phoenix.agents.txt",)
DEFAULT_VERBS = ("CAMEO.2.0.txt",)
DEFAULT_DISCARDS = ("Phoenix.discards.txt",)


def bundled(name: str) -> Path:
    """Path of a dictionary shipped inside the package."""
    return Path(str(resources.files("parley") / "data" / "dictionaries" / name))


@dataclass(slots=True, frozen=True)
class DictionaryPaths:
    """Dictionary files by kind; empty means the bundled default of that kind."""

    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    verbs: tuple[Path, ...] = ()
    discards: tuple[Path, ...] = ()
    extra_actors: tuple[Path, ...] = ()

    def resolved(self) -> DictionaryPaths:
        """Fill each empty kind with the bundled files, and check every file exists."""
        result = DictionaryPaths(
            actors=self.actors or tuple(bundled(n) for n in DEFAULT_ACTORS),
            agents=self.agents or tuple(bundled(n) for n in DEFAULT_AGENTS),
            verbs=self.verbs or tuple(bundled(n) for n in DEFAULT_VERBS),
            discards=self.discards or tuple(bundled(n) for n in DEFAULT_DISCARDS),
            extra_actors=self.extra_actors,
        )
        for path in (
            *result.actors,
            *result.agents,
            *result.verbs,
            *result.discards,
            *result.extra_actors,
        ):
            if not path.is_file():
                raise DictionaryError(f"{path}: dictionary file not found")
        return result


@dataclass(slots=True)
class Dictionaries:
    """Everything the coding stages need, loaded once per run and shared read-only."""

    actors: ActorLexicon
    coder: Coder
    words: Dehyphenator
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def load(cls, paths: DictionaryPaths | None = None) -> Dictionaries:
        files = (paths or DictionaryPaths()).resolved()
        actors = ActorLexicon.load(
            (*files.actors, *files.extra_actors), files.agents, files.discards
        )
        verbs = VerbLexicon.load(files.verbs)
        if not len(actors.actors):
            raise DictionaryError(f"{', '.join(map(str, files.actors))}: no actor entries read")
        if not len(verbs.verbs):
            raise DictionaryError(f"{', '.join(map(str, files.verbs))}: no verb entries read")
        coder = Coder(verbs, Ontology.load())
        return cls(actors, coder, Dehyphenator.english(), actors.issues + verbs.issues)
