"""Content fingerprints: equal for texts that differ only in case and white space.

The document date is part of the fingerprint: the same words reported on another day
(a recurring statement, a re-dated wire item) are another report with other event dates,
not a copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

_SPACE_RE = re.compile(r"\s+")


def content_hash(text: str, date: dt.date | None = None) -> str:
    """SHA-256 of the date and the case-folded text with white space collapsed."""
    canonical = _SPACE_RE.sub(" ", text.casefold()).strip()
    if date is not None:
        canonical = f"{date.isoformat()}\n{canonical}"
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def story_id_for(content: str) -> str:
    """A story is named after the first copy's fingerprint."""
    return f"st-{content[:16]}"
