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
from parley.store.writer import WriterLock, lock_path
from parley.web.app import create_app
from parley.web.uploads import Uploads
from tests.conftest import contents, write_corpus

pytestmark = pytest.mark.long  # a separate CI step: `pytest -m long`

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


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("concurrent") / "corpus"
    folder.mkdir()
    write_corpus(folder, ARTICLES)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Path:
    """The database of a run nobody read during, nor tried to write beside."""
    db = corpus.parent / "reference.duckdb"
    assert _code(corpus, db).wait(timeout=600) == 1  # the empty file is rejected
    return db


def test_readers_read_while_a_run_writes_and_the_run_loses_nothing(tmp_path, corpus, reference):
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
    assert [x for x in errors.strip().splitlines() if not x.startswith("parley: warning:")] == [
        rejected
    ]  # the run's warnings (undated documents) aside
    assert held and len([n for n in seen if 0 < n < ARTICLES]) >= 3, seen  # read mid-run
    assert seen == sorted(seen)  # every read saw whole batches, never fewer documents
    output, errors = query.communicate(timeout=120)
    assert query.returncode == 0, errors
    assert output.startswith('"root","events"')
    assert contents(db) == contents(reference)
    assert not Turns(db).folder.exists()  # every request withdrawn


def test_a_second_writer_and_an_upload_are_refused_while_a_run_makes_way(
    tmp_path, corpus, reference, dictionaries
):
    """A run closes the file whenever a reader asks; another writer must not take it
    then (the run, opening it again, would find it taken and stop)."""
    db = tmp_path / "busy.duckdb"
    run = _code(corpus, db)
    refused = {"writer": 0, "upload": 0}
    while not db.exists():
        time.sleep(0.02)
    with TestClient(create_app(db, uploads=Uploads(lambda: dictionaries))) as client:
        while run.poll() is None:
            _documents(db)  # a reader: the run makes way, and the file is free a moment
            try:
                DuckDBStore(db, wait=0).close()  # in only once the run has closed its store
            except StoreError as exc:
                assert "another parley run is writing to it (pid" in str(exc)
                refused["writer"] += 1
            upload = client.post("/api/documents", params={"name": "late.txt"},
                                 content=b"Japan accused China of spying on Monday.")  # fmt: skip
            assert upload.status_code == 202  # queued: the server's worker codes it
            job = upload.json()
            while job["state"] in ("queued", "coding"):
                time.sleep(0.02)
                job = client.get(job["status_url"]).json()
            if job["state"] == "failed":
                assert "another parley run is writing" in job["reason"]
                refused["upload"] += 1
            else:  # the run had finished writing: the upload is a document of its own
                assert job["state"] == "done" and run.wait(timeout=30) is not None
    _, errors = run.communicate()
    assert run.returncode == 1, errors  # the empty file only
    rejected = f"parley: {corpus}/part0/empty.txt: empty file (no text)"
    assert [x for x in errors.strip().splitlines() if not x.startswith("parley: warning:")] == [
        rejected
    ]  # the run's warnings (undated documents) aside
    # each refused while the run made way; how many times depends on the machine's load
    # (3 to 13 on a quiet one, 2 of the uploads on a busy CI machine)
    assert refused["writer"] >= 1 and refused["upload"] >= 1, refused
    late = {t: [r for r in rows if "upload/late.txt" not in r] for t, rows in contents(db).items()}
    assert late == contents(reference)
    assert not lock_path(db).exists()


def test_a_second_parley_code_is_refused_with_one_line_and_the_file_untouched(tmp_path):
    db = _new(tmp_path / "p.duckdb")
    article = tmp_path / "a.txt"
    article.write_text("Japan accused China of spying on Monday.", encoding="utf-8")
    lock = WriterLock(db)
    lock.acquire()  # as a run that is writing holds it
    try:
        second = subprocess.run([sys.executable, "-m", "parley", "code", str(article),
                                 "--db", str(db)], capture_output=True, text=True)  # fmt: skip
    finally:
        lock.release()
    assert second.returncode == 2
    assert second.stderr.strip().splitlines() == [
        f"parley: error: {db}: cannot open database (another parley run is writing to it "
        f"(pid {os.getpid()}, since {second.stderr.split('since ')[1][:19]}); try again "
        "when it has finished)"
    ]
    assert _documents(db) == 0 and not lock_path(db).exists()
    ran = subprocess.run([sys.executable, "-m", "parley", "code", str(article), "--db", str(db)],
                         capture_output=True, text=True)  # fmt: skip
    assert ran.returncode == 0, ran.stderr  # once the first has finished
    assert _documents(db) == 1


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
    with pytest.raises(StoreError, match=r"being written by another program\)$"):
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
