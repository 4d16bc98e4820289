"""Undo what PDF extraction does to text: hard line breaks, split words, page furniture.

A PDF's text layer is laid out in lines, not paragraphs: sentences run across line ends,
words are hyphenated at them, and running headers, footers and page numbers sit between
paragraphs. `reflow` rebuilds paragraphs (a blank line or a short line closes one; a
paragraph cut by a page break is mended), rejoins split words with a `Dehyphenator`, and
drops page numbers and lines that repeat like headers.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from parley.ingest.hyphens import Dehyphenator

_PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I
)
_PAGE_LABEL_RE = re.compile(r"\bpage\s+\d{1,4}\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_SPLIT_RE = re.compile(r"([A-Za-z]+)-$")
_NEXT_WORD_RE = re.compile(r"^([a-z]+)")
_MAX_FURNITURE = 80
_ENDINGS = frozenset(".?!:;\"')”’")


def looks_hard_wrapped(text: str) -> bool:
    """True when most lines run on into the next one, as in a PDF's text layer."""
    lines = [line.rstrip() for line in text.splitlines()]
    body = [line for line in lines if len(line.strip()) > 0]
    if len(body) < 6:
        return False
    continued = sum(1 for a, b in itertools.pairwise(lines) if a.strip() and b.strip())
    lengths = sorted(len(line) for line in body)
    median = lengths[len(lengths) // 2]
    return continued / len(body) > 0.5 and 35 <= median <= 130


def _full_width(lines: list[str]) -> int:
    widths = sorted(len(line) for line in lines if line.strip())
    return widths[int(len(widths) * 0.9)] if widths else 0


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of page numbers, `Page N` labels and short lines repeated like headers."""
    short = 0.6 * _full_width(lines)
    shapes = Counter(
        re.sub(r"\d+", "#", line.strip()) for line in lines if 0 < len(line.strip()) <= 80
    )
    drop = set()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > _MAX_FURNITURE:
            continue
        page_number = _PAGE_NUMBER_RE.match(stripped)
        label = _PAGE_LABEL_RE.search(stripped) and stripped[-1] not in ".?!"
        repeated = (
            shapes[re.sub(r"\d+", "#", stripped)] >= 3
            and len(stripped) < short
            and stripped[-1] not in _ENDINGS
            and not stripped.endswith("-")
        )
        if page_number or label or repeated:
            drop.add(i)
    return drop


def reflow(text: str, dehyphenator: Dehyphenator) -> str:
    """Paragraphs separated by blank lines, each on one line, words rejoined."""
    lines = [line.rstrip() for line in text.splitlines()]
    drop = _furniture(lines)
    kept = [line for i, line in enumerate(lines) if i not in drop]
    vocabulary = {w.lower() for w in _WORD_RE.findall(" ".join(kept))}
    full = _full_width(kept)
    paragraphs: list[str] = []
    current = ""
    for line in kept:
        stripped = line.strip()
        if not stripped:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        current = _append(current, stripped, dehyphenator, vocabulary)
        if len(line) < 0.5 * full and not current.endswith("-"):
            paragraphs.append(current)  # only a paragraph's (or a heading's) last line is short
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(_mend_page_breaks(paragraphs, dehyphenator, vocabulary))


def _mend_page_breaks(
    paragraphs: list[str], dehyphenator: Dehyphenator, vocabulary: set[str]
) -> list[str]:
    """A paragraph that stops mid-sentence and one that starts in lower case are one."""
    mended: list[str] = []
    for paragraph in paragraphs:
        if mended and mended[-1][-1] not in _ENDINGS and paragraph[0].islower():
            mended[-1] = _append(mended[-1], paragraph, dehyphenator, vocabulary)
        else:
            mended.append(paragraph)
    return mended


def _append(current: str, line: str, dehyphenator: Dehyphenator, vocabulary: set[str]) -> str:
    if not current:
        return line
    split = _SPLIT_RE.search(current)
    following = _NEXT_WORD_RE.match(line)
    if split and following:
        left, right = split.group(1), following.group(1)
        word = dehyphenator.join(left, right, vocabulary)
        return current[: split.start()] + word + line[following.end() :]
    return f"{current} {line}"
