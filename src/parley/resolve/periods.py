"""Time expressions that date no event of their own: how long (`two years`, `a
10-year deal`), how often (`every July`, `each week`), which quarter or season (`the third
quarter`, `this summer`), the present, past or future as such (`now`, `recently`), a
part of a day (`this morning`), and years named alone (`1990`, `the late 1970s`).

News is full of them: a reader, and a TimeML gold set, counts `the nine months` and `a
year earlier` as times as surely as `on Monday`. `parley times` lists them with their
TimeML type and value; events keep the dates `parley.resolve.times` gives (a duration
or `now` tells no event's day). Each expression is matched on the sentence's tokens by
the shapes below, none across a token another time expression holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from parley.dates import MONTHS
from parley.document import Token

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

# TimeML's letters for a unit: `P2Y`, `PT4H`, `P1DE` (decade), `P1CE` (century)
UNITS = {
    "DAY": "D", "WEEK": "W", "MONTH": "M", "YEAR": "Y", "QUARTER": "Q", "WEEKEND": "WE",
    "DECADE": "DE", "CENTURY": "CE", "CENTURIES": "CE", "HOUR": "H", "MINUTE": "MIN",
}  # fmt: skip
_CLOCK = frozenset({"H", "MIN"})  # written after `PT`: `PT4H`, `PT30M`
NUMBERS = {
    "A": 1, "AN": 1, "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6,
    "SEVEN": 7, "EIGHT": 8, "NINE": 9, "TEN": 10, "ELEVEN": 11, "TWELVE": 12,
    "THIRTEEN": 13, "FOURTEEN": 14, "FIFTEEN": 15, "SIXTEEN": 16, "SEVENTEEN": 17,
    "EIGHTEEN": 18, "NINETEEN": 19, "TWENTY": 20, "THIRTY": 30, "FORTY": 40, "FIFTY": 50,
    "SIXTY": 60, "SEVENTY": 70, "EIGHTY": 80, "NINETY": 90, "HUNDRED": 100,
}  # fmt: skip
_TENS_AND_UNITS = frozenset(NUMBERS) - {"A", "AN"}  # `twenty four`
_SOME = frozenset({"SEVERAL", "FEW", "MANY", "SOME", "RECENT", "COUPLE"})  # `PXY`
_ABOUT = frozenset({"NEARLY", "ALMOST", "ABOUT", "AROUND", "OVER", "ROUGHLY", "SOME"})
_BOUNDS = frozenset(
    {("MORE", "THAN"), ("LESS", "THAN"), ("AT", "LEAST"), ("AT", "MOST"), ("UP", "TO")}
)
_SPAN_WORDS = frozenset({"PAST", "LAST", "NEXT", "FIRST", "COMING", "FINAL", "PREVIOUS"})
ORDINALS = {"FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4}
_YEAR_SHIFTS = {"THIS": 0, "LAST": -1, "NEXT": 1}
REFERENCES = {
    "NOW": "PRESENT_REF", "CURRENTLY": "PRESENT_REF", "NOWADAYS": "PRESENT_REF",
    "RECENTLY": "PAST_REF", "SOON": "FUTURE_REF",
}  # fmt: skip
# adjectives of the present or past, TimeML's references where no unit follows (`the
# current system`, `a recent sale`; `recent years` is a span, `the current quarter` a date)
_NOW_WORDS = {"CURRENT": "PRESENT_REF", "RECENT": "PAST_REF"}
_AGES = {"PAST": "PAST_REF", "FUTURE": "FUTURE_REF", "PRESENT": "PRESENT_REF"}
SEASONS = {"SPRING": "SP", "SUMMER": "SU", "FALL": "FA", "AUTUMN": "FA", "WINTER": "WI"}
DAY_PARTS = {"MORNING": "MO", "AFTERNOON": "AF", "EVENING": "EV", "NIGHT": "NI"}
_OWN = frozenset({"YEAR", "WEEK", "DAY", "WEEKEND", "MONTH", "QUARTER"})  # `the year`
_DECADE = re.compile(r"(1[89]|20)([0-9])0S")
_CENTURY = re.compile(r"([0-9]{1,2})(?:ST|ND|RD|TH)")
_HYPHENED = re.compile(r"([A-Z0-9/.]+)-(DAY|WEEK|MONTH|YEAR|HOUR|MINUTE|DECADE|CENTURY)(?:-OLD)?")


def digits(norm: str) -> bool:
    """Whether a token is a number written in ASCII digits (`2004`, `3`). `str.isdigit`
    alone also holds for `²`, `①` and `٣`, which `int` refuses or a TimeML value must not
    carry (`P①D`): a superscript beside a date is a footnote mark, not a day."""
    return norm.isascii() and norm.isdigit()


@dataclass(slots=True, frozen=True)
class Period:
    """A time expression of the kinds above: tokens `[start, end)`, its TimeML type and
    value (`P2Y`, `1989-Q3`, `PRESENT_REF`, `XXXX-07`)."""

    start: int
    end: int
    kind: str
    value: str


def periods(
    tokens: Sequence[Token], base: dt.date | None, taken: Collection[int] = ()
) -> list[Period]:
    """The expressions among a sentence's tokens, left to right, none overlapping each
    other or the tokens `taken`; values that need the document's date (`the third
    quarter`) are written with `X`s without one."""
    norms = [t.norm for t in tokens]
    found: list[Period] = []
    i = 0
    while i < len(norms):
        hit = None if i in taken else _at(norms, i, base)
        if hit is None or any(t in taken for t in range(hit.start, hit.end)):
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def _count(norms: Sequence[str], i: int) -> tuple[int, str] | None:
    """(tokens used, number as TimeML writes it: `2`, `2.5`, `X`) for a count at `i`:
    digits (`10`, `2 1/2`), number words (`twenty four`), or `several`, `a few`, `a
    couple of`."""
    norm = norms[i]
    if digits(norm) and len(norm) <= 3:
        if i + 3 < len(norms) and norms[i + 2] == "/" and norms[i + 1] + norms[i + 3] == "12":
            return 4, f"{norm}.5"
        return 1, norm
    if norm in NUMBERS and norm not in ("A", "AN"):
        value, used = NUMBERS[norm], 1
        while i + used < len(norms) and norms[i + used] in _TENS_AND_UNITS:
            value += NUMBERS[norms[i + used]]
            used += 1
        return used, str(value)
    if norm in ("A", "AN") and i + 1 < len(norms) and norms[i + 1] in ("FEW", "COUPLE"):
        used = 3 if i + 2 < len(norms) and norms[i + 2] == "OF" else 2
        return used, "X"
    if norm in _SOME:
        return 1, "X"
    if norm in ("A", "AN"):
        return 1, "1"
    return None


def _unit(norm: str) -> str | None:
    if norm in UNITS:
        return UNITS[norm]
    if norm.endswith("S") and norm[:-1] in UNITS:
        return UNITS[norm[:-1]]
    return None


def _duration(number: str, unit: str) -> str:
    if unit in _CLOCK:
        return f"PT{number}{'M' if unit == 'MIN' else 'H'}"
    return f"P{number}{unit}"


def _quarter(base: dt.date | None, n: int, back: int = 0) -> str:
    """The quarter `n` of the year news means: this year's if it has begun, else last
    year's; `back` years further back."""
    if base is None:
        return f"XXXX-Q{n}"
    year = base.year if (base.month - 1) // 3 + 1 >= n else base.year - 1
    return f"{year - back}-Q{n}"


def _at(norms: Sequence[str], i: int, base: dt.date | None) -> Period | None:
    """The expression starting at token `i`, if one does."""
    norm = norms[i]
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    year = base.year if base else None
    if norm in REFERENCES:
        return Period(i, i + 1, DATE, REFERENCES[norm])
    if norm in _NOW_WORDS and nxt and _unit(nxt) is None:
        return Period(i, i + 1, DATE, _NOW_WORDS[norm])
    if norm in ("EVERY", "EACH") and nxt:
        if (unit := _unit(nxt)) is not None:
            return Period(i, i + 2, SET, _duration("1", unit))
        if nxt in MONTHS:
            return Period(i, i + 2, SET, f"XXXX-{MONTHS[nxt]:02d}")
    if (match := _HYPHENED.fullmatch(norm)) is not None:  # `10-year`, `two-week`
        count = match.group(1)
        number = count if digits(count.replace(".", "")) else str(NUMBERS.get(count, "X"))
        return Period(i, i + 1, DURATION, _duration(number, _unit(match.group(2)) or "Y"))
    if norm.startswith("MID-"):  # `mid-November`, `mid-1996`
        rest = norm[4:]
        if rest in MONTHS:
            return Period(i, i + 1, DATE, f"{year or 'XXXX'}-{MONTHS[rest]:02d}")
        if digits(rest) and len(rest) == 4:
            return Period(i, i + 1, DATE, rest)
    if norm in ("YEAR-AGO", "YEAR-EARLIER"):  # `the year-ago quarter`
        end = i + 2 if nxt in ("QUARTER", "PERIOD") else i + 1
        return Period(i, end, DATE, str(year - 1) if year else "XXXX")
    if norm == "YEAR-END":
        return Period(i, i + 1, DATE, str(year) if year else "XXXX")
    if norm.endswith("-QUARTER") and norm[:-8] in ORDINALS:  # `third-quarter profit`
        return Period(i, i + 1, DATE, _quarter(base, ORDINALS[norm[:-8]]))
    if (match := _DECADE.fullmatch(norm)) is not None:  # `1970s`
        return Period(i, i + 1, DATE, match.group(1) + match.group(2))
    if norm == "THE" and nxt:
        return _after_the(norms, i, base)
    if norm == "FISCAL" and i + 1 < len(norms) and len(nxt) == 4 and digits(nxt):
        return Period(i, i + 2, DATE, nxt)
    if norm in ORDINALS and nxt == "QUARTER":  # `third quarter of 1990`
        return _quarter_of(norms, i, i, base)
    if (hit := years_quarter(norms, i, base)) is not None:
        return hit
    if norm in ("THIS", "LAST", "NEXT", "EARLY", "LATE") or (norm == "LATER" and nxt == "THIS"):
        at = i + 2 if norm == "LATER" else i + 1
        part = norms[at] if at < len(norms) else ""
        if part in SEASONS and base is not None:
            shift = {"LAST": -1, "NEXT": 1}.get(norm, 0)
            return Period(i, at + 1, DATE, f"{base.year + shift}-{SEASONS[part]}")
        if part in DAY_PARTS and norm in ("THIS", "LATER", "EARLY", "LATE"):
            day = base.isoformat() if base else "XXXX-XX-XX"
            return Period(i, at + 1, TIME, f"{day}T{DAY_PARTS[part]}")
    if len(norm) == 4 and digits(norm) and 1900 <= int(norm) <= 2099:
        before = norms[i - 1] if i else ""
        after = nxt
        if before not in ("$", "#", "NO", "NO.") and after not in ("%", "PERCENT"):
            return Period(i, i + 1, DATE, norm)
    if (match := _CENTURY.fullmatch(norm)) is not None and nxt == "CENTURY":
        return Period(i, i + 2, DATE, f"{int(match.group(1)) - 1:02d}")
    return _counted(norms, i, i, base)


def years_quarter(norms: Sequence[str], i: int, base: dt.date | None) -> Period | None:
    """`this year's third quarter` (`1989-Q3`), `next year's first quarter`, and `last
    year's quarter` or `period` (last year's, as precise as `parley.resolve.times` can
    make it from the quarter the text speaks of)."""
    if norms[i] not in _YEAR_SHIFTS or i + 2 >= len(norms) or norms[i + 1] != "YEAR":
        return None  # (a norm drops the possessive: `year's` is YEAR)
    year = f"{base.year + _YEAR_SHIFTS[norms[i]]}" if base else "XXXX"
    after = norms[i + 2]
    if after in ORDINALS and i + 3 < len(norms) and norms[i + 3] == "QUARTER":
        return Period(i, i + 4, DATE, f"{year}-Q{ORDINALS[after]}")
    if after in ("QUARTER", "PERIOD"):
        return Period(i, i + 3, DATE, year)
    return None


def _counted(norms: Sequence[str], start: int, i: int, base: dt.date | None) -> Period | None:
    """`two years`, `nearly forty years`, `more than four hours`, `a few days`, `2 1/2
    years`, `at least 20 more years`; `a year earlier` (a date)."""
    at = i
    if norms[at] in _ABOUT:
        at += 1
    elif tuple(norms[at : at + 2]) in _BOUNDS:
        at += 2
    if at >= len(norms):
        return None
    count = _count(norms, at)
    if count is None:
        return None
    used, number = count
    at += used
    if at < len(norms) and norms[at] == "MORE":
        at += 1
    if at >= len(norms) or (unit := _unit(norms[at])) is None:
        return None
    if number == "1" and norms[at].endswith("S") and norms[at][:-1] in UNITS:
        return None  # `a weeks`: no count of its own
    at += 1
    after = norms[at] if at < len(norms) else ""
    if after in ("EARLIER", "BEFORE", "LATER", "AGO"):
        if after == "AGO":
            return None  # `two years ago` dates an event: `parley.resolve.times`
        back = -1 if after == "LATER" else 1
        return Period(start, at + 1, DATE, _shifted(base, unit, number, back))
    return Period(start, at, DURATION, _duration(number, unit))


def _shifted(base: dt.date | None, unit: str, number: str, back: int) -> str:
    """`a year earlier` from the document's date, as precise as its unit."""
    if base is None or not digits(number):
        return "XXXX"
    n = int(number) * back
    if unit == "Y":
        return str(base.year - n)
    if unit == "M":
        index = base.year * 12 + base.month - 1 - n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit in ("D", "W"):
        return (base - dt.timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
    return str(base.year)


def _after_the(norms: Sequence[str], i: int, base: dt.date | None) -> Period | None:
    """Expressions after `the`: `the past` (and `the past two months`), `the future`,
    `the third quarter`, `the fiscal year`, `the late 1970s`, `the 20th century`, and
    `the year`, `the week`, `the quarter`, as the document's own."""
    at = i + 1
    norm = norms[at]
    nxt = norms[at + 1] if at + 1 < len(norms) else ""
    if norm not in ("A", "AN") and (hit := _counted(norms, i, at, base)) is not None:
        return hit  # `the nine months`, `the two years`
    if norm in _SPAN_WORDS or norm in ("LATEST", "CURRENT"):
        if (hit := _counted(norms, i, at + 1, base)) is not None:
            return hit
        if norm == "LATEST" and nxt == "QUARTER":
            return Period(i, at + 2, DATE, _this(base, "QUARTER"))
        if norm in _AGES and not _unit(nxt):
            return Period(i, at + 1, DATE, _AGES[norm])
        at += 1
        norm, nxt = nxt, norms[at + 1] if at + 1 < len(norms) else ""
    elif norm in _AGES:
        return Period(i, at + 1, DATE, _AGES[norm])
    if norm in ("LATE", "EARLY", "MID") and (match := _DECADE.fullmatch(nxt)) is not None:
        return Period(i, at + 2, DATE, match.group(1) + match.group(2))
    if (match := _CENTURY.fullmatch(norm)) is not None and nxt == "CENTURY":
        return Period(i, at + 2, DATE, f"{int(match.group(1)) - 1:02d}")
    if norm == "FISCAL":
        at += 1
        norm, nxt = nxt, norms[at + 1] if at + 1 < len(norms) else ""
    if norm in ORDINALS and nxt == "QUARTER":
        return _quarter_of(norms, i, at, base)
    if norm in ("YEAR-AGO", "YEAR-EARLIER") and nxt in ("QUARTER", "PERIOD"):
        return Period(i, at + 2, DATE, str(base.year - 1) if base else "XXXX")
    if len(norm) == 4 and digits(norm):
        if nxt in ORDINALS and at + 2 < len(norms) and norms[at + 2] == "QUARTER":
            return Period(i, at + 3, DATE, f"{norm}-Q{ORDINALS[nxt]}")  # `the 1988 second quarter`
        if nxt in ("PERIOD", "QUARTER", "YEAR"):
            return Period(i, at + 2, DATE, norm)
    if norm in _OWN and nxt not in ("OF", "BEFORE", "AFTER"):
        return Period(i, at + 1, DATE, _this(base, norm))
    return None


def _quarter_of(norms: Sequence[str], start: int, at: int, base: dt.date | None) -> Period:
    """`third quarter` at token `at`, with the year that follows it (`the third quarter
    of 1984`), or the one news means (`_quarter`)."""
    n = ORDINALS[norms[at]]
    year = norms[at + 3] if at + 3 < len(norms) and norms[at + 2] == "OF" else ""
    if len(year) == 4 and digits(year):
        return Period(start, at + 4, DATE, f"{year}-Q{n}")
    return Period(start, at + 2, DATE, _quarter(base, n))


def _this(base: dt.date | None, unit: str) -> str:
    """`the year`, `the week`…: the document's own, as TimeML writes it; `the quarter`
    is the last to have ended, `the weekend` the nearer."""
    if base is None:
        return "XXXX"
    if unit == "YEAR":
        return str(base.year)
    if unit == "MONTH":
        return f"{base.year:04d}-{base.month:02d}"
    if unit == "QUARTER":  # the last that has ended: what a company reports on
        index = base.year * 4 + (base.month - 1) // 3 - 1
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "WEEKEND":  # the nearer: from Monday to Wednesday, the one just gone
        near = base - dt.timedelta(weeks=1) if base.weekday() < 3 else base
        year, week, _ = near.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    year, week, _ = base.isocalendar()
    if unit == "WEEK":
        return f"{year:04d}-W{week:02d}"
    return base.isoformat()
