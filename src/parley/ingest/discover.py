"""Turn the paths a user gives into a stream of input files.

A folder is walked recursively in sorted order (so runs are reproducible); inside a
folder, hidden files and files of other types are passed over (a README next to the
articles is not an error), but a file named explicitly must be readable by parley.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {".txt": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


@dataclass(slots=True, frozen=True)
class Source:
    """One input file; `problem` is set when it cannot be read at all."""

    path: Path
    kind: str | None
    problem: str | None = None

    @property
    def origin(self) -> str:
        return str(self.path)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED:
                yield Path(root) / name


def discover(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Yield every input file under `paths`, with a problem for what cannot be read."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                yield Source(path, None, "cannot read folder (permission denied)")
                continue
            for file in _walk(path):
                yield Source(file, SUPPORTED[file.suffix.lower()])
        elif not path.exists():
            yield Source(path, None, "no such file or folder")
        elif not path.is_file():
            yield Source(path, None, "not a regular file")
        else:
            kind = SUPPORTED.get(path.suffix.lower())
            if kind is None:
                known = ", ".join(sorted(SUPPORTED))
                shown = path.suffix or "(none)"
                yield Source(path, None, f"unsupported file type {shown} (parley reads {known})")
            else:
                yield Source(path, kind)
