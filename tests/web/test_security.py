"""What every answer of `parley serve` tells the browser (a content security policy that
lets a page load only this server's files, no sniffing, no framing, no referrer), and
that nothing it serves loads anything from another address: the API's try-it page,
which FastAPI draws with scripts from a CDN, is off."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
from fastapi.testclient import TestClient

from parley.web.app import create_app

# The namespace of SVG elements: a name, never fetched.
NAMES = {"http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def client(examples_db, dictionaries):
    with TestClient(create_app(examples_db, dictionaries=lambda: dictionaries)) as client:
        yield client


def guarded(response) -> None:
    policy = response.headers.get("content-security-policy", "")
    rules = dict(rule.strip().split(" ", 1) for rule in policy.split(";") if rule.strip())
    assert rules.get("default-src") == "'self'", policy
    assert rules.get("frame-ancestors") == "'none'" and rules.get("object-src") == "'none'"
    assert "unsafe" not in policy and "http" not in policy and "data:" not in policy
    assert response.headers.get("x-content-type-options") == "nosniff"
    assert response.headers.get("x-frame-options") == "DENY"
    assert response.headers.get("referrer-policy") == "no-referrer"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/events", 200), ("/add", 200), ("/api/events?size=1", 200), ("/static/parley.js", 200),
     ("/static/parley.css", 200), ("/openapi.json", 200), ("/api/events/0000000000000000", 404),
     ("/no/such/page", 404)],
)  # fmt: skip
def test_every_answer_carries_the_security_headers(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    guarded(response)


def test_refusals_carry_them_too(examples_db):
    with TestClient(create_app(examples_db, token="s3cret", hosts=["testserver"])) as client:
        refused = client.get("/api/events")
        assert refused.status_code == 401
        guarded(refused)
        wrong_host = client.get("/events", headers={"Host": "evil.example"})
        assert wrong_host.status_code == 400
        guarded(wrong_host)


def test_the_api_docs_load_nothing_from_another_address(client):
    for path in ("/docs", "/redoc", "/docs/oauth2-redirect"):
        response = client.get(path)
        elsewhere = re.findall(r"https?://(?!testserver[/:])[^\s\"'<>]+", response.text)
        assert response.status_code == 404 or elsewhere == [], (path, elsewhere)
    schema = client.get("/openapi.json")
    assert schema.status_code == 200 and "/api/events" in schema.json()["paths"]


def test_no_page_script_or_style_names_another_address():
    """Every template, script and style sheet: no URL of another host, no inline script
    or style the policy would block, scripts and styles from /static/ only."""
    web = files("parley.web")
    sources = [
        path
        for folder in ("templates", "static")
        for path in _walk(web / folder)
        if path.name.endswith((".html", ".js", ".css"))
    ]
    assert len(sources) > 10
    for path in sources:
        text = path.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)<>]+", text)) - NAMES
        assert urls == set(), (path.name, urls)
        if path.name.endswith(".html"):
            assert re.findall(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", text) == [], path.name
            assert re.findall(r"<style|\sstyle=|\son\w+=", text) == [], path.name
            links = re.findall(r"<link[^>]*\bhref=\"([^\"]*)\"", text)
            assert all(link.startswith("/static/") for link in links), (path.name, links)


def _walk(folder):
    for path in folder.iterdir():
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path
