"""Content fingerprints: equal for texts that differ only in case and white space."""

from __future__ import annotations

import hashlib
import re

_SPACE_RE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the case-folded text with white space collapsed."""
    canonical = _SPACE_RE.sub(" ", text.casefold()).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def story_id_for(content: str) -> str:
    """A story is named after the first copy's fingerprint."""
    return f"st-{content[:16]}"
