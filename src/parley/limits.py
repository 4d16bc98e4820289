"""How big an input may be: safe defaults, each one a `parley code` option.

A file over `file_mb` is rejected before it is read (reading it whole could exhaust
memory); a document whose text is over `text_mb` is rejected after it is read (a JSON
Lines record, a PDF's extracted text): coding cost and memory grow with it. A sentence
over `sentence_words` words is cut into pieces that are not: the parser's cost grows with
the square of a sentence's length, and a "sentence" that long is a table or a text
without punctuation, not a sentence. Nothing of the text is lost by the cut.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024  # text limits count characters as bytes: news text is nearly all ASCII


@dataclass(slots=True, frozen=True)
class Limits:
    file_mb: float = 50
    text_mb: float = 10
    sentence_words: int = 150

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MB)

    @property
    def text_chars(self) -> int:
        return int(self.text_mb * MB)


DEFAULT_LIMITS = Limits()  # frozen: a shared default, not state
