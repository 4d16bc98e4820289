"""Remove what a scraper kept from the page around the article, and repair glued words.

Chrome lines are recognised by shape, not by site: share counters (`0 69`), calls to
action (`Source link`, `You might also like`, `Share this`), thanks and follow lines, and
a lower-case site tagline above the headline. A line that reads like prose — it ends a
sentence and is not a known call to action — is kept however short it is.
"""

from __future__ import annotations

import re
from collections import Counter

_COUNTER_RE = re.compile(r"^[\d\s.,:|/kKmM+]+$")
_CALLS = re.compile(
    r"""^(?:
        source\ link | read\ more | read\ the\ full\ (?:story|article) | related(?:\ \w+)? |
        you\ (?:might|may)\ also\ like | recommended(?:\ for\ you)? | advertisement |
        share(?:\ this)?(?:\ (?:article|story|post))?(?:\ on\ \w+)? | tweet | print | email |
        follow\ us(?:\ on\ \w+)? | subscribe(?:\ now)? | sign\ up.* | click\ here.* |
        leave\ a\ (?:comment|reply) | \d*\s*comments? | thanks?\b.* | thank\ you\b.* |
        continue\ reading | skip\ to\ (?:main\ )?content | back\ to\ top
    )[\s!.:]*$""",
    re.I | re.X,
)
_APPRECIATION_RE = re.compile(r"\b(?:thanks for sharing|you are awesome|like and share)\b", re.I)


def is_chrome(line: str, position: int) -> bool:
    """Whether one stripped line is page furniture; `position` is its index among lines."""
    if _COUNTER_RE.match(line) and any(ch.isdigit() for ch in line):
        return True
    if _CALLS.match(line) or _APPRECIATION_RE.search(line):
        return True
    words = line.split()
    # a tagline: the very first line, lower case, short, no sentence end
    return position == 0 and line == line.lower() and len(words) <= 8 and line[-1] not in ".?!"


def strip_chrome(text: str) -> str:
    """Drop chrome lines (and lines of `=`/`-`/`*` rules); paragraphs stay apart."""
    lines = text.splitlines()
    out: list[str] = []
    position = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            out.append("")
            continue
        chrome = is_chrome(stripped, position) or set(stripped) <= set("=-*_~#· ")
        position += 1
        if not chrome:
            out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


_GLUED_RE = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]+)\b")
_WORD_RE = re.compile(r"\b[A-Za-z]+\b")


def repair_glued(text: str) -> str:
    """`ChinaNorth Korea’s` → `China—North Korea’s` when both halves stand alone elsewhere.

    A scraper that drops an em dash glues two capitalised words. Names like `McDonald` or
    `DeSantis` are left alone: their halves never occur as words of their own.
    """
    counts = Counter(_WORD_RE.findall(text))

    def fix(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if counts[left] and counts[right] and not counts[match.group()] > 1:
            return f"{left}—{right}"
        return match.group()

    return _GLUED_RE.sub(fix, text)
