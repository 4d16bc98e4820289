"""Decoding input bytes: UTF-8 first, legacy Windows-1252/Latin-1 files second.

Legacy corpora are full of cp1252 files (curly quotes as 0x92, é as 0xE9); crashing on
them helps nobody. Binary data is told apart by NUL bytes and control characters, which
text in any of these encodings does not have. UTF-16 without a byte order mark is told
by its NULs, one byte in two, and decoded.

Any byte string decodes as cp1252 (but five bytes), so a file in another legacy encoding
(Shift-JIS, GBK, Big5, EUC-KR, KOI8-R, Windows-1251) would be read as garbage and coded
without a word. What tells them apart from the Western text cp1252 is for: that text is
mostly ASCII letters, its accented letters one at a time (`été`, `Grüße`), while those
encodings write whole words in bytes above 0x7F. Such a file is rejected, with the
encoding it looks like, rather than guessed at: the same bytes are valid in several.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.errors import RejectDocument

_SNIFF = 8192
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

# UTF-16 without a BOM: of a text mostly in Latin letters, one byte in two is NUL.
_UTF16_NULS = 0.2  # at least this share of one parity's bytes is NUL...
_UTF16_OTHER = 0.05  # ...and at most this share of the other's

# A foreign legacy encoding read as cp1252 (see the module's docstring).
_LOOK = 65536  # bytes looked at
_HIGH_RUN_RE = re.compile(rb"[\x80-\xff]+")
_UTF8_CHARACTER_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_RUN = 3  # bytes above 0x7F in a row: a word in another alphabet, not an accented letter
_LETTERS = 0xC0  # one of them at least a cp1252 letter (a run below is `“—`, or a rule)
_MOST_IN_RUNS = 0.5  # share of the bytes above 0x7F in such runs
_FEWEST_IN_RUNS = 4  # and at least this many (a lone run of three can be `”—à`)
_MOSTLY_UTF8 = 0.8  # share of them in UTF-8 characters: UTF-8 with a few bad bytes
_SHIFT_JIS_LEADS = 0.2  # share in 0x81-0x9F, Shift-JIS lead bytes the EUCs and Big5 lack
_ALPHABET_ONLY = 0.15  # at most this share in 0x80-0xBF: letters of a one-byte alphabet
_KOI8_LOWER = 0.6  # share in 0xC0-0xDF, where KOI8-R has its small letters
_EAST_ASIAN = ("shift_jis", "euc_jp", "gbk", "big5", "euc_kr")


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    return len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1)


def decode_bytes(data: bytes) -> Decoded:
    """UTF-8 (BOM or not), UTF-16 (BOM or not), UTF-32 with a BOM, or Windows-1252;
    else a clear rejection."""
    decoded = _decode(data)
    if _looks_binary(decoded.text):
        raise RejectDocument("binary file, not text (control characters)")
    return decoded


def _decode(data: bytes) -> Decoded:
    if data.startswith(_UTF32_BOMS):  # before UTF-16: the LE marks begin alike
        return _strict(data, "utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if b"\x00" in data[:_SNIFF]:
        order = _utf16_order(data)
        if order is None:
            raise RejectDocument("binary file, not text (contains NUL bytes)")
        return _strict(data, order)
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        return _legacy(data, utf8_error)


def _strict(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        name = encoding.upper().replace("-LE", "").replace("-BE", "")
        raise RejectDocument(f"invalid {name} text ({exc.reason} at offset {exc.start})") from exc


def _utf16_order(data: bytes) -> str | None:
    """`utf-16-le` or `utf-16-be` when the NULs fall one byte in two (ASCII letters as
    UTF-16 without a BOM: `A` is 41 00 or 00 41) of an even number of bytes, else None
    (binary data)."""
    if len(data) % 2:
        return None
    sample = data[:_SNIFF]
    pairs = max(len(sample) // 2, 1)
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= _UTF16_NULS and even <= _UTF16_OTHER:
        return "utf-16-le"
    if even >= _UTF16_NULS and odd <= _UTF16_OTHER:
        return "utf-16-be"
    return None


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    """Windows-1252, unless its bytes look like another encoding's or cp1252 has no
    character for one of them (0x81, 0x8D, 0x8F, 0x90, 0x9D)."""
    sample = data[:_LOOK]
    mostly_utf8 = _mostly_utf8(sample)
    guess = None if mostly_utf8 else _foreign(sample)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        if mostly_utf8:
            bad = utf8_error.object[utf8_error.start]
            advice = (
                f"; it looks like UTF-8 with bad bytes, the first 0x{bad:02x} at offset "
                f"{utf8_error.start}: mend them"
            )
        else:
            advice = f"; it looks like {guess}" if guess else ""
            advice += ": convert it to UTF-8"
        raise RejectDocument(
            f"not text in UTF-8 or Windows-1252 (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start} is no Windows-1252 character){advice}"
        ) from exc
    if guess is not None:
        raise RejectDocument(f"not UTF-8 text; it looks like {guess}: convert it to UTF-8")
    return Decoded(text, "cp1252")


def _mostly_utf8(sample: bytes) -> bool:
    """Whether most bytes above 0x7F form UTF-8 characters: UTF-8 with a few bad bytes,
    which `parley.ingest.clean` repairs when it was read as cp1252."""
    high = sum(len(run) for run in _HIGH_RUN_RE.findall(sample))
    return sum(len(c) for c in _UTF8_CHARACTER_RE.findall(sample)) >= _MOSTLY_UTF8 * high


def _foreign(sample: bytes) -> str | None:
    """The encoding `sample` looks written in, if not Windows-1252: a Japanese, Chinese
    or Korean one, or a one-byte encoding of another alphabet; None for Western text."""
    runs = _HIGH_RUN_RE.findall(sample)
    high = sum(len(run) for run in runs)
    in_runs = sum(len(run) for run in runs if len(run) >= _RUN and max(run) >= _LETTERS)
    if in_runs < max(_FEWEST_IN_RUNS, _MOST_IN_RUNS * high):
        return None
    values = [b for b in sample if b >= 0x80]
    leads = sum(0x81 <= b <= 0x9F for b in values) / high
    if leads >= _SHIFT_JIS_LEADS and _decodes(sample, "shift_jis"):
        return "Shift-JIS (Japanese), or another East Asian encoding"
    if sum(b < 0xC0 for b in values) <= _ALPHABET_ONLY * high:
        if sum(b < 0xE0 for b in values) >= _KOI8_LOWER * high:
            return "KOI8-R (Russian), or another one-byte encoding of a non-Latin alphabet"
        return (
            "a one-byte encoding of a non-Latin alphabet (Windows-1251 or ISO 8859-5 "
            "Cyrillic, Greek, Hebrew, Arabic)"
        )
    if any(_decodes(sample, name) for name in _EAST_ASIAN):
        return "an East Asian encoding (GBK or GB2312, Big5, EUC-KR, EUC-JP or Shift-JIS)"
    return None


def _decodes(sample: bytes, encoding: str) -> bool:
    """Whether `sample` is valid in `encoding`, but for a character cut at its end."""
    try:
        sample.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 2 and exc.reason.startswith("incomplete")
    return True
