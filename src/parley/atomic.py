"""Output files that appear whole or not at all.

A writer that opens its output under the final name leaves a truncated file there when
it is stopped part-way (an error, Ctrl-C, a kill), and has already destroyed the complete
file an earlier run wrote. Here, a file is written under a hidden temporary name in the
same folder (`.NAME.parley-XXXXXXXX.tmp`) and renamed onto its final name only when the
writing finished; a rename within one folder replaces the old file at once, so a reader
sees the old file or the new one, never part of one. On an exception (KeyboardInterrupt
included) the temporary file is removed and the old file is left as it was. A SIGKILL
runs no clean-up: it can leave a temporary file behind, never a partial file under the
final name.

A new file gets the mode `open(NAME, "w")` would give it (0o666 less the umask); a file
replaced keeps its mode. A path that is not a regular file (a named pipe, a device) or that
names a stream (`/dev/stdout`) cannot be replaced and is written in place.

>>> with atomic_text("events.csv", newline="") as stream:            # doctest: +SKIP
...     stream.write("event_id\\n")
>>> with atomic_path("events.parquet") as temporary:                  # doctest: +SKIP
...     pyarrow.parquet.write_table(table, temporary)
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, BinaryIO

_NAME_KEPT = 200  # of the final name, in the temporary one (names are at most 255 bytes)
_TRIES = 100
# Names of streams, not files (/dev/stdout, /proc/self/fd/1): written in place, even
# when the stream they name is a regular file (`-o /dev/stdout >> log`).
_STREAMS = ("/dev/", "/proc/")


def temporary_name(target: Path) -> Path:
    """A hidden name beside `target` for its temporary file (random; not created)."""
    return target.with_name(f".{target.name[:_NAME_KEPT]}.parley-{secrets.token_hex(4)}.tmp")


def _create_beside(target: Path, mode: int | None) -> Path:
    """Create an empty temporary file beside `target`; its path. Created as `open` would
    create a file (0o666 less the umask), then given `mode` if there is one."""
    for _ in range(_TRIES):
        temporary = temporary_name(target)
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        if mode is not None:
            try:
                os.chmod(temporary, mode)
            except BaseException:
                temporary.unlink()
                raise
        return temporary
    raise FileExistsError(f"{target}: no free temporary name beside it")


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to write `target`'s new content to (an empty file beside it); renamed onto
    `target` when the block ends normally, removed when it raises."""
    try:
        found = os.stat(target)
    except FileNotFoundError:
        found = None
    streamed = found is not None and not stat.S_ISREG(found.st_mode)  # a pipe, a device
    if streamed or os.path.abspath(target).startswith(_STREAMS):  # nothing to replace
        yield Path(target)
        return
    mode = stat.S_IMODE(found.st_mode) if found is not None else None
    final = Path(os.path.realpath(target))  # through a link, replace what it points to
    temporary = _create_beside(final, mode)
    try:
        yield temporary
        os.replace(temporary, final)
    except BaseException:
        with suppress(FileNotFoundError):
            temporary.unlink()
        raise


@contextmanager
def atomic_binary(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary stream whose content becomes `target` when the block ends normally."""
    with atomic_path(target) as path, open(path, "wb") as stream:
        yield stream


@contextmanager
def atomic_text(
    target: str | os.PathLike[str], encoding: str = "utf-8", newline: str | None = None
) -> Iterator[IO[str]]:
    """A text stream whose content becomes `target` when the block ends normally."""
    with atomic_path(target) as path, open(path, "w", encoding=encoding, newline=newline) as stream:
        yield stream
