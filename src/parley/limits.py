"""How big an input may be: safe defaults, each one a `parley code` option.

The defaults bound what one document can cost: on one core of the 2-core machine of
`docs/reliability.md`, a document at every limit takes under a minute and a few hundred
MB beyond the process's own (that page has the figures).

A file over `file_mb` is rejected before it is read (reading it whole could exhaust
memory). Markup that must be parsed before any text is found is held to `markup_mb`: an
HTML page over it is rejected before it is parsed (the parsed tree takes about 90 times
the page's size), and so is a PDF whose pages' drawing instructions (decompressed) add
up to more, or that has more than `pdf_pages` pages (text extraction reads every
instruction, and a small file can hold megabytes of them). A document whose text is
over `text_mb` is rejected after it is read (a JSON Lines record, a PDF's extracted
text): coding time and memory grow with it, 10-25 s and about 200 MB a million characters
(about 170,000 words, a 400-page report).
A sentence over `sentence_words` words is cut into pieces that are not: the parser's
cost grows with the square of a sentence's length, and a "sentence" that long is a table
or a text without punctuation, not a sentence. Nothing of the text is lost by the cut.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024  # text limits count characters as bytes: news text is nearly all ASCII


@dataclass(slots=True, frozen=True)
class Limits:
    file_mb: float = 50
    text_mb: float = 1
    sentence_words: int = 150
    markup_mb: float = 5
    pdf_pages: int = 2000

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MB)

    @property
    def text_chars(self) -> int:
        return int(self.text_mb * MB)

    @property
    def markup_bytes(self) -> int:
        return int(self.markup_mb * MB)


DEFAULT_LIMITS = Limits()  # frozen: a shared default, not state
