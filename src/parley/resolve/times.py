"""Times a sentence names (`on November 4`, `next January`, `three years ago`), resolved
against the document's date.

News gives dates relative to the day it is written: `on Wednesday` is the Wednesday of
that week, `in September` the last September (or the next, for what will happen), `last
May` the May before. Each expression keeps its token span and its granularity (a day, a
week, a month, a year: `in 2003` is not 2003-01-01), so a user sees what the text said
and how precisely. A rule table over the sentence's tokens does this: dateparser was tried
for it and returns nothing for `next January` or `earlier this month`, and costs more
than the rules.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from parley.dates import MONTH_ABBREVIATIONS, MONTHS
from parley.document import Document, Token
from parley.resolve.periods import digits, periods, years_quarter

WEEKDAYS = {name.upper(): i for i, name in enumerate(calendar.day_name)}
_NUMBERS = {
    "A": 1, "AN": 1, "ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6,
    "SEVEN": 7, "EIGHT": 8, "NINE": 9, "TEN": 10, "ELEVEN": 11, "TWELVE": 12,
}  # fmt: skip
_UNITS = {"DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year"}
# Words before a bare year or month that make it a time (`in 2003`, `since May`).
_TIME_PREPOSITIONS = frozenset(
    {"IN", "SINCE", "DURING", "BY", "UNTIL", "OF", "EARLY", "LATE", "MID", "FROM", "TO"}
)
_RELATIVE = frozenset({"LAST", "NEXT", "THIS", "PAST"})
_DAYS_BACK = {"TODAY": 0, "TONIGHT": 0, "YESTERDAY": 1, "TOMORROW": -1}

# The words an expression can begin with, besides numbers: most tokens begin none.
_STARTS = frozenset(
    {*_DAYS_BACK, *_RELATIVE, "EARLIER", "LATER", *WEEKDAYS, *_NUMBERS}
    | {*MONTHS, *MONTH_ABBREVIATIONS}
)

# Which way an expression that could be past or future goes: the verb's tense says.
PAST, FUTURE, NEAREST = "past", "future", "nearest"
AHEAD = 2  # how much farther a coming month counts than a past one (`_month_date`)
_QUARTER = re.compile(r"([0-9]{4})-Q([1-4])")
_A_QUARTER = re.compile(r"(?i)\b(quarter|period)$")  # `the 1988 period`, `last year's quarter`
_YEAR_BACK = re.compile(r"(?i)\b(a year (earlier|ago|before)|year-(ago|earlier))\b")
_FUTURE_WORDS = frozenset({"WILL", "'LL", "SHALL", "WO", "NEXT", "UPCOMING", "TOMORROW"})


@dataclass(slots=True, frozen=True)
class TimeExpression:
    """A time in a sentence: tokens `[start, end)`, the first day of the period it
    names, how long that period is (`day`, `week`, `month`, `year`), and whether it
    dates what follows it (`a year since the war began`) rather than what it hangs from."""

    start: int
    end: int
    date: dt.date
    granularity: str
    dates_following: bool = False


@dataclass(slots=True, frozen=True)
class TimePhrase:
    """A time as written, before it is resolved: `resolve(base, direction)` dates it
    (the same `in September` is the last one for `met`, the next one for `will meet`)."""

    start: int
    end: int
    granularity: str
    month: int = 0
    day: int = 0
    year: int = 0
    weekday: int = -1
    shift: int = 0  # units back (+) or on (-) from the base: `three years ago` is 3 years
    relative: str = ""  # LAST / NEXT / THIS before a weekday or month
    dates_following: bool = False

    def resolve(self, base: dt.date | None, direction: str = NEAREST) -> TimeExpression | None:
        """The date against `base`; None when it needs a base it lacks or names no real
        day (`February 30`)."""
        date = _date(self, base, direction)
        if date is None:
            return None
        return TimeExpression(self.start, self.end, date, self.granularity, self.dates_following)


def resolve_times(
    phrases: Sequence[TimePhrase], base: dt.date | None, direction: str = NEAREST
) -> list[TimeExpression]:
    """The phrases that resolve against `base` (the document date; without it only those
    naming their year), resolved."""
    return [t for p in phrases if (t := p.resolve(base, direction)) is not None]


def timeml_value(date: dt.date, granularity: str) -> str:
    """A resolved time written as TimeML/ISO-8601 writes a date as precise as it is: a
    day `2004-11-04`, a week `2004-W45` (the ISO week of its Monday), a month `2004-11`,
    a year `2004`; what a TimeML gold set's `value` holds for the same words."""
    if granularity == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if granularity == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if granularity == "year":
        return f"{date.year:04d}"
    return date.isoformat()


@dataclass(slots=True, frozen=True)
class FoundTime:
    """A time expression of a text, resolved: what `parley times` shows and the temporal
    benchmark scores. `start`/`end` index `Document.text` (the clean text); `kind` is its
    TimeML type (DATE, TIME, DURATION, SET) and `value` its TimeML value (`2004-11-04`,
    `2004-W45`, `P2Y`, `PRESENT_REF`); for a time that dates events (`on Monday`, `last
    May`), `date` is the first day of the period named and `granularity` its length
    (day, week, month, year), both None for the others (`parley.resolve.periods`)."""

    sentence_index: int
    start: int
    end: int
    text: str
    date: dt.date | None
    granularity: str | None
    value: str
    kind: str = "DATE"


def found_times(doc: Document, direction: str = NEAREST) -> list[FoundTime]:
    """Every time expression of a document, in text order, whatever it dates: those that
    date events, resolved against its date (without one, only those naming their year),
    and durations, sets, quarters and the like (`parley.resolve.periods`). With no verb
    analysed, an undated `in September` goes the `direction` way; by default, the way
    its sentence looks (`sentence_direction`). An event's own time follows its verb's
    tense instead (`parley.resolve.dates`)."""
    found: list[FoundTime] = []
    for sentence in doc.sentences:
        guessed = direction == NEAREST
        way = sentence_direction(sentence.tokens) if guessed else direction
        phrases = time_phrases(sentence.tokens)
        dated = [t for p in phrases if (t := p.resolve(doc.date, _way(p, way, guessed)))]
        for time in dated:
            span = sentence.char_span(time.start, time.end)
            found.append(
                FoundTime(
                    sentence.index, span.start, span.end, sentence.surface(time.start, time.end),
                    time.date, time.granularity, timeml_value(time.date, time.granularity),
                )
            )  # fmt: skip
        taken = {t for time in dated for t in range(time.start, time.end)}
        for other in periods(sentence.tokens, doc.date, taken):
            span = sentence.char_span(other.start, other.end)
            text = sentence.surface(other.start, other.end)
            found.append(FoundTime(sentence.index, span.start, span.end, text, None, None,
                                   other.value, other.kind))  # fmt: skip
    found.sort(key=lambda t: t.start)
    return _in_quarters(found)


def _in_quarters(found: list[FoundTime]) -> list[FoundTime]:
    """A year back from a quarter is that quarter a year before: in a report on the third
    quarter, `a year earlier` and `the year-ago period` are last year's third quarter
    (`1988-Q3`), not last year; and a year's quarter or period is that year's third
    quarter (`the 1988 period`, `last year's quarter`). The quarter in force is the last
    one the text named."""
    quarter: tuple[int, int] | None = None
    out = []
    for time in found:
        if (named := _QUARTER.fullmatch(time.value)) is not None:
            quarter = (int(named.group(1)), int(named.group(2)))
        elif quarter and time.value == str(quarter[0] - 1) and _YEAR_BACK.search(time.text):
            time = dataclasses.replace(time, value=f"{quarter[0] - 1}-Q{quarter[1]}")
        elif quarter and len(time.value) == 4 and _A_QUARTER.search(time.text):
            time = dataclasses.replace(time, value=f"{time.value}-Q{quarter[1]}")
        out.append(time)
    return out


def _way(phrase: TimePhrase, way: str, guessed: bool) -> str:
    """A guessed past holds for a weekday; a month, or a day of one, stays the nearer."""
    return NEAREST if guessed and way == PAST and phrase.weekday < 0 else way


def sentence_direction(tokens: Sequence[Token]) -> str:
    """Which way a sentence's undated `Thursday` goes when no verb is analysed: the
    future where a word of the future stands in it (`will`, `'ll`, `shall`, `next`),
    else the past, which news reports far more often. (A month or a day of one, `Nov.
    21`, is as often a coming date: without a word of the future, the nearer one.)"""
    return FUTURE if any(t.norm in _FUTURE_WORDS for t in tokens) else PAST


def time_phrases(tokens: Sequence[Token]) -> list[TimePhrase]:
    """The time phrases among a sentence's tokens, left to right, none overlapping."""
    norms = [t.norm for t in tokens]
    found: list[TimePhrase] = []
    i = 0
    while i < len(norms):
        norm = norms[i]
        if norm not in _STARTS and not "0" <= norm[:1] <= "9":
            i += 1
            continue
        hit = _at(tokens, norms, i)
        if hit is None:
            i += 1
            continue
        found.append(hit)
        i = hit.end
    return found


def _number(norm: str) -> int | None:
    if digits(norm) and len(norm) <= 3:
        return int(norm)
    return _NUMBERS.get(norm)


def _month(tokens: Sequence[Token], norms: Sequence[str], i: int) -> int:
    """The month token `i` names (0 if none): a capitalised name beside a day or before
    a year (`November 4`, `4 Nov.`, `May 2001`) or after a time word (`in May`, `last
    March`), not the verb or the noun (`he may`, `the March on Washington`)."""
    norm = norms[i]
    if not tokens[i].text[:1].isupper():
        return 0
    month = MONTHS.get(norm) or MONTH_ABBREVIATIONS.get(norm, 0)
    if not month:
        return 0
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if digits(nxt) and len(nxt) in (1, 2, 4):
        return month
    before = norms[i - 1] if i else ""
    if digits(before) and len(before) <= 2:  # `4 November`
        return month
    after_time_word = before in _TIME_PREPOSITIONS or before in _RELATIVE
    return month if norm in MONTHS and after_time_word else 0


def _year_at(norms: Sequence[str], i: int) -> int:
    if i < len(norms) and digits(norms[i]) and len(norms[i]) == 4:
        year = int(norms[i])
        return year if 1900 <= year <= 2100 else 0
    return 0


def _at(tokens: Sequence[Token], norms: Sequence[str], i: int) -> TimePhrase | None:
    """The expression starting at token `i`, if one does."""
    norm = norms[i]
    nxt = norms[i + 1] if i + 1 < len(norms) else ""
    if norm in _DAYS_BACK:
        return TimePhrase(i, i + 1, "day", shift=_DAYS_BACK[norm])
    if norm == "LAST" and nxt == "NIGHT":
        return TimePhrase(i, i + 2, "day", shift=1)
    if norm in _RELATIVE and i + 1 < len(norms):
        if nxt in WEEKDAYS:
            return TimePhrase(i, i + 2, "day", weekday=WEEKDAYS[nxt], relative=norm)
        month = _month(tokens, norms, i + 1)
        if month:
            return TimePhrase(i, i + 2, "month", month=month, relative=norm)
        if nxt in _UNITS and years_quarter(norms, i, None) is None:  # periods take it
            step = {"LAST": 1, "PAST": 1, "NEXT": -1, "THIS": 0}[norm]
            return TimePhrase(i, i + 2, _UNITS[nxt], shift=step)
    if norm in ("EARLIER", "LATER") and nxt == "THIS" and i + 2 < len(norms):
        unit = _UNITS.get(norms[i + 2])
        if unit is not None:
            return TimePhrase(i, i + 3, unit)
    if norm in WEEKDAYS and tokens[i].text[:1].isupper():
        after = i + 2 if nxt == "," else i + 1
        dated = _at(tokens, norms, after) if after < len(norms) else None
        if dated is not None and dated.day:  # `Saturday, April 25`: the date says which
            return dataclasses.replace(dated, start=i)
        return TimePhrase(i, i + 1, "day", weekday=WEEKDAYS[norm])
    count = _number(norm)
    if count is not None and i + 2 < len(norms) and norms[i + 1].rstrip("S") in _UNITS:
        unit = _UNITS[norms[i + 1].rstrip("S")]
        if norms[i + 2] == "AGO":
            return TimePhrase(i, i + 3, unit, shift=count)
        if norms[i + 2] == "SINCE":
            return TimePhrase(i, i + 3, unit, shift=count, dates_following=True)
    if digits(norm) and len(norm) <= 2 and nxt and (month := _month(tokens, norms, i + 1)):
        year = _year_at(norms, i + 2)  # `4 November 2004`
        return TimePhrase(i, i + (3 if year else 2), "day", month=month, day=int(norm), year=year)
    month = _month(tokens, norms, i)
    if month:
        if digits(nxt) and len(nxt) <= 2 and 1 <= int(nxt) <= 31:  # `November 4, 2004`
            at = i + 3 if i + 2 < len(norms) and norms[i + 2] == "," else i + 2
            year = _year_at(norms, at)
            end = at + 1 if year else i + 2
            return TimePhrase(i, end, "day", month=month, day=int(nxt), year=year)
        year = _year_at(norms, i + 1)  # `September 2004`
        return TimePhrase(i, i + (2 if year else 1), "month", month=month, year=year)
    year = _year_at(norms, i)
    if year and i and norms[i - 1] in _TIME_PREPOSITIONS and norms[i - 2 : i] != ["QUARTER", "OF"]:
        return TimePhrase(i, i + 1, "year", year=year)  # (`the third quarter of 1984`: periods)
    return None


def _date(found: TimePhrase, base: dt.date | None, direction: str) -> dt.date | None:
    kind = found.granularity
    if found.year and found.month:
        return _safe(found.year, found.month, found.day or 1)
    if found.year:
        return dt.date(found.year, 1, 1)
    if base is None:
        return None
    if found.weekday >= 0:
        return _weekday(base, found.weekday, found.relative or direction)
    if found.month:
        return _month_date(base, found, direction)
    if kind == "day":
        return base - dt.timedelta(days=found.shift)
    if kind == "week":
        monday = base - dt.timedelta(days=base.weekday())
        return monday - dt.timedelta(weeks=found.shift)
    if kind == "month":
        index = base.year * 12 + base.month - 1 - found.shift
        return dt.date(index // 12, index % 12 + 1, 1)
    return dt.date(base.year - found.shift, 1, 1)


def _weekday(base: dt.date, weekday: int, way: str) -> dt.date:
    back = (base.weekday() - weekday) % 7  # days since the last such day (0: today)
    if way in ("LAST", "PAST"):
        return base - dt.timedelta(days=back or 7)
    if way == "NEXT":
        return base + dt.timedelta(days=(7 - back) % 7 or 7)
    if way == FUTURE:
        return base + dt.timedelta(days=(7 - back) % 7)
    if way == NEAREST and back > 3:
        return base + dt.timedelta(days=7 - back)
    return base - dt.timedelta(days=back)  # past, `this`, or the nearer past day


def _month_date(base: dt.date, found: TimePhrase, direction: str) -> dt.date | None:
    """A month, or a day of one, with no year: the year that puts it on the side the
    relative word or the tense says, else the nearer one, the past favoured."""
    day = found.day or 1
    this = _safe(base.year, found.month, day)
    if this is None:
        return None
    way = found.relative or direction
    here = (base.year, base.month) if not found.day else (base.year, base.month, base.day)
    named = (base.year, found.month) if not found.day else (base.year, found.month, day)
    if way in ("LAST", "PAST", PAST):
        strict = found.relative in ("LAST", "PAST")
        later = named >= here if strict else named > here
        return _safe(base.year - 1, found.month, day) if later else this
    if way in ("NEXT", FUTURE):
        strict = found.relative == "NEXT"
        earlier = named <= here if strict else named < here
        return _safe(base.year + 1, found.month, day) if earlier else this
    if way == "THIS":
        return this
    candidates = [d for y in (-1, 0, 1) if (d := _safe(base.year + y, found.month, day))]
    # the nearer, a coming date counting twice its distance: news reports what happened
    # more often than what is to come (`May`, in November, is the May gone)
    return min(candidates, key=lambda d: abs((d - base).days) * (AHEAD if d > base else 1))


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
