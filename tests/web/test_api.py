"""The JSON API of `parley serve`, over a database coded from examples/ (plus a near copy
of one article), through FastAPI's test client and through a real server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from fastapi.testclient import TestClient

from parley.query.database import EventDatabase
from parley.web.api import create_app
from tests.cli.test_code_command import parley
from tests.conftest import REPOST_ID, counted


@pytest.fixture(scope="module")
def client(examples_db):
    with EventDatabase(examples_db) as database, TestClient(create_app(database)) as client:
        yield client


def test_events_are_filtered_sorted_and_paged(client, stored):
    expected = sorted(
        (e for e in stored if counted(e) and "CHN" in (e["source_country"], e["target_country"])),
        key=lambda e: (e["goldstein"], e["event_id"]),
    )
    first = client.get("/api/events", params={"country": "CHN", "sort": "goldstein", "size": 3})
    second = client.get("/api/events", params={"country": "CHN", "sort": "goldstein",
                                               "size": 3, "page": 2})  # fmt: skip
    assert first.status_code == second.status_code == 200
    body = first.json()
    assert body["total"] == len(expected) > 6
    ids = [e["event_id"] for e in body["events"] + second.json()["events"]]
    assert ids == [e["event_id"] for e in expected[:6]]


def test_counts_per_group(client, stored):
    response = client.get("/api/counts", params={"by": "quad", "since": "2024-01-01"})
    assert response.status_code == 200
    rows = {r["quad_class"]: r["events"] for r in response.json()["rows"]}
    events = [e for e in stored if counted(e) and e["event_date"] and e["event_date"].year >= 2024]
    assert rows == {q: sum(1 for e in events if e["quad_class"] == q)
                    for q in {e["quad_class"] for e in events}}  # fmt: skip


def test_a_document_with_its_spans_and_copies(client, stored):
    (cairo,) = {e["document_id"] for e in stored if e["document_id"].endswith("cairo_talks.html")}
    response = client.get(f"/api/documents/{cairo}")
    assert response.status_code == 200
    body = response.json()
    text = body["document"]["text"]
    assert len(body["events"]) == sum(1 for e in stored if e["document_id"] == cairo)
    for event in body["events"]:
        assert text[event["source_start"] : event["source_end"]] == event["source_text"]
        assert text[event["verb_start"] : event["verb_end"]] == event["verb_text"]
        assert text[event["target_start"] : event["target_end"]] == event["target_text"]
    assert [c["document_id"] for c in body["copies"]] == [REPOST_ID]


def test_one_event_and_what_is_not_there(client, stored):
    event = stored[0]
    assert (
        client.get(f"/api/events/{event['event_id']}").json()["verb_entry"] == event["verb_entry"]
    )
    assert client.get("/api/events/0000000000000000").status_code == 404
    assert client.get("/api/documents/no/such/file.txt").status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"code": "4x"}, "code: '4X' is not a CAMEO code"),
        ({"sort": "colour"}, "cannot sort by colour"),
        ({"size": 100000}, "less than or equal to 500"),
    ],
)
def test_mistakes_are_400_with_the_reason(client, params, message):
    response = client.get("/api/events", params=params)
    assert response.status_code in (400, 422) and message in response.text


def test_the_api_is_described_by_openapi(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/counts", "/api/events/{event_id}"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "country", "code", "plover", "since", "until", "modality", "sort"} <= names


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_loopback_only(examples_db):
    assert "serves this machine only" in parley("serve", "--host", "0.0.0.0").stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "parley", "serve", "--db", str(examples_db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/events?size=1"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = json.load(response)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not answer")
        assert body["size"] == 1 and body["total"] > 10
    finally:
        server.terminate()
        server.wait(timeout=10)
