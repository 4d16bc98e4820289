"""What a worker process (a pool's, or a Dask worker's) loads once and keeps.

A worker codes many waves or shards; loading the dictionaries (from the compiled cache)
takes about half a second, so each process loads them at its first task and keeps them
for the next ones, keyed by the files and analyser asked for.
"""

from __future__ import annotations

import functools

from parley.api import document_stages
from parley.config import Dictionaries, DictionaryPaths
from parley.limits import Limits
from parley.pipeline import Stage


@functools.lru_cache(maxsize=1)
def dictionaries(paths: DictionaryPaths, analyser: str) -> Dictionaries:
    """The dictionaries and analyser, loaded at a process's first task."""
    return Dictionaries.load(paths, analyser=analyser)


@functools.lru_cache(maxsize=1)
def stages(paths: DictionaryPaths, analyser: str, limits: Limits) -> list[Stage]:
    """The per-document stages (`parley.api.document_stages`) over those dictionaries."""
    return document_stages(dictionaries(paths, analyser), limits)
