"""parley: political event data from raw articles.

Who did what to whom, coded in CAMEO with a PLOVER mapping, every event traceable to the
sentence and dictionary entry that produced it. `parley.code_files` is what `parley
code` runs; see `parley.api` for the stages and the one-text functions.

The names below are imported on first use, not with `import parley`: the command line
imports this package for every command (`parley --help` included), and loading NumPy,
DuckDB and the coder for a command that needs none of them cost a third of a second.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import parley.blas_threads  # noqa: F401  (first: before NumPy is loaded)

if TYPE_CHECKING:
    from parley.api import (
        code_document,
        code_text,
        coding_stages,
        find_actors,
        find_places,
        find_times,
        read_paths,
    )
    from parley.coding import RunReport, Settings, code_files, code_items
    from parley.config import Dictionaries, DictionaryPaths
    from parley.document import Document, Event, Mention, Rejection, Sentence, Span
    from parley.pipeline import Counters, Pipeline
    from parley.query.database import EventDatabase
    from parley.query.filters import EventFilter
    from parley.resolve.places import FoundPlace
    from parley.resolve.times import FoundTime
    from parley.store.duckdb_store import DuckDBStore

__version__ = "0.1.0"

__all__ = [
    "Counters",
    "Dictionaries",
    "DictionaryPaths",
    "Document",
    "DuckDBStore",
    "Event",
    "EventDatabase",
    "EventFilter",
    "FoundPlace",
    "FoundTime",
    "Mention",
    "Pipeline",
    "Rejection",
    "RunReport",
    "Sentence",
    "Settings",
    "Span",
    "__version__",
    "code_document",
    "code_files",
    "code_items",
    "code_text",
    "coding_stages",
    "find_actors",
    "find_places",
    "find_times",
    "read_paths",
]

# the modules that define the public names (`__getattr__` looks each name up in them)
_HOMES = {
    "parley.api": ("code_document", "code_text", "coding_stages", "find_actors",
                   "find_places", "find_times", "read_paths"),
    "parley.coding": ("RunReport", "Settings", "code_files", "code_items"),
    "parley.config": ("Dictionaries", "DictionaryPaths"),
    "parley.document": ("Document", "Event", "Mention", "Rejection", "Sentence", "Span"),
    "parley.pipeline": ("Counters", "Pipeline"),
    "parley.query.database": ("EventDatabase",),
    "parley.query.filters": ("EventFilter",),
    "parley.resolve.places": ("FoundPlace",),
    "parley.resolve.times": ("FoundTime",),
    "parley.store.duckdb_store": ("DuckDBStore",),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    """A public name, imported from its module when first asked for (PEP 562)."""
    for home, names in _HOMES.items():
        if name in names:
            return getattr(importlib.import_module(home), name)
    raise AttributeError(f"module 'parley' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
