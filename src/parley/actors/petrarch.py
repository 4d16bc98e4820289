"""Readers for PETRARCH/TABARI-format actor, agent and discard dictionaries.

The format is decades old and the public files contain real defects (`AD!MINIST!RATIVE`,
impossible dates), so every reader reports a malformed line with its file and line number,
skips it and goes on: one bad line must not cost a user the other hundred thousand.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from parley.actors.entries import (
    ActorEntry,
    AgentEntry,
    DatedCode,
    Discard,
    Issue,
    Phrase,
    dictionary_text,
)
from parley.dates import parse_date
from parley.text.tokens import phrase_key

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_ACTOR_CODE_RE = re.compile(r"[A-Z0-9]+(?:/[A-Z0-9]+)*")
_SUBST_DEF_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_SUBST_USE_RE = re.compile(r"![A-Z]+!")
_MIN_STEM = 4


def petrarch_lines(path: Path) -> Iterator[tuple[int, str, str]]:
    """Yield `(line number, content, comment)`, skipping HTML comment blocks and blanks.

    A comment starts at `#`, or at TABARI's `;`, which the documentation's own actor
    example still uses (`MOHAMMAD_ZAHIR_SHAH_  ; CountryInfo.txt`)."""
    text = dictionary_text(path)
    in_block = False
    for number, raw in enumerate(text.split("\n"), start=1):  # as editors number lines
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
        line, _, comment = line.partition("#")
        line, _, note = line.partition(";")
        if line.strip():
            yield number, line.rstrip(), f"{note.strip()} {comment.strip()}".strip()


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
    """`USAGOV`, `USAGOV >090120`, `USAGOV <090120`, `USAELI 780101-000101`; `---` is none.

    A compound code (`FRO/BIL/SAM`, from TABARI's validation dictionary) names several
    actors at once: each of them acts (see `entries.COMPOUND`)."""
    parts = body.split()
    if not parts:
        raise ValueError("empty code []")
    code = parts[0].upper()
    if code.strip("-") == "":
        return None
    if not _ACTOR_CODE_RE.fullmatch(code):
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
        start, end = _parse_date(first), _parse_date(last)
        if start > end and len(first) == 6:  # `170101-650609`: a life from 1917, not 2017
            start = start.replace(year=start.year - 100)
        return DatedCode(code, start, end)
    raise ValueError(f"bad date restriction '{restriction}'")


# Comments the Phoenix files put on the lines of people (leader lists), not organisations.
_PERSON_NOTES = ("CountryInfo", "IGOrulers")


# Words that make a dated entry a body, not a person (`THE ISLAMIC STATE`, `X PARTY`).
_BODY_WORDS = frozenset(
    "STATE PARTY ARMY FRONT GROUP MOVEMENT COUNCIL ORGANIZATION ORGANISATION UNION ALLIANCE "
    "FORCE FORCES BRIGADE BRIGADES COMMITTEE GOVERNMENT MINISTRY ADMINISTRATION REPUBLIC "
    "KINGDOM CONGRESS LEAGUE ASSOCIATION AGENCY BANK FEDERATION COALITION COMMISSION".split()
)


def guess_kind(name: str, codes: tuple[DatedCode, ...], note: str) -> str:
    """PETRARCH files do not say what an entry names; guess it from name, codes and note.

    The leader lists' notes mean a person; bare country codes mean a country; dated
    roles on a short name without `THE` or a body word (`PARTY`, `ARMY`) mean a person.
    Everything else is an organisation.
    """
    if any(n in note for n in _PERSON_NOTES):
        return "person"
    if all(len(part) == 3 for c in codes for part in c.parts):
        return "country"
    words = phrase_key(name)
    if (
        any(c.dated for c in codes)
        and 2 <= len(words) <= 5
        and words[0] != "THE"
        and not _BODY_WORDS.intersection(words)
    ):
        return "person"
    return "organisation"


def read_actors(path: Path) -> tuple[list[ActorEntry], list[Issue]]:
    """Read an actor dictionary: names, `+` synonyms and `[CODE dates]` lines."""
    entries: list[ActorEntry] = []
    issues: list[Issue] = []
    name, where, note = "", "", ""
    phrases: list[Phrase] = []
    codes: list[DatedCode] = []

    def close() -> None:
        if name and phrases and codes:
            found = tuple(codes)
            entries.append(
                ActorEntry(name, where, tuple(phrases), found, guess_kind(name, found, note))
            )
        elif name and phrases:
            issues.append(Issue(str(path), int(where.rsplit(":", 1)[1]), f"{name}: no code"))

    for number, line, comment in petrarch_lines(path):
        head = _CODE_RE.split(line)[0]
        bodies = _CODE_RE.findall(line)
        if "[" in head or "]" in head:
            issues.append(Issue(str(path), number, "unbalanced brackets"))
            continue
        phrase_text = head.strip()
        if phrase_text and not phrase_text.startswith("+"):
            close()
            name, where, note = phrase_text, f"{path.name}:{number}", comment
            phrases, codes = [], []
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


def plurals(text: str) -> list[str]:
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
    for number, line, _ in petrarch_lines(path):
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
        singular = len(forms)
        if plural_text is not None:
            forms += plural_text.split()
        else:
            forms += [p for f in forms if not _SUBST_USE_RE.search(head) for p in plurals(f)]
        pairs = [(p, i >= singular) for i, p in enumerate(_phrase(f) for f in forms) if p]
        if pairs:
            entries.append(
                AgentEntry(
                    head,
                    f"{path.name}:{number}",
                    tuple(p for p, _ in pairs),
                    body.strip("~"),
                    body.endswith("~"),
                    tuple(plural for _, plural in pairs),
                )
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


def read_discards(path: Path) -> tuple[list[Discard], list[Issue]]:
    """Read a discard list: phrases that void a sentence, or a whole story with `+`."""
    found: list[Discard] = []
    issues: list[Issue] = []
    for number, line, _ in petrarch_lines(path):
        text = line.strip()
        story = text.startswith("+")
        phrase = _phrase(text.lstrip("+"))
        if phrase is None:
            issues.append(Issue(str(path), number, f"empty discard '{text}'"))
            continue
        found.append(Discard(Phrase(phrase.key, False), story, f"{path.name}:{number}"))
    return found, issues
