"""Decoding input bytes: UTF-8 first, legacy Windows-1252/Latin-1 files second.

Legacy corpora are full of cp1252 files (curly quotes as 0x92, é as 0xE9); crashing on
them helps nobody. Binary data is told apart by NUL bytes and control characters, which
text in any of these encodings does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.errors import RejectDocument

_SNIFF = 8192
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01


@dataclass(slots=True, frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF]
    return len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1)


def decode_bytes(data: bytes) -> Decoded:
    """UTF-8 (BOM or not), BOM-marked UTF-16, or Windows-1252; else a clear rejection."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as exc:
            raise RejectDocument(f"invalid UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:_SNIFF]:
        raise RejectDocument("binary file, not text (contains NUL bytes)")
    try:
        decoded = Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            decoded = Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            byte = data[utf8_error.start : utf8_error.start + 1].hex()
            raise RejectDocument(
                f"not text in UTF-8 or Windows-1252 (byte 0x{byte} at offset "
                f"{utf8_error.start}); save it as UTF-8"
            ) from utf8_error
    if _looks_binary(decoded.text):
        raise RejectDocument("binary file, not text (control characters)")
    return decoded
