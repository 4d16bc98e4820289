"""Cleaning: the text every later span points into.

Characters first (UTF-8 that was read as cp1252 repaired, Unicode NFC, one kind of line
ending and of space, straight quotes, one hyphen, no invisible or control characters),
then by kind of input: scraped plain
text loses its page chrome, text laid out like a PDF page is re-flowed into paragraphs
(`parley.ingest.reflow`), and words a scraper glued together are split again. Whatever
happens here, the result is stored and every span refers to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from parley.document import Document
from parley.errors import RejectDocument
from parley.ingest.chrome import repair_glued, strip_chrome
from parley.ingest.hyphens import Dehyphenator
from parley.ingest.reflow import looks_hard_wrapped, reflow

_SPACES_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TRAILING_RE = re.compile(r"[ ]+\n")
# UTF-8 read as cp1252 (`â€™` for `’`, `Ã©` for `é`, `Â` before a no-break space): a lead
# byte's character, then continuation bytes' characters as cp1252 shows them.
_MOJIBAKE_RE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]+"
)
_CHARACTERS = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
        "‐": "-", "‑": "-", "‒": "—", "―": "—", "−": "-",
    }
)  # fmt: skip


def _unmangle(found: re.Match[str]) -> str:
    """The characters a run of cp1252-shown UTF-8 bytes stood for; the run as it is
    where its bytes are no UTF-8 (then it was no such run)."""
    data = bytearray()
    for char in found.group(0):
        try:
            data += char.encode("cp1252")
        except UnicodeEncodeError:
            data.append(ord(char))  # the five bytes cp1252 leaves undefined (`\x9d`)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return found.group(0)


def repair_mojibake(text: str) -> str:
    """`bjpâ€™s` → `bjp’s`: text that was UTF-8 but was decoded as cp1252 somewhere
    before it reached parley (a feed, a scraper, a spreadsheet), byte runs repaired one
    at a time so that a real `Â` or `â` elsewhere stays."""
    return _MOJIBAKE_RE.sub(_unmangle, text)


def normalise_characters(raw: str) -> str:
    """Characters only; line structure is kept for the later steps."""
    text = repair_mojibake(raw).replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _SPACES_RE.sub(" ", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    text = text.translate(_CHARACTERS)
    return _TRAILING_RE.sub("\n", text)


def clean_text(raw: str, kind: str, dehyphenator: Dehyphenator) -> str:
    """The clean text of a document read from an input of `kind` (txt, pdf, html, …)."""
    text = normalise_characters(raw)
    if kind == "txt":
        text = strip_chrome(text)
    if kind == "pdf" or (kind == "txt" and looks_hard_wrapped(text)):
        text = reflow(text, dehyphenator)
    text = repair_glued(text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass(slots=True)
class Clean:
    """Stage: `Document.raw` → `Document.text`."""

    dehyphenator: Dehyphenator
    name: str = "clean"

    def __call__(self, doc: Document) -> Document:
        doc.text = clean_text(doc.raw, doc.format, self.dehyphenator)
        if not doc.text:
            raise RejectDocument("no text left after cleaning")
        return doc
