"""A cache of compiled actor dictionaries, so a run starts in a fraction of a second.

Reading ~30,000 dictionary records takes most of a second; unpickling the compiled
tables takes a few hundredths. The cache file's name is a hash of the code that
compiles the dictionaries, the bundled code tables it holds, the Python version and each
dictionary's path, size and modification time, so editing a dictionary (or upgrading
parley) simply misses the cache. Where the cache folder cannot be written (a read-only
home, a sandbox) parley reads the dictionaries every time.

The folder is `$PARLEY_CACHE_DIR`, else `$XDG_CACHE_HOME/parley`, else `~/.cache/parley`.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from parley.actors.codes import COUNTRIES, SECTORS
from parley.actors.lexicon import ActorLexicon
from parley.tables import tables_folder

if TYPE_CHECKING:
    from parley.config import DictionaryPaths

# The modules whose code decides what a compiled lexicon holds.
_COMPILERS = ("lexicon.py", "dictfile.py", "petrarch.py", "entries.py", "matcher.py", "codes.py")
# The bundled tables compiled into it (the lexicon's CodeBook).
_TABLES = (COUNTRIES, SECTORS)


def cache_dir() -> Path:
    """Where compiled dictionaries are kept (see the module docstring)."""
    explicit = os.environ.get("PARLEY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parley"


def cache_key(files: DictionaryPaths) -> str:
    """A hash of everything the compiled lexicon depends on."""
    digest = hashlib.sha256(sys.version.encode())
    here = Path(__file__).parent
    for name in _COMPILERS:
        digest.update((here / name).read_bytes())
    for name in _TABLES:
        digest.update((tables_folder() / name).read_bytes())
    for kind in ("actors", "agents", "discards", "extra_actors"):
        for path in getattr(files, kind):
            stat = path.stat()
            digest.update(f"|{kind}|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def load_lexicon(files: DictionaryPaths, use_cache: bool = True) -> ActorLexicon:
    """The compiled lexicon for `files`, from the cache when it is there."""
    if not use_cache:
        return _compile(files)
    path = cache_dir() / f"actors-{cache_key(files)}.pickle"
    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
        if isinstance(found, ActorLexicon):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass  # missing or unreadable: compile and try to write it
    lexicon = _compile(files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        with partial.open("wb") as handle:
            pickle.dump(lexicon, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass  # a cache we cannot write only costs time
    return lexicon


def _compile(files: DictionaryPaths) -> ActorLexicon:
    return ActorLexicon.load(files.actors, files.agents, files.discards, files.extra_actors)
