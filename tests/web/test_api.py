"""The JSON API of `parley serve`, over a database coded from examples/ (plus a near copy
of one article), through FastAPI's test client and through a real server; its token."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request

import pytest
from fastapi.testclient import TestClient

from parley.web.app import create_app
from tests.cli.test_code_command import parley
from tests.conftest import REPOST_ID, counted, load_tool


@pytest.fixture(scope="module")
def client(examples_db, dictionaries):
    with TestClient(create_app(examples_db, dictionaries=lambda: dictionaries)) as client:
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
    assert "/api/events/{event_id}/explain" in spec["paths"]
    upload = spec["paths"]["/api/documents"]["post"]
    assert "application/octet-stream" in upload["requestBody"]["content"]
    assert {p["name"] for p in upload["parameters"]} == {"name", "date"}


def test_an_event_is_explained_as_parley_explain_does(client, stored):
    event = next(e for e in stored if e["source_entries"] and e["verb_entry"])
    why = client.get(f"/api/events/{event['event_id']}/explain").json()
    parts = {p["role"]: p for p in why["parts"]}
    assert parts["verb"]["entry"] == event["verb_entry"]
    assert parts["source"]["entry"] == "; ".join(event["source_entries"])
    assert parts["target"]["text"] == event["target_text"]
    assert event["verb_text"] in why["sentence"] and why["meaning"]
    assert client.get("/api/events/ffffffffffffffff/explain").status_code == 404


def test_a_token_guards_everything_but_the_static_files(examples_db):
    with TestClient(create_app(examples_db, token="s3cret")) as client:
        assert client.get("/api/events").status_code == 401
        assert client.get("/events").status_code == 401
        assert client.get("/static/parley.js").status_code == 200
        bearer = {"Authorization": "Bearer s3cret"}
        assert client.get("/api/events", headers=bearer).status_code == 200
        wrong = {"Authorization": "Bearer nope"}
        assert client.get("/api/events", headers=wrong).status_code == 401
        # Opening a page with ?token= sets a cookie that the page's own requests carry.
        assert client.get("/events", params={"token": "s3cret"}).status_code == 200
        assert client.get("/api/events").status_code == 200


def test_serve_reports_a_bad_dictionary_before_it_serves(tmp_path):
    port = str(load_tool("screenshots").free_port())
    failed = parley("serve", "--db", str(tmp_path / "new.duckdb"), "--port", port,
                    "--actors", str(tmp_path / "missing.txt"))  # fmt: skip
    assert failed.returncode == 2 and "missing.txt" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_serve_refuses_other_addresses_without_a_token_and_a_busy_port():
    refused = parley("serve", "--host", "0.0.0.0")
    assert refused.returncode == 2 and "needs --token" in refused.stderr
    assert "Traceback" not in refused.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = parley("serve", "--port", str(port), "--read-only")
    assert taken.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in taken.stderr


def test_serve_answers_on_loopback(examples_db):
    with load_tool("screenshots").serving(examples_db, "--read-only") as address:
        with urllib.request.urlopen(f"{address}/api/events?size=1", timeout=5) as response:
            body = json.load(response)
        assert body["size"] == 1 and body["total"] > 10
        with urllib.request.urlopen(f"{address}/events", timeout=5) as response:
            assert '<table id="events"' in response.read().decode()
        # A name of another site's that resolves to this machine is refused (DNS rebinding).
        rebound = urllib.request.Request(f"{address}/api/events", headers={"Host": "evil.example"})
        with pytest.raises(urllib.error.HTTPError) as wrong_host:
            urllib.request.urlopen(rebound, timeout=5)
        assert wrong_host.value.code == 400
        with pytest.raises(urllib.error.HTTPError) as refused:
            upload = f"{address}/api/documents?name=a.txt"
            urllib.request.urlopen(urllib.request.Request(upload, data=b"Text.", method="POST"))
        assert refused.value.code == 403


def test_a_documents_places_and_times_are_those_parley_finds_in_its_text(
    client, stored, dictionaries
):
    import parley

    document = next(e["document_id"] for e in stored if e["location_name"])
    stored_document = client.get(f"/api/documents/{document}").json()["document"]
    text, date = stored_document["text"], stored_document["date"]
    response = client.get("/api/places-and-times", params={"document": document})
    assert response.status_code == 200
    body = response.json()
    places = parley.find_places(text, date, dictionaries=dictionaries)
    found = [(p["start"], p["end"], p["name"], p["geonames_id"]) for p in body["places"]]
    assert places and found == [(p.start, p.end, p.name, p.geonames_id) for p in places]
    assert all(text[p["start"] : p["end"]] == p["text"] for p in body["places"])
    times = parley.find_times(text, date, dictionaries=dictionaries)
    assert [(t["start"], t["value"]) for t in body["times"]] == [(t.start, t.value) for t in times]
    missing = client.get("/api/places-and-times", params={"document": "no such document"})
    assert missing.status_code == 404
