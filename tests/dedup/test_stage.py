import datetime as dt

import pytest

from parley.dedup.fingerprint import content_hash
from parley.dedup.stage import Deduplicate, MemoryIndex
from parley.document import Document
from parley.errors import RejectDocument


def doc(ident: str, text: str, date: dt.date | None = None) -> Document:
    return Document(id=ident, origin=ident, format="txt", raw=text, text=text, date=date)


def test_fingerprint_ignores_case_and_spacing_but_not_the_date():
    assert content_hash("Japan  protested.\n") == content_hash("japan protested.")
    assert content_hash("x", dt.date(2024, 1, 1)) != content_hash("x", dt.date(2024, 1, 2))


def test_copies_unchanged_and_changed_documents():
    stage = Deduplicate(MemoryIndex())
    first = stage(doc("a.txt", "Japan protested."))
    assert first is not None and first.duplicate_of is None and first.story_id.startswith("st-")
    copy = stage(doc("b.txt", "JAPAN  protested."))
    assert copy is not None and (copy.duplicate_of, copy.story_id) == ("a.txt", first.story_id)
    assert stage(doc("a.txt", "Japan protested.")) is None  # unchanged
    redated = stage(doc("c.txt", "Japan protested.", dt.date(2024, 5, 1)))
    assert redated is not None and redated.duplicate_of is None
    with pytest.raises(RejectDocument, match="different content"):
        stage(doc("a.txt", "Russia protested."))
    replacing = Deduplicate(MemoryIndex(), replace=True)
    replacing(doc("a.txt", "Japan protested."))
    assert replacing(doc("a.txt", "Russia protested.")) is not None
