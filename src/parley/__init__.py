"""parley: political event data from raw articles.

Who did what to whom, coded in CAMEO with a PLOVER mapping, every event traceable to the
sentence and dictionary entry that produced it. `parley.code_files` is what `parley
code` runs; see `parley.api` for the stages and the one-text functions.
"""

import parley.blas_threads  # noqa: F401  (first: before NumPy is loaded)
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
