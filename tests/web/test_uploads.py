"""Adding documents through the API: queued at once and coded by one worker thread with
the same pipeline as `parley code` into a copy of the examples database, while reads go
on; bad files refused with one line saying why; a file added again answered "already
stored", another file of the same name stored beside it; the database held by another
program a clear failure, not a lost write."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.api import document_stages
from parley.document import Document
from parley.web.app import create_app
from parley.web.uploads import Uploads
from tests.conftest import EXAMPLES

ARTICLE = (
    "Chile and Peru sign fisheries accord\n\n"
    "The foreign ministers of Chile and Peru signed an agreement on fishing rights on "
    "Sunday. A week earlier, Chile had accused Peru of violating its waters."
)
OTHER = (
    "Japan protests Chinese patrols\n\n"
    "Japan accused China of sending coast guard ships into its waters on Monday."
)


@pytest.fixture
def database(examples_db, tmp_path):
    copy = tmp_path / "served.duckdb"
    shutil.copy(examples_db, copy)
    return copy


@pytest.fixture
def client(database, dictionaries):
    uploads = Uploads(lambda: dictionaries, limit_mb=1)
    with TestClient(create_app(database, uploads=uploads)) as client:
        yield client


def stored(client, rows):
    """How many rows the server's database file holds (read as a request reads it)."""
    with client.app.state.reader.reading() as db:
        return db.sql(f"SELECT count(*) FROM {rows}").fetchall()[0][0]


def add(client, name, data, **params):
    return client.post("/api/documents", params={"name": name, **params}, content=data)


def finished(client, job, seconds=60.0):
    """The upload's status once the worker is done with it (polled as the page polls)."""
    deadline = time.monotonic() + seconds
    while job["state"] in ("queued", "coding"):
        assert time.monotonic() < deadline, job
        time.sleep(0.02)
        answer = client.get(job["status_url"])
        assert answer.status_code == 200, answer.text
        job = answer.json()
    return job


def coded(client, name, data, **params):
    """Add a file: accepted at once (202), then its status when coded."""
    sent = add(client, name, data, **params)
    assert sent.status_code == 202, sent.text
    assert sent.headers["location"] == sent.json()["status_url"]
    return finished(client, sent.json())


def test_a_text_is_coded_stored_and_shown(client):
    before = client.get("/api/events", params={"size": 1}).json()["total"]
    body = coded(client, "fisheries.txt", ARTICLE.encode())
    assert body["state"] == "done" and body["status"] == "coded", body
    assert body["document_id"] == "upload/fisheries.txt"
    assert body["documents"] == ["upload/fisheries.txt"] and body["already_stored"] is False
    assert body["events"] > 0 and body["sentences"] == 3
    shown = client.get("/api/documents/upload/fisheries.txt").json()
    assert {(e["source_country"], e["target_country"]) for e in shown["events"]} & {
        ("CHL", "PER"), ("PER", "CHL")
    }  # fmt: skip
    after = client.get("/api/events", params={"size": 1}).json()["total"]
    assert after == before + body["events"]


def test_the_same_file_again_is_already_stored_and_another_of_its_name_is_a_new_document(client):
    first = coded(client, "fisheries.txt", ARTICLE.encode())
    again = coded(client, "fisheries.txt", ARTICLE.encode())
    assert again["state"] == "done" and again["already_stored"] is True, again
    assert again["status"] == "unchanged" and "already stored" in again["message"]
    assert again["document_id"] == first["document_id"] == "upload/fisheries.txt"
    other = coded(client, "fisheries.txt", OTHER.encode())
    assert other["state"] == "done" and other["status"] == "coded", other
    assert other["document_id"] == "upload/fisheries-2.txt" and other["events"] > 0
    assert coded(client, "fisheries.txt", OTHER.encode())["document_id"] == other["document_id"]
    kept = client.get("/api/documents/upload/fisheries.txt").json()["document"]["text"]
    assert "fishing rights" in kept and "Japan" not in kept  # not overwritten
    assert stored(client, "documents WHERE document_id LIKE 'upload/fisheries%'") == 2
    assert stored(client, "rejections WHERE origin LIKE 'upload/%'") == 0


@dataclass(slots=True)
class Gate:
    """A first document stage that holds the worker until the test lets it go, and
    notes the documents that pass."""

    started: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    passed: list[str] = field(default_factory=list)
    name: str = "gate"

    def __call__(self, doc: Document) -> Document:
        self.passed.append(doc.id)
        self.started.set()
        self.release.wait(10)
        return doc


def test_an_upload_is_coded_off_the_request_and_reads_go_on_meanwhile(database, dictionaries):
    gate = Gate()
    uploads = Uploads(lambda: dictionaries, limit_mb=1, max_waiting=1,
                      stages=lambda d, limits: [gate, *document_stages(d, limits)])  # fmt: skip
    with TestClient(create_app(database, uploads=uploads)) as client:
        sent = add(client, "fisheries.txt", ARTICLE.encode())
        assert sent.status_code == 202 and sent.json()["state"] in ("queued", "coding")
        job = sent.json()
        assert gate.started.wait(10)  # the worker codes it; the request has returned
        assert client.get(job["status_url"]).json()["state"] == "coding"
        asked = time.monotonic()
        assert client.get("/api/events", params={"size": 1}).status_code == 200
        assert client.get("/events").status_code == 200
        assert time.monotonic() - asked < 5  # not held up by the upload (the gate: 10 s)
        assert client.get(job["status_url"]).json()["state"] == "coding"
        second = add(client, "japan.txt", OTHER.encode())
        assert second.status_code == 202 and second.json()["state"] == "queued"
        full = add(client, "third.txt", OTHER.encode())
        assert full.status_code == 503 and "waiting" in full.json()["detail"]
        gate.release.set()
        done = finished(client, job)
        assert done["state"] == "done" and done["status"] == "coded" and done["events"] > 0
        assert finished(client, second.json())["state"] == "done"
        assert client.get("/api/documents/upload/fisheries.txt").status_code == 200
        assert client.get("/api/uploads/nosuchjob").status_code == 404
    # each coded once, before the database was opened: storing did not code them again
    assert gate.passed == ["upload/fisheries.txt", "upload/japan.txt"]


def test_a_pdf_already_stored_is_an_exact_copy(client):
    data = (EXAMPLES / "eu_sanctions_statement.pdf").read_bytes()
    added = coded(client, "statement.pdf", data)
    assert added["state"] == "done" and added["status"] == "copy"
    assert "eu_sanctions_statement.pdf" in added["message"]


def test_a_dated_html_page(client):
    page = f"<html><body><article><h1>Accord</h1><p>{ARTICLE}</p></article></body></html>"
    added = coded(client, "accord.html", page.encode(), date="2024-03-04")
    assert added["state"] == "done" and added["status"] == "coded", added


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("notes.docx", b"PK\x03\x04", 415, "notes.docx: only .txt, .pdf, .html, .htm files"),
        ("scan.pdf", b"just text", 415, "scan.pdf: not a PDF"),
        ("binary.txt", b"\x00\x01\x02 text", 415, "binary.txt: binary content"),
        ("empty.txt", b"  \n", 400, "empty.txt: empty file"),
        ("big.txt", b"word " * 250_000, 413, "big.txt: too large (over 1 MB"),
        ("dated.txt", b"Text.", 400, "date 'soon'"),
        ("form.txt", b"--xYz\r\nContent-Disposition: form-data; name=\"file\"; "
         b"filename=\"form.txt\"\r\n\r\nText.\r\n--xYz--\r\n", 415, "form.txt: a multipart form"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_the_reason(client, name, data, status, message):
    refused = add(client, name, data, **({"date": "soon"} if name == "dated.txt" else {}))
    assert refused.status_code == status
    assert message in refused.json()["detail"]


def test_a_multipart_form_is_not_taken_for_the_file(client):
    sent = client.post("/api/documents", params={"name": "a.txt"},
                       files={"file": ("a.txt", ARTICLE.encode(), "text/plain")})  # fmt: skip
    assert sent.status_code == 415
    assert "multipart" in sent.json()["detail"] and "--data-binary" in sent.json()["detail"]
    assert stored(client, "documents WHERE document_id LIKE 'upload/%'") == 0


@pytest.mark.parametrize("name", ["a" * 296 + ".txt", "é" * 148 + ".txt", "报道" * 50 + ".html"])
def test_a_name_too_long_for_a_file_is_shortened_and_keeps_its_extension(client, name):
    assert len(name.encode()) >= 300
    page = f"<html><body><article><h1>Accord</h1><p>{ARTICLE}</p></article></body></html>"
    data = (ARTICLE if name.endswith(".txt") else page).encode()
    added = coded(client, name, data)
    assert added["state"] == "done" and added["status"] == "coded", added
    short = added["document_id"].removeprefix("upload/")
    assert short.endswith(Path(name).suffix) and len(short.encode()) <= 200
    assert name.startswith(short.removesuffix(Path(name).suffix)[:40])
    assert coded(client, name, data)["already_stored"] is True
    assert client.get(f"/api/documents/{added['document_id']}").status_code == 200


def test_an_unreadable_pdf_is_rejected_and_the_rejection_stored(client):
    refused = coded(client, "broken.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF")
    assert refused["state"] == "failed" and refused["status"] == "rejected"
    assert refused["reason"].startswith("upload/broken.pdf: ")
    assert stored(client, "rejections WHERE origin = 'upload/broken.pdf'") == 1


def test_a_database_held_by_another_program_fails_the_upload_and_reads_go_on(
    client, database, hold
):
    let_go = hold(database, read_only=True)
    client.app.state.reader.write_wait = 0.3  # an upload waits so long for readers
    refused = coded(client, "fisheries.txt", ARTICLE.encode())
    assert refused["state"] == "failed"
    assert "being read by another program" in refused["reason"]
    assert client.get("/api/events", params={"size": 1}).status_code == 200
    let_go()
    assert coded(client, "fisheries.txt", ARTICLE.encode())["state"] == "done"


def test_another_sites_page_cannot_add_documents(client):
    forged = client.post("/api/documents", params={"name": "a.txt"}, content=ARTICLE.encode(),
                         headers={"Origin": "http://news.example.com"})  # fmt: skip
    assert forged.status_code == 403 and "news.example.com" in forged.json()["detail"]
    own = client.post("/api/documents", params={"name": "a.txt"}, content=ARTICLE.encode(),
                      headers={"Origin": "http://testserver"})  # fmt: skip
    assert own.status_code == 202


def test_a_read_only_server_adds_nothing(examples_db):
    with TestClient(create_app(examples_db)) as client:
        refused = add(client, "fisheries.txt", ARTICLE.encode())
        assert client.get("/api/uploads/anything").status_code == 404
    assert refused.status_code == 403 and "--read-only" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("name", "document_id"),
    [("../../escape.txt", "upload/escape.txt"), ("..\\..\\win.txt", "upload/.._.._win.txt"),
     ("/etc/cron.d/job.txt", "upload/job.txt"), ("a;b|c`.txt", "upload/a_b_c_.txt")],
)  # fmt: skip
def test_an_upload_name_cannot_escape_its_folder(client, name, document_id):
    outside = Path(tempfile.gettempdir())
    before = set(outside.iterdir())
    added = coded(client, name, ARTICLE.encode())
    assert added["state"] == "done", added
    assert added["document_id"] == document_id
    assert {p for p in set(outside.iterdir()) - before if p.suffix == ".txt"} == set()
    assert not (outside / "escape.txt").exists() and not Path("/etc/cron.d/job.txt").exists()
