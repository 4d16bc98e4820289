"""Readers for PETRARCH/TABARI-format actor, agent and discard dictionaries.

The format is decades old and the public files contain real defects (`AD!MINIST!RATIVE`,
impossible dates), so every reader reports a malformed line with its file and line number,
skips it and goes on: one bad line must not cost a user the other hundred thousand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from parley.dates import parse_date
from parley.errors import DictionaryError
from parley.text.tokens import phrase_key

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_SUBST_DEF_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_SUBST_USE_RE = re.compile(r"![A-Z]+!")
_MIN_STEM = 4


@dataclass(slots=True, frozen=True)
class Issue:
    """A line of a dictionary that was skipped, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(slots=True, frozen=True)
class DatedCode:
    """An actor code valid from `start` to `end` inclusive (open when None)."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True, frozen=True)
class Phrase:
    """Normalised tokens of a dictionary phrase; `stem` lets the last word take suffixes."""

    key: tuple[str, ...]
    stem: bool


@dataclass(slots=True, frozen=True)
class ActorEntry:
    """One actor with its names and its (possibly date-restricted) codes."""

    name: str
    where: str
    phrases: tuple[Phrase, ...]
    codes: tuple[DatedCode, ...]

    def code_on(self, day: dt.date | None) -> str | None:
        """The code that holds on `day`; an undated code is the fallback for other days.

        With no date known, an undated code is preferred, then the most recent role.
        """
        undated = [c for c in self.codes if c.start is None and c.end is None]
        if day is not None:
            for dated in self.codes:
                if (dated.start or dated.end) and dated.holds_on(day):
                    return dated.code
        if undated:
            return undated[0].code
        if day is None and self.codes:
            return max(self.codes, key=lambda c: c.start or dt.date.min).code
        return None


@dataclass(slots=True, frozen=True)
class AgentEntry:
    """A sector/role noun (`officials`, `foreign minister`) and the code it adds."""

    name: str
    where: str
    phrases: tuple[Phrase, ...]
    code: str
    prefix: bool


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield `(line number, content)` without comments, HTML comment blocks or blanks."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read dictionary ({exc.strerror})") from exc
    in_block = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_block:
            if "-->" not in line:
                continue
            line = line.split("-->", 1)[1]
            in_block = False
        if "<!--" in line:
            before, _, after = line.partition("<!--")
            if "-->" in after:
                line = before + after.split("-->", 1)[1]
            else:
                line, in_block = before, True
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield number, line


def _phrase(text: str) -> Phrase | None:
    text = text.strip()
    stem = not text.endswith("_") and " " not in text.strip("_")
    key = phrase_key(text)
    if not key:
        return None
    return Phrase(key, stem and len(key[-1]) >= _MIN_STEM)


def _parse_date(text: str) -> dt.date:
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"bad date '{text}' (want YYMMDD or YYYYMMDD)")
    return parse_date(text)


def parse_code(body: str) -> DatedCode | None:
    """`USAGOV`, `USAGOV >090120`, `USAGOV <090120`, `USAELI 780101-000101`; `---` is none."""
    parts = body.split()
    if not parts:
        raise ValueError("empty code []")
    code = parts[0].upper()
    if code.strip("-") == "":
        return None
    if not re.fullmatch(r"[A-Z0-9]+", code):
        raise ValueError(f"bad actor code '{parts[0]}'")
    if len(parts) == 1:
        return DatedCode(code)
    restriction = "".join(parts[1:])
    if restriction.startswith(">"):
        return DatedCode(code, start=_parse_date(restriction[1:]))
    if restriction.startswith("<"):
        return DatedCode(code, end=_parse_date(restriction[1:]))
    if "-" in restriction:
        first, last = restriction.split("-", 1)
        return DatedCode(code, _parse_date(first), _parse_date(last))
    raise ValueError(f"bad date restriction '{restriction}'")


def read_actors(path: Path) -> tuple[list[ActorEntry], list[Issue]]:
    """Read an actor dictionary: names, `+` synonyms and `[CODE dates]` lines."""
    entries: list[ActorEntry] = []
    issues: list[Issue] = []
    name, where, phrases, codes = "", "", [], []

    def close() -> None:
        if name and phrases and codes:
            entries.append(ActorEntry(name, where, tuple(phrases), tuple(codes)))
        elif name and phrases:
            issues.append(Issue(str(path), int(where.rsplit(":", 1)[1]), f"{name}: no code"))

    for number, line in _lines(path):
        head = _CODE_RE.split(line)[0]
        bodies = _CODE_RE.findall(line)
        if "[" in head or "]" in head:
            issues.append(Issue(str(path), number, "unbalanced brackets"))
            continue
        phrase_text = head.strip()
        if phrase_text and not phrase_text.startswith("+"):
            close()
            name, where, phrases, codes = phrase_text, f"{path.name}:{number}", [], []
        if phrase_text:
            phrase = _phrase(phrase_text.lstrip("+"))
            if phrase is None:
                issues.append(Issue(str(path), number, f"empty phrase '{phrase_text}'"))
            elif name:
                phrases.append(phrase)
        for body in bodies:
            try:
                code = parse_code(body)
            except ValueError as exc:
                issues.append(Issue(str(path), number, str(exc)))
                continue
            if code is not None and name:
                codes.append(code)
    close()
    return entries, issues


def _plurals(text: str) -> list[str]:
    """Regular English plurals of the last word (PETRARCH generates these too)."""
    word = text.rstrip("_")
    if word.endswith(("S", "SH", "CH", "X", "Z")):
        return [word + "ES"]
    if word.endswith("Y") and word[-2:-1] not in ("A", "E", "O", "U"):
        return [word[:-1] + "IES"]
    if word.endswith("MAN"):
        return [word[:-3] + "MEN"]
    return [word + "S"]


def read_agents(path: Path) -> tuple[list[AgentEntry], list[Issue]]:
    """Read an agent dictionary: `PHRASE {PLURALS} [~CODE]` with `!X!` substitution sets."""
    entries: list[AgentEntry] = []
    issues: list[Issue] = []
    substitutions: dict[str, list[str]] = {}
    for number, line in _lines(path):
        definition = _SUBST_DEF_RE.match(line.strip())
        if definition:
            words = [w.strip() for w in definition.group(2).split(",") if w.strip()]
            substitutions[definition.group(1)] = words
            continue
        bodies = _CODE_RE.findall(line)
        head = _CODE_RE.split(line)[0]
        if len(bodies) != 1:
            issues.append(Issue(str(path), number, "want exactly one [~CODE]"))
            continue
        body = bodies[0].strip().upper()
        if not re.fullmatch(r"~[A-Z0-9]+|[A-Z0-9]+~", body):
            issues.append(Issue(str(path), number, f"bad agent code '[{bodies[0]}]'"))
            continue
        plural_text = None
        if "{" in head:
            head, _, plural_text = head.partition("{")
            plural_text = plural_text.rstrip("} ")
        head = head.strip()
        try:
            forms = _expand(head, substitutions)
        except ValueError as exc:
            issues.append(Issue(str(path), number, str(exc)))
            continue
        if plural_text is not None:
            forms += plural_text.split()
        else:
            forms += [p for f in forms if not _SUBST_USE_RE.search(head) for p in _plurals(f)]
        phrases = tuple(p for p in (_phrase(f) for f in forms) if p is not None)
        if phrases:
            prefix = body.endswith("~")
            entries.append(
                AgentEntry(head, f"{path.name}:{number}", phrases, body.strip("~"), prefix)
            )
    return entries, issues


def _expand(head: str, substitutions: dict[str, list[str]]) -> list[str]:
    """Expand `!PERSON!` markers; a marker glued inside a word is a defect."""
    marker = _SUBST_USE_RE.search(head)
    if marker is None:
        return [head]
    before, after = head[: marker.start()], head[marker.end() :]
    if before and before[-1] not in "_ " and after and after[0] not in "_ ":
        raise ValueError(f"substitution {marker.group()} inside a word in '{head}'")
    if marker.group() not in substitutions:
        raise ValueError(f"undefined substitution set {marker.group()}")
    return [
        form
        for word in substitutions[marker.group()]
        for form in _expand(before + word + after, substitutions)
    ]


def read_discards(path: Path) -> tuple[list[tuple[Phrase, bool, str]], list[Issue]]:
    """Read a discard list: phrases that void a sentence, or a whole story with `+`."""
    found: list[tuple[Phrase, bool, str]] = []
    issues: list[Issue] = []
    for number, line in _lines(path):
        text = line.strip()
        story = text.startswith("+")
        phrase = _phrase(text.lstrip("+"))
        if phrase is None:
            issues.append(Issue(str(path), number, f"empty discard '{text}'"))
            continue
        found.append((Phrase(phrase.key, False), story, f"{path.name}:{number}"))
    return found, issues
