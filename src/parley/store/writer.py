"""One writer at a time: a lock beside the database, held for the whole of a run.

DuckDB's own lock lasts only while the file is open, and a `parley code` run closes the
file whenever it makes way for readers (`parley.store.turns`). A second writer (another
run, an upload of `parley serve`) could take the file in that gap, and the first run,
opening it again, would find it taken and stop. So every writer first takes this lock,
an operating-system lock on `NAME.writer` beside the database, and keeps it until it
closes the store, through every turn it gives readers. The lock dies with its process:
a killed run leaves nothing that keeps the next one out.

The file names the process that holds it, so that a refused writer can say whom it
waits for. It is removed on release; a writer that locked a file removed meanwhile
(another writer's release came between its open and its lock) tries again on the new
file, so two writers can never hold two files.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from parley.errors import StoreError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


def lock_path(database: Path) -> Path:
    """Where the writer lock of `database` lives."""
    return database.with_name(database.name + ".writer")


@dataclass(slots=True)
class WriterLock:
    """The lock of the one process that may write `database`; `acquire` or refuse."""

    database: Path
    _fd: int | None = field(default=None, init=False)

    @property
    def path(self) -> Path:
        return lock_path(self.database)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock at once, or raise StoreError naming the writer that holds it."""
        if self._fd is not None:
            return
        for _ in range(100):  # each retry follows another writer's release: few ever
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise StoreError(
                    f"{self.database}: cannot write beside the database to lock it ({exc.strerror})"
                ) from exc
            if not _try_lock(fd):
                holder = _read(fd)
                os.close(fd)
                raise StoreError(
                    f"{self.database}: cannot open database (another parley run is "
                    f"writing to it{holder}; try again when it has finished)"
                )
            if _same_file(fd, self.path):
                self._fd = fd
                _write(fd, f"pid {os.getpid()}, since {dt.datetime.now():%Y-%m-%d %H:%M:%S}")
                return
            os.close(fd)  # the file was removed by a writer that let go: lock the new one
        raise StoreError(f"{self.database}: cannot lock the database ({self.path} keeps changing)")

    def release(self) -> None:
        """Let the next writer in. The file goes first, while still locked."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with suppress(OSError):
            self.path.unlink()
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = path.stat()
    except OSError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _read(fd: int) -> str:
    """`: pid 123, since …` from the holder's file, or nothing (Windows' lock also keeps
    others from reading the locked byte)."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except (OSError, AttributeError):
        return ""
    return f" ({text})" if text else ""


def _write(fd: int, text: str) -> None:
    with suppress(OSError, AttributeError):  # the lock counts; the words only help
        os.ftruncate(fd, 0)
        os.pwrite(fd, text.encode("utf-8"), 0)
