"""The store answers "is this id / content stored?" from in-memory filters once a run
has asked enough, and its answers stay those of the database."""

from __future__ import annotations

import numpy as np

from parley.document import Document
from parley.store import keys
from parley.store.duckdb_store import _FILTER_AFTER, DuckDBStore
from parley.store.keys import KeyFilter


def test_a_filter_never_loses_a_key_and_rarely_holds_another():
    held = [f"doc-{n}" for n in range(10_200)]
    fresh = KeyFilter.of(held[:6000])
    fresh.add(held[6000:10_000])
    assert len(fresh._recent) == 4000 < keys._MERGE_EVERY  # waiting in the set
    fresh.add(held[10_000:])  # now merged into the sorted array
    assert not fresh._recent and len(fresh._sorted) == 10_200
    assert all(fresh.maybe(k) for k in held)
    assert sum(fresh.maybe(f"other-{n}") for n in range(10_000)) <= 1
    assert not KeyFilter().maybe("anything") and KeyFilter.of([]).maybe("x") is False
    assert fresh._sorted.dtype == np.int64 and np.all(np.diff(fresh._sorted) > 0)


def document(n: int, copy_of: int | None = None) -> Document:
    text = f"text {copy_of if copy_of is not None else n}"
    doc = Document(id=f"d{n}", origin=f"d{n}", format="text", raw=text, text=text)
    doc.content_hash = f"h{copy_of if copy_of is not None else n}"
    doc.story_id = f"s{copy_of if copy_of is not None else n}"
    if copy_of is not None:
        doc.duplicate_of = doc.similar_to = f"d{copy_of}"
    return doc


def test_lookups_answer_as_the_database_before_and_after_the_filters_are_read(tmp_path):
    db = tmp_path / "k.duckdb"
    with DuckDBStore(db, batch_size=50) as store:
        for n in range(300):
            store(document(n, copy_of=n - 1 if n % 10 == 9 else None))
    with DuckDBStore(db, batch_size=50) as store:
        for n in range(_FILTER_AFTER + 1):  # new documents: every answer "not stored"
            assert store.find_by_id(f"new-{n}") is None
        assert store._held is not None  # the filters are read now
        assert store.find_by_id("d5") == "h5" and store.find_by_id("d19") == "h18"
        assert store.find_by_hash("h18") == ("d18", "s18")  # the original, not its copy
        assert store.find_by_hash("h1000") is None and store.find_by_id("d1000") is None
        for n in range(1000, 1300):  # stored by this run: in the filter once flushed
            store(document(n))
        store.flush()
        assert store.find_by_id("d1299") == "h1299" and store.find_by_hash("h1000") == (
            "d1000", "s1000"
        )  # fmt: skip


def test_a_new_version_written_after_the_filters_are_read_replaces_the_old_rows(tmp_path):
    db = tmp_path / "r.duckdb"
    with DuckDBStore(db, batch_size=50) as store:
        for n in range(300):
            store(document(n))
    with DuckDBStore(db, batch_size=50) as store:
        for n in range(_FILTER_AFTER + 1):
            store.find_by_id(f"new-{n}")
        assert store._held is not None
        newer = document(7)
        newer.text = newer.raw = "another text"
        newer.content_hash = "h7-new"
        store(newer)
        store.flush()
        assert store.replaced == {"d7": "s7"}
        rows = store.query("SELECT content_hash FROM documents WHERE document_id = 'd7'")
    assert rows == [("h7-new",)]
