"""Adding documents through the API: coded with the same pipeline as `parley code` into
a copy of the examples database; bad files refused with one line saying why; the
database held by another program is a clear 409, not a lost write."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.web.app import create_app
from parley.web.uploads import Uploads
from tests.conftest import EXAMPLES

ARTICLE = (
    "Chile and Peru sign fisheries accord\n\n"
    "The foreign ministers of Chile and Peru signed an agreement on fishing rights on "
    "Sunday. A week earlier, Chile had accused Peru of violating its waters."
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


def test_a_text_is_coded_stored_and_shown(client):
    before = client.get("/api/events", params={"size": 1}).json()["total"]
    added = add(client, "fisheries.txt", ARTICLE.encode())
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["document_id"] == "upload/fisheries.txt" and body["status"] == "coded"
    assert body["events"] > 0
    shown = client.get("/api/documents/upload/fisheries.txt").json()
    assert {(e["source_country"], e["target_country"]) for e in shown["events"]} & {
        ("CHL", "PER"), ("PER", "CHL")
    }  # fmt: skip
    after = client.get("/api/events", params={"size": 1}).json()["total"]
    assert after == before + body["events"]
    again = add(client, "fisheries.txt", ARTICLE.encode())
    assert again.status_code == 201 and again.json()["status"] == "unchanged"
    assert stored(client, "documents WHERE document_id = 'upload/fisheries.txt'") == 1


def test_a_pdf_already_stored_is_an_exact_copy(client):
    data = (EXAMPLES / "eu_sanctions_statement.pdf").read_bytes()
    added = add(client, "statement.pdf", data)
    assert added.status_code == 201
    assert added.json()["status"] == "copy"
    assert "eu_sanctions_statement.pdf" in added.json()["message"]


def test_a_dated_html_page(client):
    page = f"<html><body><article><h1>Accord</h1><p>{ARTICLE}</p></article></body></html>"
    added = add(client, "accord.html", page.encode(), date="2024-03-04")
    assert added.status_code == 201, added.text
    assert added.json()["status"] == "coded"


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("notes.docx", b"PK\x03\x04", 415, "notes.docx: only .txt, .pdf, .html, .htm files"),
        ("scan.pdf", b"just text", 415, "scan.pdf: not a PDF"),
        ("binary.txt", b"\x00\x01\x02 text", 415, "binary.txt: binary content"),
        ("empty.txt", b"  \n", 400, "empty.txt: empty file"),
        ("big.txt", b"word " * 250_000, 413, "big.txt: too large (over 1 MB"),
        ("dated.txt", b"Text.", 400, "date 'soon'"),
    ],
)
def test_bad_files_are_refused_with_the_reason(client, name, data, status, message):
    refused = add(client, name, data, **({"date": "soon"} if name == "dated.txt" else {}))
    assert refused.status_code == status
    assert message in refused.json()["detail"]


def test_an_unreadable_pdf_is_rejected_and_the_rejection_stored(client):
    refused = add(client, "broken.pdf", b"%PDF-1.4\nnot really a pdf\n%%EOF")
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith("upload/broken.pdf: ")
    assert stored(client, "rejections WHERE origin = 'upload/broken.pdf'") == 1


def test_a_database_held_by_another_program_is_a_409_and_reads_go_on(client, database, hold):
    let_go = hold(database, read_only=True)
    client.app.state.reader.write_wait = 0.3  # an upload waits so long for readers
    refused = add(client, "fisheries.txt", ARTICLE.encode())
    assert refused.status_code == 409
    assert "being read by another program" in refused.json()["detail"]
    assert client.get("/api/events", params={"size": 1}).status_code == 200
    let_go()
    assert add(client, "fisheries.txt", ARTICLE.encode()).status_code == 201


def test_another_sites_page_cannot_add_documents(client):
    forged = client.post("/api/documents", params={"name": "a.txt"}, content=ARTICLE.encode(),
                         headers={"Origin": "http://news.example.com"})  # fmt: skip
    assert forged.status_code == 403 and "news.example.com" in forged.json()["detail"]
    own = client.post("/api/documents", params={"name": "a.txt"}, content=ARTICLE.encode(),
                      headers={"Origin": "http://testserver"})  # fmt: skip
    assert own.status_code == 201


def test_a_read_only_server_adds_nothing(examples_db):
    with TestClient(create_app(examples_db)) as client:
        refused = add(client, "fisheries.txt", ARTICLE.encode())
    assert refused.status_code == 403 and "--read-only" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("name", "document_id"),
    [("../../escape.txt", "upload/escape.txt"), ("..\\..\\win.txt", "upload/.._.._win.txt"),
     ("/etc/cron.d/job.txt", "upload/job.txt"), ("a;b|c`.txt", "upload/a_b_c_.txt")],
)  # fmt: skip
def test_an_upload_name_cannot_escape_its_folder(client, name, document_id):
    outside = Path(tempfile.gettempdir())
    before = set(outside.iterdir())
    added = add(client, name, ARTICLE.encode())
    assert added.status_code == 201, added.text
    assert added.json()["document_id"] == document_id
    assert {p for p in set(outside.iterdir()) - before if p.suffix == ".txt"} == set()
    assert not (outside / "escape.txt").exists() and not Path("/etc/cron.d/job.txt").exists()
