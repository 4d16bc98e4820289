"""parley's own bundled tables (`data/tables/*.tsv`): one reader for all of them.

Each table is tab-separated UTF-8: `#` comment lines first (what the table is and where
its facts come from), then a header row, then one row per fact.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

from parley.errors import ParleyError


def bundled_data() -> Path:
    """The folder of all data shipped inside the package (`parley/data`)."""
    return Path(str(resources.files("parley") / "data"))


def tables_folder() -> Path:
    """The folder of the bundled tables."""
    return bundled_data() / "tables"


def table_rows(path: Path) -> list[list[str]]:
    """The rows of a table, comments, header and blank lines left out."""
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [row for row in csv.reader(lines[1:], delimiter="\t") if row]


def table_map(path: Path) -> dict[str, str]:
    """A two-column table as a lookup: first column → second."""
    return {row[0]: row[1] for row in table_rows(path)}


def table_kinds(path: Path, kinds: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """A `word kind` table as the words of each of `kinds`; a row of another kind is an
    error naming the table, not a word silently ignored."""
    found: dict[str, set[str]] = {kind: set() for kind in kinds}
    for word, kind in table_rows(path):
        if kind not in found:
            raise ParleyError(
                f"{path.name}: '{word}' has kind '{kind}'; kinds are {', '.join(kinds)}"
            )
        found[kind].add(word)
    return {kind: frozenset(words) for kind, words in found.items()}
