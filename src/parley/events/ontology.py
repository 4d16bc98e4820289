"""CAMEO event-code facts: descriptions, root, quad class, Goldstein score, PLOVER mapping.

The tables are bundled data files (see `parley/data/tables/` and NOTICE): CAMEO codes and
descriptions, the Goldstein scale, and the 2021 CAMEO→PLOVER conversion table. Every code
the bundled dictionary and tables can emit has its own row in the first two (a test
checks it), so that `explain` never shows a parent's name for a code. A Goldstein value
the scale does not give is its parent's, written out with `"inherited_from"` naming the
parent (`1213` has `121`'s), so that the table says which values nobody scored. The
PLOVER table is hierarchical: a code it does not list takes its parent's row, and roots
01 and 02 (statements, appeals) it does not convert at all.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from parley.tables import tables_folder

V = TypeVar("V")
_PLOVER_RE = re.compile(r"^(\d{2,4}):\s*([^#]*)")


@dataclass(slots=True, frozen=True)
class CodeFacts:
    """What the tables say about one CAMEO event code."""

    code: str
    root: str
    quad_class: int | None
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    description: str | None


def quad_class(root: str) -> int | None:
    """GDELT/CAMEO convention: 1 verbal coop (01–05), 2 material coop (06–08),
    3 verbal conflict (09–13), 4 material conflict (14–20)."""
    if not (root.isascii() and root.isdigit()):
        return None
    value = int(root)
    if 1 <= value <= 5:
        return 1
    if 6 <= value <= 8:
        return 2
    if 9 <= value <= 13:
        return 3
    if 14 <= value <= 20:
        return 4
    return None


def longest_prefix(table: dict[str, V], code: str) -> V | None:
    """The value of the longest prefix of `code` (two digits at least) that `table` has:
    a code not listed takes its parent's (`0841` → `084`)."""
    for size in range(len(code), 1, -1):
        if code[:size] in table:
            return table[code[:size]]
    return None


@dataclass(slots=True)
class Ontology:
    """Lookups over the bundled CAMEO tables; codes not listed fall back to their parent."""

    descriptions: dict[str, str]
    goldstein: dict[str, float]
    plover: dict[str, tuple[str, str | None]]
    # facts already looked up: every event asks, and a lexicon has a few hundred codes
    _memo: dict[str, CodeFacts] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None = None) -> Ontology:
        base = folder or tables_folder()
        descriptions: dict[str, str] = {}
        for line in (base / "CAMEO.eventcodes.txt").read_text(encoding="utf-8").splitlines()[1:]:
            code, _, text = line.partition("\t")
            if code.strip():
                descriptions[code.strip()] = text.strip()
        scale = json.loads((base / "CAMEO.goldstein.json").read_text(encoding="utf-8"))
        goldstein = {code: float(item["value"]) for code, item in scale.items()}
        plover: dict[str, tuple[str, str | None]] = {}
        for line in (base / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
            match = _PLOVER_RE.match(line)
            if match:
                fields = [f.strip() for f in match.group(2).split(",")]
                mode = fields[1] if len(fields) > 1 and fields[1] else None
                plover[match.group(1)] = (fields[0], mode)
        return cls(descriptions, goldstein, plover)

    def facts(self, code: str) -> CodeFacts:
        found = self._memo.get(code)
        if found is None:
            found = self._memo[code] = self._facts(code)
        return found

    def _facts(self, code: str) -> CodeFacts:
        root = code[:2]
        plover = longest_prefix(self.plover, code)
        return CodeFacts(
            code=code,
            root=root,
            quad_class=quad_class(root),
            goldstein=longest_prefix(self.goldstein, code),
            plover_type=plover[0] if plover else None,
            plover_mode=plover[1] if plover else None,
            description=longest_prefix(self.descriptions, code),
        )
