"""Named exceptions that the CLI turns into one-line messages instead of tracebacks."""

from __future__ import annotations


def one_line(exc: BaseException, limit: int = 300) -> str:
    """An exception's message on one line (libraries' messages span several), cut short."""
    return " ".join(str(exc).split())[:limit]


class ParleyError(Exception):
    """Base class: anything parley raises on purpose carries a message fit for a user."""


class RejectDocument(ParleyError):
    """Raised by a reader or a stage when one input cannot be coded; the run goes on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DictionaryError(ParleyError):
    """A dictionary file cannot be used at all (missing, unreadable, empty)."""


class StoreError(ParleyError):
    """The database cannot be opened or written (locked by another writer, not DuckDB)."""
