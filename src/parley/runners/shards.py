"""Shards: the input cut into pieces of about N documents, for workers on other machines.

A shard is a run of consecutive inputs in the order `discover` gives them: whole files,
or a window of a big JSON Lines or Parquet file (whole lines, whole row groups), so a
ten-million-line file spreads over a cluster like ten thousand small files do. The plan
is made from file sizes and line counts alone, before anything is parsed, and is the
same every time for the same inputs: that is what lets a rerun find its finished shards.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.parquet as pq

from parley.document import Document, Rejection
from parley.ingest.discover import Source, discover
from parley.ingest.readers import Window, read
from parley.limits import DEFAULT_LIMITS, Limits


@dataclass(slots=True, frozen=True)
class Part:
    """One input file, or a window of one (`parley.ingest.readers.Window`)."""

    source: Source
    window: Window | None = None
    size: int = 1  # documents it holds, about


@dataclass(slots=True, frozen=True)
class Shard:
    """Consecutive parts of the input; `number` orders shards as the inputs are ordered."""

    number: int
    parts: tuple[Part, ...]

    @property
    def name(self) -> str:
        return f"shard-{self.number:05d}"

    def items(self, limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | Rejection]:
        """Its documents and read rejections, in input order."""
        for part in self.parts:
            yield from read(part.source, part.window, limits)


def plan(paths: Iterable[str], kind: str | None, size: int) -> list[Shard]:
    """Shards of about `size` documents each (a part is never split)."""
    shards: list[Shard] = []
    parts: list[Part] = []
    held = 0
    for source in discover(paths, kind):
        for part in _parts(source, size):
            parts.append(part)
            held += part.size
            if held >= size:
                shards.append(Shard(len(shards), tuple(parts)))
                parts, held = [], 0
    if parts:
        shards.append(Shard(len(shards), tuple(parts)))
    return shards


def _parts(source: Source, size: int) -> Iterator[Part]:
    """A file as one part, or a big JSON Lines or Parquet file as windows of `size`
    records. A file parley cannot open stays whole: reading it gives the rejection."""
    windows: list[Window] = []
    if source.problem is None and source.kind == "jsonl":
        windows = _line_windows(source, size)
    elif source.problem is None and source.kind == "parquet":
        windows = _row_group_windows(source, size)
    if len(windows) < 2:
        yield Part(source, size=max(1, sum(w.count for w in windows)))
        return
    for window in windows:
        yield Part(source, window, size=size)


def _line_windows(source: Source, size: int) -> list[Window]:
    """Windows of `size` lines (byte offset, first line number, lines)."""
    windows: list[Window] = []
    try:
        with source.path.open("rb") as handle:
            start, number, count = 0, 1, 0
            offset = 0
            for line in handle:
                count += 1
                offset += len(line)
                if count == size:
                    windows.append(Window(start, number, count))
                    start, number, count = offset, number + count, 0
            if count:
                windows.append(Window(start, number, count))
    except OSError:
        return []  # reading it whole gives the rejection, with the reason
    return windows


def _row_group_windows(source: Source, size: int) -> list[Window]:
    """Windows of whole row groups holding about `size` rows (first group, first row
    number, groups)."""
    try:
        metadata = pq.ParquetFile(source.path).metadata
    except (OSError, pa.ArrowException):
        return []
    windows: list[Window] = []
    start, first, rows = 0, 1, 0
    for group in range(metadata.num_row_groups):
        rows += metadata.row_group(group).num_rows
        if rows >= size:
            windows.append(Window(start, first, group + 1 - start))
            start, first, rows = group + 1, first + rows, 0
    if start < metadata.num_row_groups:
        windows.append(Window(start, first, metadata.num_row_groups - start))
    return windows


def fingerprint(shards: Iterable[Shard]) -> str:
    """A digest of the plan and of every input's size and modification time: a rerun
    whose inputs are unchanged has the same one."""
    digest = hashlib.sha256()
    for shard in shards:
        for part in shard.parts:
            path = part.source.path
            try:
                stat = path.stat()
                seen = f"{stat.st_size}:{stat.st_mtime_ns}"
            except OSError:
                seen = "missing"
            digest.update(f"{shard.number}|{path}|{seen}|{part.window}\n".encode())
    return digest.hexdigest()[:16]
