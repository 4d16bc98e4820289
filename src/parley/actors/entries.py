"""Dictionary entries, whatever file format they were read from.

Both readers (PETRARCH's format and parley's own) produce these, so everything after
reading (compiling, matching, explaining) is written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from parley.dates import MONTHS
from parley.errors import DictionaryError

# What an actor entry names; decides how context changes its reading (a capital after
# `in` is a place; a person's surname alone refers back to them; `he` needs a person).
KINDS = ("country", "capital", "place", "person", "organisation")
PLACE_KINDS = frozenset({"country", "capital", "place"})
# Joins the codes of a compound actor (`FRO/BIL/SAM`): one phrase naming several actors,
# each of which acts. It stays one code string through reading, compiling and composing
# with agents; the mention found for it becomes one mention per code.
COMPOUND = "/"


def code_parts(code: str) -> list[str]:
    """The actor codes a (possibly compound) code names: `FRO/BIL/SAM` → FRO, BIL, SAM."""
    return code.split(COMPOUND)


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

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    @property
    def parts(self) -> list[str]:
        return code_parts(self.code)

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def code_on(codes: tuple[DatedCode, ...], day: dt.date | None) -> str | None:
    """The code that holds on `day`; an undated code is the fallback for other days.

    With no date known, the role an entry holds today (dated, not ended, not `ELI`) is
    preferred, then an undated code, then the most recent role: a corpus without dates
    is more often recent news than history (`Putin` is `RUSGOV`, not the `RUSELI` his
    entry gives him outside office). On a day outside every
    dated role of an entry without an undated one, the entry keeps the country of the
    nearest role (the Phoenix lists leave gaps, such as Iraq in 2003-2006, through
    defective lines; a person between offices is still of their country).
    """
    if day is not None:
        for dated in codes:
            if dated.dated and dated.holds_on(day):
                return dated.code
    else:
        for dated in codes:
            if is_current(dated):
                return dated.code
    for plain in codes:
        if not plain.dated:
            return plain.code
    if not codes:
        return None
    if day is None:
        return max(codes, key=lambda c: c.start or dt.date.min).code
    nearest = min(codes, key=lambda c: _distance(c, day))
    return COMPOUND.join(part[:3] for part in nearest.parts)


def _distance(code: DatedCode, day: dt.date) -> int:
    if code.start is not None and day < code.start:
        return (code.start - day).days
    if code.end is not None and day > code.end:
        return (day - code.end).days
    return 0


def in_office(codes: tuple[DatedCode, ...], day: dt.date | None) -> bool:
    """Whether a date-restricted office holds on `day`; with no date, none does.

    Neither the undated fallback nor a dated elite (`ELI`) span counts: the Phoenix lists
    use those for the years before and after a person's offices. No date is not taken
    as today here, though `code_on` does: the Phoenix lists leave thousands of offices
    open that ended long ago, and a bare surname (`Anderson`, `Kent`) would name their
    holders in every undated text; a surname a date cannot place waits for a title.
    """
    return day is not None and any(
        c.dated and c.holds_on(day) and not c.code.endswith("ELI") for c in codes
    )


def is_current(code: DatedCode) -> bool:
    """An office that has begun and not ended: what an undated document most likely means."""
    return code.start is not None and code.end is None and not code.code.endswith("ELI")


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
    kind: str = "organisation"
    source: str = ""

    def code_on(self, day: dt.date | None) -> str | None:
        return code_on(self.codes, day)


@dataclass(slots=True, frozen=True)
class AgentEntry:
    """A sector/role noun (`officials`, `foreign minister`) and the code it adds.

    `prefix` agents put their code before the actor's (`[IGO~]`); the others after it
    (`[~GOV]`: `JPN` + `officials` is `JPNGOV`). `plural` marks which phrases are plural
    forms, for pronouns (`they` refers back to `officials`, `he` to `the minister`).
    `capitalised`: the noun names one only where a cased text capitalises it (`States`,
    as diplomatic English writes sovereign states; `the report states` is a verb).
    """

    name: str
    where: str
    phrases: tuple[Phrase, ...]
    code: str
    prefix: bool
    plural: tuple[bool, ...] = ()
    source: str = ""
    capitalised: bool = False

    @property
    def written_code(self) -> str:
        """The code as dictionaries write it: `IGO~` for a prefix, `~GOV` otherwise."""
        return f"{self.code}~" if self.prefix else f"~{self.code}"

    def plurals(self) -> tuple[bool, ...]:
        """Whether each phrase is a plural form (none, when the entry does not say)."""
        return self.plural or (False,) * len(self.phrases)


def dictionary_text(path: Path) -> str:
    """A dictionary file's text, line ends made `\\n` (so lines are numbered as an editor
    numbers them); a file that cannot be read is a one-line error."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read dictionary ({exc.strerror})") from exc


@dataclass(slots=True, frozen=True)
class Discard:
    """A phrase that voids its sentence, or its whole story when `story` is set.

    A sentence-level phrase that is a time (`1995`, `MONTHS AGO`, `APRIL 1942`) is `dated`:
    PETRARCH lists them to keep history out of the news; parley voids nothing for them,
    and dates the events they date instead (`parley.actors.stage`).
    """

    phrase: Phrase
    story: bool
    where: str
    source: str = ""

    @property
    def dated(self) -> bool:
        words = self.phrase.key
        if self.story or not words:
            return False
        return words[-1] in ("AGO", "LATER") or all(
            (w.isdigit() and len(w) == 4) or w in MONTHS for w in words
        )
