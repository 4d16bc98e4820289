"""Compiled forms of the tables a run reads at start-up, kept between runs.

Reading the actor dictionaries, the verb dictionary and the gazetteer from their text
files takes most of two seconds; unpickling what they compile to takes a tenth of
that. A compiled table is kept under a name that hashes everything it was made from:
the code that compiles it, the files it reads (path, size and modification time), the
Python version and parley's. Editing a dictionary or upgrading parley simply misses the
cache, and the table is compiled again. Where the cache folder cannot be written (a
read-only home, a sandbox), parley compiles every time.

The folder is `$PARLEY_CACHE_DIR`, else `$XDG_CACHE_HOME/parley`, else `~/.cache/parley`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from parley import heap

T = TypeVar("T")
KEPT = 8  # compiled tables kept of each kind (several dictionary sets in use)


def quick_state(cls: type[T]) -> type[T]:
    """Class decorator for a frozen slotted dataclass kept by the millions in a compiled
    table: unpickled, it sets its fields straight from its state. The `__setstate__`
    dataclasses writes asks `dataclasses.fields` again for every object, half the time
    of loading the verb dictionary (27,000 objects)."""
    names = tuple(f.name for f in dataclasses.fields(cls))  # type: ignore[arg-type]

    def __setstate__(self: object, state: tuple) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls


def cache_dir() -> Path:
    """Where compiled tables are kept (see the module docstring)."""
    explicit = os.environ.get("PARLEY_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "parley"


def cache_key(code: Iterable[Path], files: Iterable[Path], layout: str = "") -> str:
    """A hash of the `code` that compiles a table (its bytes), of the `files` it reads
    (path, size, modification time) and their `layout` (which file is which kind), with
    the Python and parley versions."""
    digest = hashlib.sha256(f"{sys.version}|{metadata.version('parley')}|{layout}".encode())
    for path in code:
        digest.update(path.read_bytes())
    for path in files:
        stat = path.stat()
        digest.update(f"|{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def load_or_compile(kind: str, key: str, compile_: Callable[[], T], expected: type[T]) -> T:
    """The table of this `kind` kept under `key`, or `compile_()`'s, then kept."""
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with path.open("rb") as handle, heap.building():  # millions of objects: no GC
            found = pickle.load(handle)
        if isinstance(found, expected):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass  # missing or unreadable: compile it and try to keep it
    table = compile_()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        with partial.open("wb") as handle:
            pickle.dump(table, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        _prune(path.parent, kind)
    except OSError:
        pass  # a cache we cannot write only costs time
    return table


def _prune(folder: Path, kind: str) -> None:
    """Keep the `KEPT` tables of a kind written last: every upgrade or edited
    dictionary leaves one behind, and the gazetteer's is 17 MB."""
    found = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in found[:-KEPT]:
        old.unlink(missing_ok=True)
