"""parley's own dictionary format: one record per block, one fact per line.

PETRARCH files pack names, synonyms and dated codes into `_`-joined words, brackets and
two-digit years, which makes a change hard to review. This format says the same facts in
words a reviewer can read and `git diff` shows line by line::

    actor: JUNICHIRO KOIZUMI
      kind: person
      alias: PRIME MINISTER KOIZUMI
      code: JPNGOV 2001-04-26..2006-09-26
      code: JPNELI
      source: Phoenix.Countries.actors.txt:24400

    agent: PRIME MINISTER
      plural: PRIME MINISTERS
      code: ~GOV

    agent: STATES
      code: ~GOV
      written: capitalised

    discard: SOUP OPERA
    discard story: FOOTBALL MATCH

Names are matched case-insensitively, with possessives and abbreviation dots ignored; a
trailing `*` lets the last word take any ending (`ARGENTIN*`). A `code` without dates is
the fallback outside the dated ones; dates are ISO, either end may be left open
(`2017-01-20..`); codes joined by `/` (`FRO/BIL/SAM`) name several actors, each of
which acts. In an agent's code `~` stands for the actor's own code: `~GOV` adds
`GOV` after the country (`JPN` → `JPNGOV`), `IGO~` puts `IGO` before it. `kind` is one
of country, capital, place, person, organisation (see `parley.actors.entries`). An
agent `written: capitalised` names one only where a cased text capitalises it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from parley.actors.entries import (
    KINDS,
    ActorEntry,
    AgentEntry,
    DatedCode,
    Discard,
    Issue,
    Phrase,
    dictionary_text,
)
from parley.errors import DictionaryError
from parley.text.tokens import phrase_key

_HEAD_RE = re.compile(r"^(actor|agent|discard|discard story):\s*(.*)$")
_FIELD_RE = re.compile(r"^\s+([a-z]+):\s*(.*)$")
_CODE_RE = re.compile(
    r"^([A-Z0-9]+(?:/[A-Z0-9]+)*)(?:\s+(\d{4}-\d\d-\d\d)?\.\.(\d{4}-\d\d-\d\d)?)?$"
)
_AGENT_CODE_RE = re.compile(r"^(~[A-Z0-9]+|[A-Z0-9]+~)$")


@dataclass(slots=True)
class DictionaryFile:
    """Everything one file defines; a file may mix actors, agents and discards."""

    actors: list[ActorEntry] = field(default_factory=list)
    agents: list[AgentEntry] = field(default_factory=list)
    discards: list[Discard] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def is_parley_format(path: Path) -> bool:
    """Whether the first line that is not blank or a comment opens a parley record."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.strip() and not line.lstrip().startswith("#"):
                    return _HEAD_RE.match(line.rstrip()) is not None
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read dictionary ({exc.strerror})") from exc
    return False


def parse_phrase(text: str) -> Phrase | None:
    """`NORTH KOREA` matches those words; `ARGENTIN*` matches `Argentina`, `Argentine`..."""
    text = text.strip()
    stem = text.endswith("*")
    key = phrase_key(text.rstrip("*"))
    return Phrase(key, stem) if key else None


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def parse_code(text: str) -> DatedCode:
    """`JPNGOV`, `JPNGOV 2001-04-26..2006-09-26`, `USAGOV 2017-01-20..`; a compound
    code `FRO/BIL/SAM` names one actor per code."""
    found = _CODE_RE.match(" ".join(text.split()))
    if found is None:
        raise ValueError(f"bad code '{text}' (want CODE or CODE YYYY-MM-DD..YYYY-MM-DD)")
    code, start, end = found.groups()
    try:
        dated = DatedCode(code, _date(start), _date(end))
    except ValueError as exc:
        raise ValueError(f"bad date in '{text}': {exc}") from exc
    if dated.start and dated.end and dated.start > dated.end:
        raise ValueError(f"dates out of order in '{text}'")
    return dated


@dataclass(slots=True)
class _Record:
    head: str
    name: str
    line: int
    fields: list[tuple[int, str, str]] = field(default_factory=list)


def _records(path: Path, issues: list[Issue]) -> Iterable[_Record]:
    text = dictionary_text(path)
    record: _Record | None = None
    for number, raw in enumerate(text.split("\n"), start=1):  # as editors number lines
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        head = _HEAD_RE.match(line)
        if head:
            if record is not None:
                yield record
            record = _Record(head.group(1), head.group(2).strip(), number)
            continue
        found = _FIELD_RE.match(line)
        if found is None or record is None:
            issues.append(Issue(str(path), number, f"not a record or field: '{line.strip()}'"))
            continue
        record.fields.append((number, found.group(1), found.group(2).strip()))
    if record is not None:
        yield record


def read_dictionary(path: Path) -> DictionaryFile:
    """Read a parley-format file; bad lines are reported with their number and skipped."""
    out = DictionaryFile()
    for record in _records(path, out.issues):
        where = f"{path.name}:{record.line}"
        try:
            if record.head == "actor":
                out.actors.append(_actor(record, where, path, out.issues))
            elif record.head == "agent":
                out.agents.append(_agent(record, where, path, out.issues))
            else:
                phrase = parse_phrase(record.name)
                if phrase is None:
                    raise ValueError("empty discard phrase")
                source = next((v for _, k, v in record.fields if k == "source"), "")
                out.discards.append(Discard(phrase, record.head == "discard story", where, source))
        except ValueError as exc:
            out.issues.append(Issue(str(path), record.line, f"{record.name}: {exc}"))
    return out


def _actor(record: _Record, where: str, path: Path, issues: list[Issue]) -> ActorEntry:
    phrases = [parse_phrase(record.name)]
    codes: list[DatedCode] = []
    kind, source = "organisation", ""
    for number, key, value in record.fields:
        try:
            if key == "alias":
                phrases.append(parse_phrase(value))
            elif key == "code":
                codes.append(parse_code(value))
            elif key == "kind":
                if value not in KINDS:
                    raise ValueError(f"unknown kind '{value}' (want one of {', '.join(KINDS)})")
                kind = value
            elif key == "source":
                source = value
            else:
                raise ValueError(f"'{key}' is not a field of an actor")
        except ValueError as exc:
            issues.append(Issue(str(path), number, str(exc)))
    if not codes:
        raise ValueError("no code")
    found = tuple(p for p in phrases if p is not None)
    if not found:
        raise ValueError("no name")
    return ActorEntry(record.name, where, found, tuple(codes), kind, source)


def _agent(record: _Record, where: str, path: Path, issues: list[Issue]) -> AgentEntry:
    pairs = [(parse_phrase(record.name), False)]
    code, source, capitalised = "", "", False
    for number, key, value in record.fields:
        if key == "written" and value == "capitalised":
            capitalised = True
        elif key == "plural":
            pairs.append((parse_phrase(value), True))
        elif key == "alias":
            pairs.append((parse_phrase(value), False))
        elif key == "code" and _AGENT_CODE_RE.match(value):
            code = value
        elif key == "source":
            source = value
        else:
            issues.append(Issue(str(path), number, f"bad agent field '{key}: {value}'"))
    if not code:
        raise ValueError("no code (want ~CODE or CODE~)")
    kept = [(p, plural) for p, plural in pairs if p is not None]
    return AgentEntry(
        record.name,
        where,
        tuple(p for p, _ in kept),
        code.strip("~"),
        code.endswith("~"),
        tuple(plural for _, plural in kept),
        source,
        capitalised,
    )


def _phrase_text(phrase: Phrase) -> str:
    return " ".join(phrase.key) + ("*" if phrase.stem else "")


def code_text(code: DatedCode) -> str:
    """The `code:` value for `code`: what `parse_code` reads back."""
    if not code.dated:
        return code.code
    start = code.start.isoformat() if code.start else ""
    end = code.end.isoformat() if code.end else ""
    return f"{code.code} {start}..{end}"


def format_actor(entry: ActorEntry) -> str:
    """The record for `entry`, ending with a blank line."""
    lines = [f"actor: {_phrase_text(entry.phrases[0])}", f"  kind: {entry.kind}"]
    lines += [f"  alias: {_phrase_text(p)}" for p in entry.phrases[1:]]
    lines += [f"  code: {code_text(c)}" for c in entry.codes]
    if entry.source:
        lines.append(f"  source: {entry.source}")
    return "\n".join(lines) + "\n\n"


def format_agent(entry: AgentEntry) -> str:
    lines = [f"agent: {_phrase_text(entry.phrases[0])}"]
    lines += [
        f"  {'plural' if is_plural else 'alias'}: {_phrase_text(p)}"
        for p, is_plural in zip(entry.phrases[1:], entry.plurals()[1:], strict=True)
    ]
    lines.append(f"  code: {entry.written_code}")
    if entry.capitalised:
        lines.append("  written: capitalised")
    if entry.source:
        lines.append(f"  source: {entry.source}")
    return "\n".join(lines) + "\n\n"


def format_discard(entry: Discard) -> str:
    head = "discard story" if entry.story else "discard"
    source = f"\n  source: {entry.source}" if entry.source else ""
    return f"{head}: {_phrase_text(entry.phrase)}{source}\n"
