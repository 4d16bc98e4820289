"""Typed settings, passed explicitly: which dictionaries to load and where to store.

With no dictionary given, the bundled defaults are used: the public Phoenix/CAMEO files
converted to parley's own format (see NOTICE and `tools/convert_petrarch.py`), then
`parley.txt`, parley's own additions (leaders since 2014, capitals and seats of
government, missing agents). A user's own files replace the default of their kind;
`extra_actors` are read after everything else so a user can add or override a few
entries (a leader elected last month) without copying the whole dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.cache import load_lexicon
from parley.actors.entries import Issue
from parley.actors.lexicon import ActorLexicon
from parley.compiled import cache_key, load_or_compile
from parley.errors import DictionaryError
from parley.events.coder import Coder, VerbLexicon
from parley.events.ontology import Ontology
from parley.events.rules import RuleSet
from parley.ingest.hyphens import Dehyphenator
from parley.resolve.gazetteer import LazyGazetteer
from parley.syntax.analysis import Analyser, load_analyser
from parley.tables import bundled_data, tables_folder

# The bundled defaults, under `parley/data/`.
DEFAULT_ACTORS = (
    "actors/countries.txt",
    "actors/international.txt",
    "actors/nonstate.txt",
    "actors/parley.txt",
)
DEFAULT_AGENTS = ("actors/agents.txt",)
DEFAULT_VERBS = ("dictionaries/CAMEO.2.0.txt", "dictionaries/parley.verbs.txt")
DEFAULT_DISCARDS = ("actors/discards.txt",)


_KINDS = ("actors", "agents", "verbs", "discards", "extra_actors")


@dataclass(slots=True, frozen=True)
class DictionaryPaths:
    """Dictionary files by kind; empty means the bundled default of that kind."""

    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    verbs: tuple[Path, ...] = ()
    discards: tuple[Path, ...] = ()
    extra_actors: tuple[Path, ...] = ()

    @property
    def custom(self) -> bool:
        """Whether any kind names a user's own files."""
        return any(getattr(self, kind) for kind in _KINDS)

    def every(self) -> tuple[Path, ...]:
        """All the files, kind by kind."""
        return tuple(path for kind in _KINDS for path in getattr(self, kind))

    def absolute(self) -> DictionaryPaths:
        """The same files by absolute path, for processes on other machines or folders."""
        return DictionaryPaths(
            *(tuple(p.absolute() for p in getattr(self, kind)) for kind in _KINDS)
        )

    def resolved(self) -> DictionaryPaths:
        """Fill each empty kind with the bundled files, and check every file exists."""
        result = DictionaryPaths(
            actors=self.actors or tuple(bundled_data() / n for n in DEFAULT_ACTORS),
            agents=self.agents or tuple(bundled_data() / n for n in DEFAULT_AGENTS),
            verbs=self.verbs or tuple(bundled_data() / n for n in DEFAULT_VERBS),
            discards=self.discards or tuple(bundled_data() / n for n in DEFAULT_DISCARDS),
            extra_actors=self.extra_actors,
        )
        for path in result.every():
            if not path.is_file():
                raise DictionaryError(f"{path}: dictionary file not found")
        return result


@dataclass(slots=True)
class Dictionaries:
    """Everything the coding stages need, loaded once per run and shared read-only."""

    actors: ActorLexicon
    coder: Coder
    words: Dehyphenator
    analyser: Analyser
    issues: list[Issue] = field(default_factory=list)
    gazetteer: LazyGazetteer = field(default_factory=LazyGazetteer)

    @classmethod
    def load(
        cls,
        paths: DictionaryPaths | None = None,
        analyser: str = "parley",
        rules: RuleSet | None = None,
    ) -> Dictionaries:
        """Load (or reuse the compiled cache of) the dictionaries, and the analyser that
        `parley.syntax.analysis.load_analyser` names (`parley`, `parley-float32`, or
        `module:factory`). The coder reads sentences with `rules` (all of its rules by
        default: `parley.events.rules`)."""
        files = (paths or DictionaryPaths()).resolved()
        actors = load_lexicon(files)
        verbs = load_verbs(files)
        if not len(actors.actors):
            raise DictionaryError(f"{', '.join(map(str, files.actors))}: no actor entries read")
        if not len(verbs.verbs):
            raise DictionaryError(f"{', '.join(map(str, files.verbs))}: no verb entries read")
        coder = Coder(verbs, Ontology.load(), actors.book, rules or RuleSet())
        return cls(
            actors,
            coder,
            Dehyphenator.english(),
            load_analyser(analyser),
            actors.issues + verbs.issues,
        )


def load_verbs(files: DictionaryPaths) -> VerbLexicon:
    """The verb dictionaries compiled, kept between runs (`parley.compiled`) under a key
    of the code that reads them (the event and text modules), the bundled tables they
    draw on and the verb files themselves."""
    here = Path(__file__).parent
    code = [
        *sorted((here / "events").glob("*.py")),
        *sorted((here / "text").glob("*.py")),
        *sorted(p for p in tables_folder().iterdir() if p.is_file()),
    ]
    key = cache_key(code, files.verbs)
    return load_or_compile("verbs", key, lambda: VerbLexicon.load(files.verbs), VerbLexicon)
