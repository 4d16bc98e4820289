"""Gold standards: JSON Lines records, or PETRARCH validation XML files.

Both become `GoldRecord`s. A PETRARCH file also names, in its `<Environment>`, the
dictionaries its records were coded with; `<Parse>` trees are ignored (parley reads text).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from parley.dates import parse_date
from parley.errors import ParleyError

Triple = tuple[str, str, str]  # (source, target, code)


@dataclass(slots=True, frozen=True)
class GoldRecord:
    """One sentence and the events a careful coder listed for it."""

    id: str
    date: dt.date | None
    text: str
    expected: frozenset[Triple]
    category: str = ""
    noevents: bool = False
    error: bool = False


@dataclass(slots=True)
class GoldSet:
    """Records plus, for PETRARCH XML, the dictionary files its environment names."""

    name: str
    records: list[GoldRecord]
    dictionaries: dict[str, list[str]] = field(default_factory=dict)


class GoldError(ParleyError):
    """A gold file that cannot be read at all."""


def _truthy(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1", "yes")


def read_jsonl_gold(path: Path) -> GoldSet:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            expected = frozenset(
                (e["source"], e["target"], e["code"]) for e in raw.get("expected") or []
            )
            records.append(
                GoldRecord(
                    id=str(raw["id"]),
                    date=parse_date(raw["date"]) if raw.get("date") else None,
                    text=raw["text"],
                    expected=frozenset() if raw.get("noevents") else expected,
                    category=raw.get("category", ""),
                    noevents=bool(raw.get("noevents")),
                    error=bool(raw.get("error")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{number}: not a gold record ({exc})") from exc
    return GoldSet(path.name, records)


_ENVIRONMENT = {
    "verbfile": "verbs", "actorfile": "actors", "agentfile": "agents",
    "discardfile": "discards",
}  # fmt: skip


def read_xml_gold(path: Path) -> GoldSet:
    """`<Sentence date id category>` with `<EventCoding …>` and `<Text>` children."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise GoldError(f"{path}: not valid XML ({exc})") from exc
    dictionaries: dict[str, list[str]] = {}
    for env in root.iter("Environment"):
        for child in env:
            kind = _ENVIRONMENT.get(child.tag.lower())
            if kind and child.text and child.text.strip():
                dictionaries.setdefault(kind, []).extend(
                    n.strip() for n in child.text.split(",") if n.strip()
                )
    records = []
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        text = " ".join((text_node.text or "").split()) if text_node is not None else ""
        expected, noevents, error = set(), False, False
        for coding in sentence.findall("EventCoding"):
            if _truthy(coding.get("noevents", "")):
                noevents = True
            elif coding.get("error"):
                error = True
            elif coding.get("eventcode"):
                expected.add(
                    (coding.get("sourcecode", ""), coding.get("targetcode", ""),
                     coding.get("eventcode", ""))
                )  # fmt: skip
        date = sentence.get("date")
        records.append(
            GoldRecord(
                id=sentence.get("id", ""),
                date=parse_date(date) if date else None,
                text=text,
                expected=frozenset(expected),
                category=sentence.get("category", ""),
                noevents=noevents,
                error=error,
            )
        )
    return GoldSet(path.name, records, dictionaries)


def read_gold(path: Path) -> GoldSet:
    """JSON Lines or PETRARCH XML, by the file's first non-blank character."""
    try:
        head = path.read_text(encoding="utf-8").lstrip()[:1]
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc.strerror})") from exc
    if head == "<":
        return read_xml_gold(path)
    if head == "{":
        return read_jsonl_gold(path)
    raise GoldError(f"{path}: neither JSON Lines nor PETRARCH XML")
