"""Taking turns on one DuckDB file: a `parley code` run writes, its readers ask to read.

DuckDB lets one process write a file or many processes read it, never both at once. So
that `parley query`, `parley serve` and the Python API can read while a run writes, a
reader that finds the file held leaves a request in a folder beside it
(`parley.duckdb.turns/`) and tries again. The writer looks for requests between
documents; finding one, it commits what it has buffered, closes the file, waits for the
readers to get in, and opens the file again once they have closed it. A writer kept
out by readers leaves a request too: `parley serve`, which keeps the file open between
requests, lets go of it at once when it sees one.

A request is a file that its process touches while it waits and removes once it has
the database open (or gives up). One left behind by a killed process stops being
touched, goes stale, and is removed, so it cannot stall anyone.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.02
# A request its reader has not touched for this long is left over from a reader that is
# gone (a waiting reader touches it every POLL_SECONDS).
STALE_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class Turns:
    """The requests of the processes waiting for the database at `database`."""

    database: Path

    @property
    def folder(self) -> Path:
        return self.database.with_name(self.database.name + ".turns")

    def asked(self, by: str = "read") -> bool:
        """Whether a reader (`by` "read") or a writer ("write") waits; stale requests
        are removed on the way. Cheap enough to ask per document: one directory scan,
        usually of a missing folder."""
        try:
            entries = [e for e in os.scandir(self.folder) if e.name.startswith(f"{by}-")]
        except OSError:
            return False
        now = time.time()
        waiting = False
        for entry in entries:
            try:
                fresh = now - entry.stat().st_mtime < STALE_SECONDS
            except OSError:  # removed by its reader meanwhile
                continue
            if fresh:
                waiting = True
            else:
                with suppress(OSError):
                    os.unlink(entry.path)
        return waiting

    def let_in(self) -> None:
        """After the writer closed the file: wait until the waiting readers have it open
        (each removes its request then), for as long as a request could stay fresh."""
        deadline = time.monotonic() + STALE_SECONDS
        while self.asked() and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS / 2)

    @contextmanager
    def request(self, by: str) -> Iterator[Callable[[], None]]:
        """Ask whoever holds the file to make way (`by` "read" or "write"); yields the
        function that keeps the request fresh. The request is withdrawn on leaving,
        whether its process got in or gave up. Where the process may not write beside the
        database (a read-only share), it cannot ask: it only waits."""
        path = self.folder / f"{by}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        try:
            self.folder.mkdir(exist_ok=True)
            path.touch()
        except OSError:
            yield lambda: None
            return
        try:
            yield path.touch
        finally:
            with suppress(OSError):
                path.unlink()
            with suppress(OSError):
                self.folder.rmdir()  # fails while another process waits: then it stays
