"""Reading while a run writes: `parley query`, the Python API and `parley serve` read a
database that a `parley code` run (a real subprocess) is writing, and the run ends with
exactly the data of a run nobody read during. A reader that holds the file makes the
writer wait, not fail; a reader killed while waiting cannot stall a run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.errors import StoreError
from parley.query.database import EventDatabase
from parley.store.duckdb_store import DuckDBStore
from parley.store.turns import STALE_SECONDS, Turns
from parley.web.app import create_app
from tests.conftest import contents, write_corpus

ARTICLES = 400


def _code(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "parley", "code", str(corpus), "--db", str(db),
         "-o", str(db.with_suffix(".jsonl"))],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _documents(db: Path) -> int:
    with EventDatabase(db) as database:
        return database.sql("SELECT count(*) FROM documents").fetchall()[0][0]


def test_readers_read_while_a_run_writes_and_the_run_loses_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus, ARTICLES)
    reference = tmp_path / "reference.duckdb"
    assert _code(corpus, reference).wait(timeout=600) == 1  # the empty file is rejected

    db = tmp_path / "read.duckdb"
    run = _code(corpus, db)
    seen: list[int] = []
    query = None
    held = False
    while run.poll() is None:
        if not db.exists():
            time.sleep(0.05)
            continue
        seen.append(_documents(db))  # the Python API
        with TestClient(create_app(db)) as client:  # the web server
            assert client.get("/api/events", params={"size": 5}).status_code == 200
        if query is None:  # the command line
            query = subprocess.Popen(
                [sys.executable, "-m", "parley", "query", "--db", str(db), "--by", "root",
                 "--format", "csv"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
        elif not held and len(seen) > 3:
            with EventDatabase(db) as database:  # a long read: the run waits for it
                time.sleep(1.0)
                assert database.sql("SELECT count(*) FROM events").fetchall()[0][0] >= 0
            held = True
    _, errors = run.communicate()
    assert run.returncode == 1, errors
    rejected = f"parley: {corpus}/part0/empty.txt: empty file (no text)"
    assert errors.strip().splitlines() == [rejected]
    assert held and len([n for n in seen if 0 < n < ARTICLES]) >= 3, seen  # read mid-run
    assert seen == sorted(seen)  # every read saw whole batches, never fewer documents
    output, errors = query.communicate(timeout=120)
    assert query.returncode == 0, errors
    assert output.startswith('"root","events"')
    assert contents(db) == contents(reference)
    assert not Turns(db).folder.exists()  # every request withdrawn


def test_a_reader_killed_while_waiting_leaves_no_lasting_request(tmp_path):
    db = _new(tmp_path / "p.duckdb")
    turns = Turns(db)
    with turns.request("read"):
        assert turns.asked()
        stale = turns.folder / "read-4242-deadbeef"  # as a killed reader leaves it
        stale.touch()
        os.utime(stale, (time.time() - STALE_SECONDS - 1,) * 2)
        assert turns.asked() and not stale.exists()
    assert not turns.asked() and not turns.folder.exists()


def _new(db: Path) -> Path:
    DuckDBStore(db).close()
    return db


def test_a_reader_gives_up_on_a_writer_that_does_not_make_way(hold, tmp_path):
    db = _new(tmp_path / "p.duckdb")
    hold(db, read_only=False)  # not parley: it never looks for requests
    began = time.monotonic()
    with pytest.raises(StoreError, match=r"did not make way within 0\.5 s"):
        DuckDBStore(db, read_only=True, wait=0.5)
    assert 0.5 <= time.monotonic() - began < 5
    assert not Turns(db).folder.exists()  # its request withdrawn


def test_a_writer_waits_for_readers_but_not_for_another_writer(hold, tmp_path):
    db = _new(tmp_path / "read.duckdb")
    hold(db, read_only=True)
    with pytest.raises(StoreError, match="being read by another program, which did not let go"):
        DuckDBStore(db, wait=0.3)
    db = _new(tmp_path / "written.duckdb")
    hold(db, read_only=False)
    began = time.monotonic()
    with pytest.raises(StoreError, match=r"locked by another parley run\)$"):
        DuckDBStore(db, wait=30)
    assert time.monotonic() - began < 5  # said at once: a writer will not make way


def test_the_server_lets_a_waiting_run_in_between_requests(tmp_path):
    db = _new(tmp_path / "served.duckdb")
    script = textwrap.dedent(f"""
        import time
        from parley.store.duckdb_store import DuckDBStore
        began = time.monotonic()
        DuckDBStore({str(db)!r}, wait=30).close()
        print(f"in after {{time.monotonic() - began:.2f}} s", flush=True)
    """)
    with TestClient(create_app(db)) as client:
        assert client.get("/api/events").status_code == 200  # the file stays open a while
        writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)  # fmt: skip
        requests = 0
        while writer.poll() is None and requests < 100:  # a page that never goes quiet
            assert client.get("/api/events").status_code == 200
            requests += 1
            time.sleep(0.1)
        output, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors
    assert requests < 100 and output.startswith("in after ")
