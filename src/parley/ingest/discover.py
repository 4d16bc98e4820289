"""Turn the paths a user gives into a stream of input files.

A folder is walked recursively in sorted order (so runs are reproducible); inside a
folder, hidden files and files of other types are passed over (a README next to the
articles is not an error), but a file named explicitly must be readable by parley.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {
    ".txt": "txt", ".pdf": "pdf", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
    ".parquet": "parquet",
}  # fmt: skip


@dataclass(slots=True, frozen=True)
class Source:
    """One input file; `problem` is set when it cannot be read at all."""

    path: Path
    kind: str | None
    problem: str | None = None

    @property
    def origin(self) -> str:
        return str(self.path)


def _walk(
    folder: Path, every: bool = False, on_skipped: Callable[[Path], None] | None = None
) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if every or Path(name).suffix.lower() in SUPPORTED:
                yield Path(root) / name
            elif on_skipped is not None:
                on_skipped(Path(root) / name)


def discover(
    paths: Iterable[str | Path],
    kind: str | None = None,
    on_skipped: Callable[[Path], None] | None = None,
) -> Iterator[Source]:
    """Yield every input file under `paths`, with a problem for what cannot be read.

    With `kind` (txt, pdf, html, jsonl, parquet) every file is read as that kind, whatever
    its name. Files of other types inside a folder are passed over, each told to
    `on_skipped`: a user who saved articles as .docx should hear that none was read.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                yield Source(path, None, "cannot read folder (permission denied)")
                continue
            for file in _walk(path, every=kind is not None, on_skipped=on_skipped):
                yield Source(file, kind or SUPPORTED[file.suffix.lower()])
        elif not path.exists():
            yield Source(path, None, "no such file or folder")
        elif not path.is_file():
            yield Source(path, None, "not a regular file")
        else:
            found = kind or SUPPORTED.get(path.suffix.lower())
            if found is None:
                known = ", ".join(sorted(SUPPORTED))
                shown = path.suffix or "(none)"
                yield Source(path, None, f"unsupported file type {shown} (parley reads {known})")
            else:
                yield Source(path, found)
