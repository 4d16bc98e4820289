"""Keeping Python's cyclic garbage collector off the tables a run loads once.

The dictionaries, the gazetteer and the analyser hold millions of objects that live as
long as the process. Every full collection walks all of them again (8 collections cost
0.74 s of a 3.2 s coding benchmark, measured with `gc.callbacks`), though none of them
can ever be garbage. While documents flow, they are moved out of the collector's sight
(`gc.freeze`); reference counting still frees everything as usual, and the collector
sees them again when the run ends. Documents themselves make no reference cycles (a
collection after 64 coded documents found no cyclic garbage), so nothing waits for it,
and young objects can be collected less often.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between young-generation collections while a run lasts (Python's default
# is 700): a coded sentence makes hundreds of objects that reference counting frees, so
# frequent young collections only walk the wave of documents still in flight again
# (2-8% of the coding benchmark, measured).
RUN_THRESHOLD = 20_000


@contextmanager
def frozen() -> Iterator[None]:
    """Everything alive now is left out of collections until the block ends, and young
    objects are collected less often."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(RUN_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def building() -> Iterator[None]:
    """No collections while a large table is built: hundreds of thousands of objects
    that can never be garbage would set off full collections that walk them all again
    (half the gazetteer's load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_loaded() -> None:
    """Leave a table loaded during a run (read on first use) out of collections too;
    outside a run (nothing frozen) it does nothing, so nothing stays frozen for good."""
    if gc.get_freeze_count():
        gc.freeze()
