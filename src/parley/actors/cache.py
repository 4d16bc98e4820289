"""The compiled actor dictionaries, kept between runs (`parley.compiled`): reading
~30,000 dictionary records takes most of a second, unpickling the compiled lexicon a
few hundredths. Its key covers the code that compiles it, the bundled code tables it
holds and each dictionary file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from parley.actors.codes import COUNTRIES, SECTORS
from parley.actors.lexicon import ActorLexicon
from parley.compiled import cache_key as compiled_key
from parley.compiled import load_or_compile
from parley.tables import tables_folder

if TYPE_CHECKING:
    from parley.config import DictionaryPaths

# The modules whose code decides what a compiled lexicon holds.
_COMPILERS = ("lexicon.py", "dictfile.py", "petrarch.py", "entries.py", "matcher.py", "codes.py")
# The bundled tables compiled into it (the lexicon's CodeBook).
_TABLES = (COUNTRIES, SECTORS)
_KINDS = ("actors", "agents", "discards", "extra_actors")


def cache_key(files: DictionaryPaths) -> str:
    """A hash of everything the compiled lexicon depends on."""
    here = Path(__file__).parent
    code = [here / name for name in _COMPILERS] + [tables_folder() / n for n in _TABLES]
    read = [path for kind in _KINDS for path in getattr(files, kind)]
    layout = ",".join(f"{kind}:{len(getattr(files, kind))}" for kind in _KINDS)
    return compiled_key(code, read, layout)


def load_lexicon(files: DictionaryPaths, use_cache: bool = True) -> ActorLexicon:
    """The compiled lexicon for `files`, from the cache when it is there."""
    if not use_cache:
        return _compile(files)
    return load_or_compile("actors", cache_key(files), lambda: _compile(files), ActorLexicon)


def _compile(files: DictionaryPaths) -> ActorLexicon:
    return ActorLexicon.load(files.actors, files.agents, files.discards, files.extra_actors)
