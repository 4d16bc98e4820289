"""Cleaning: the text every later span points into.

Only changes that keep the words where a reader expects them: Unicode NFC, one kind of
line ending, non-breaking and other odd spaces made plain, control characters dropped.
"""

from __future__ import annotations

import re
import unicodedata

from parley.document import Document
from parley.errors import RejectDocument

_SPACES_RE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(raw: str) -> str:
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _SPACES_RE.sub(" ", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    return text.strip()


class Clean:
    """Stage: `Document.raw` → `Document.text`."""

    name = "clean"

    def __call__(self, doc: Document) -> Document:
        doc.text = clean_text(doc.raw)
        if not doc.text:
            raise RejectDocument("no text left after cleaning")
        return doc
