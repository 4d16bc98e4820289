"""The block above an article's first paragraph: title, dateline, byline, affiliation.

Op-eds and reports extracted from PDFs open with such a block (`The Gondor-Rohan Minas
Summit – / March 3, 2011 / By / Dr. A. B. Example / Retired Gondorian Diplomat`).
`read_title_block` finds it in clean text (paragraphs separated by blank lines) and says
what each part was, so the describe stage can store the metadata and drop the block
(except the title) from the text that gets coded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_RES = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})"),
)
_BYLINE_RE = re.compile(r"^by\b[:\s]*(?P<name>.*)$", re.I)
_HONORIFIC_RE = re.compile(r"^(?:(?:dr|prof|mr|mrs|ms|sir|amb|gen|rev)\.?\s+)+", re.I)
_SEPARATORS = " \t|–—-:,;·•/"
_MAX_BLOCK = 6


@dataclass(slots=True)
class TitleBlock:
    """What the block said, and the paragraph indexes it used (to drop from the text)."""

    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    affiliation: str | None = None
    used: set[int] = field(default_factory=set)


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first full date written in `text` (`November 20, 2004`, `20 Nov. 2004`, ISO)."""
    for pattern in _DATE_RES:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
            try:
                return dt.date(int(parts["year"]), month, int(parts["day"])), match
            except ValueError:
                continue
    return None


def _is_body(paragraph: str) -> bool:
    words = paragraph.split()
    return len(words) >= 20 or (len(words) >= 8 and re.search(r"[.!?][\"')]*$", paragraph))


def read_title_block(paragraphs: list[str]) -> TitleBlock:
    """Parse the leading non-body paragraphs (at most six) of an article."""
    block = TitleBlock()
    head: list[str] = []
    for paragraph in paragraphs[:_MAX_BLOCK]:
        if _is_body(paragraph):
            break
        head.append(paragraph)
    expect_author = False
    for i, paragraph in enumerate(head):
        byline = _BYLINE_RE.match(paragraph)
        dated = find_date(paragraph)
        if expect_author:
            block.author = _HONORIFIC_RE.sub("", paragraph).strip() or None
            block.used.add(i)
            expect_author = False
        elif byline:
            name = byline.group("name").strip()
            block.used.add(i)
            if name:
                block.author = _HONORIFIC_RE.sub("", name).strip()
            else:
                expect_author = True
        elif dated and block.date is None:
            block.date, match = dated
            rest = (paragraph[: match.start()] + " " + paragraph[match.end() :]).strip(_SEPARATORS)
            if i == 0 and rest:
                block.title = rest
            else:
                block.used.add(i)
        elif block.author is not None and block.affiliation is None and i not in block.used:
            block.affiliation = paragraph.strip()
            block.used.add(i)
        elif i == 0:
            block.title = paragraph.strip(_SEPARATORS) or None
    if block.date is None and block.author is None:
        return TitleBlock(title=block.title)  # a headline alone is not a title block
    return block
