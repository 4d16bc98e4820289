"""The store's default memory holds an ordinary corpus, and a store that fails stops the run.

DuckDB writes its log into the file (a checkpoint) every 16 MB of writes. A checkpoint
that runs out of memory invalidates the database: every later statement fails. With the
old default cap (24 MB) that happened to a corpus of 4,000 articles of 25 sentences, and
the run went on, rejecting each later document with an "internal error" line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from parley import api
from parley.document import Document
from parley.errors import StoreError
from parley.store import duckdb_store
from parley.store.duckdb_store import DuckDBStore

COUNTRIES = ["Japan", "China", "Russia", "India", "Germany", "France", "Brazil", "Egypt"]
VERBS = ["accused", "condemned", "praised", "criticized", "visited", "urged", "warned"]


def article(number: int, sentences: int = 25) -> str:
    """An article of `sentences` sentences, most of them events, none like another's."""
    lines = []
    for k in range(sentences):
        a, b = COUNTRIES[(number + k) % 8], COUNTRIES[(number + 3 * k + 1) % 8]
        if a == b:
            b = "the United States"
        lines.append(f"{a} {VERBS[(number * 7 + k) % 7]} {b} over case {number}-{k} on Monday.")
    return " ".join(lines)


@pytest.fixture(scope="module")
def coded(dictionaries) -> Document:
    """One article of 25 sentences, coded: stored again and again under new ids, it
    writes the rows of a real corpus without coding one."""
    doc = Document(id="a", origin="a", format="text", raw=article(0))
    doc = api.code_document(doc, dictionaries, "2024-03-01")
    assert len(doc.sentences) == 25 and len(doc.events) >= 20
    return doc


def store_copies(store: DuckDBStore, doc: Document, count: int) -> None:
    """Store `doc` `count` times, each time as another document of its own story."""
    for i in range(count):
        doc.id = doc.origin = doc.story_id = f"article-{i}"
        doc.content_hash = f"hash-{i}"
        for k, event in enumerate(doc.events):
            event.document_id, event.event_id = doc.id, f"{i}-{k}"
        store(doc)


def counts(db: Path) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return documents, events


def test_the_default_memory_stores_4000_articles_of_25_sentences(tmp_path, coded):
    db = tmp_path / "corpus.duckdb"
    with DuckDBStore(db) as store:
        store_copies(store, coded, 4000)
    assert counts(db) == (4000, 4000 * len(coded.events))


def test_a_checkpoint_that_runs_out_of_auto_memory_gets_more_and_loses_nothing(
    tmp_path, coded, monkeypatch
):
    monkeypatch.setattr(duckdb_store, "_AUTO_BASE_MB", 16)  # too little for a checkpoint
    db = tmp_path / "tight.duckdb"
    with DuckDBStore(db) as store:
        store_copies(store, coded, 2000)
        assert store._limit_mb >= 32  # it doubled
    assert counts(db) == (2000, 2000 * len(coded.events))


def test_a_store_that_fails_stops_the_run_with_one_line_and_keeps_what_was_committed(
    tmp_path, coded
):
    db = tmp_path / "fixed.duckdb"
    # a cap the user set is not raised
    with pytest.raises(StoreError) as failure, DuckDBStore(db, memory_limit="16MB") as store:
        store_copies(store, coded, 4000)
    message = str(failure.value)
    assert "\n" not in message and "the run stops" in message and "--db-memory" in message
    documents, events = counts(db)  # the file opens again, with whole batches only
    assert 0 < documents < 4000 and documents % 200 == 0
    assert events == documents * len(coded.events)


@pytest.mark.skipif(
    not os.environ.get("CI"), reason="a benchmark-sized run (about a minute): CI only"
)
def test_parley_code_with_default_settings_stores_4000_articles_of_25_sentences(tmp_path):
    """The user's command end to end: the run the old default lost 1,800 documents of."""
    feed = tmp_path / "corpus.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for n in range(4000):
            text = article(n).replace('"', "")
            out.write(f'{{"id": "n{n}", "date": "2024-03-01", "text": "{text}"}}\n')
    db = tmp_path / "corpus.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "parley", "code", str(feed), "--db", str(db)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert counts(db)[0] == 4000


def test_parley_code_stops_at_once_with_one_line_when_the_store_fails(tmp_path):
    """Not a line a document: the first failure ends the run, with what to do."""
    feed = tmp_path / "feed.jsonl"
    lines = [f'{{"id": "n{n}", "text": "{article(n, 3)}"}}' for n in range(300)]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "tiny.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "parley", "code", str(feed), "--db", str(db),
         "--db-memory", "3MB", "--format", "jsonl"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"parley: error: {db}: ") and "--db-memory" in line
