"""End to end: `parley serve` on a free loopback port over a copy of the examples
database, each page loaded in a real headless Chromium (Debian's, driven by
Playwright), checked against what the JSON API answers for the same filters.

`.ci/run` installs the browser; elsewhere these tests skip when /usr/bin/chromium is
missing (in CI, where `CI` is set, a missing browser fails them).
"""

from __future__ import annotations

import json
import os
import shutil
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import load_tool

screenshots = load_tool("screenshots")
ARTICLE = (
    "Chile and Peru sign fisheries accord\n\n"
    "The foreign ministers of Chile and Peru signed an agreement on fishing rights on "
    "Sunday. A week earlier, Chile had accused Peru of violating its waters."
)


def _need_browser() -> None:
    missing = [] if Path(screenshots.CHROMIUM).exists() else [screenshots.CHROMIUM]
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package")
    if missing:
        reason = f"{' and '.join(missing)} not installed (`.ci/run` installs them)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def address(examples_db, tmp_path_factory):
    _need_browser()
    served = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(examples_db, served)
    with screenshots.serving(served) as address:
        yield address


@pytest.fixture(scope="module")
def browser(address):
    with screenshots.chromium() as browser:
        yield browser


@pytest.fixture
def page(browser, address):
    """A fresh page that records script errors and every address it asks for."""
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.asked = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.on("request", lambda request: page.asked.append(request.url))
    yield page
    assert page.errors == []
    assert all(url.startswith(address) for url in page.asked), "a request left the server"
    context.close()


def api(address: str, path: str, **params: object) -> dict:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{address}{path}?{query}", timeout=10) as response:
        return json.load(response)


def rows_shown(page) -> list[str]:
    return page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")


def submit(page) -> None:
    """Submit the filter form and wait until the page has drawn the answer."""
    page.evaluate("document.body.dataset.state = 'loading'")
    page.locator("#filters button[type=submit]").click()
    page.wait_for_selector("body[data-state=ready]")


def test_events_page_filters_sorts_and_pages(page, address):
    screenshots.drawn(page, f"{address}/events")
    everything = api(address, "/api/events", size=50)
    assert rows_shown(page) == [e["event_id"] for e in everything["events"]]
    assert f"of {everything['total']} events" in page.locator("#summary").inner_text()

    page.fill("input[name=country]", "CHN")
    submit(page)
    china = api(address, "/api/events", country="CHN", size=50)
    assert 0 < china["total"] < everything["total"]
    assert rows_shown(page) == [e["event_id"] for e in china["events"]]
    assert "country=CHN" in page.url  # the filters stay in the address, to share

    page.evaluate("document.body.dataset.state = 'loading'")
    page.locator("th[data-column=goldstein] button").click()
    page.wait_for_selector("body[data-state=ready]")
    ascending = api(address, "/api/events", country="CHN", sort="goldstein", size=50)
    assert rows_shown(page) == [e["event_id"] for e in ascending["events"]]
    assert page.locator("th[data-column=goldstein]").get_attribute("aria-sort") == "ascending"


def test_a_document_marks_every_event_and_explains_it(page, address):
    screenshots.drawn(page, f"{address}/events?code=14")  # protests: a link per row
    page.locator("#events tbody tr td a").first.click()
    page.wait_for_url("**/documents/**")
    page.wait_for_selector("body[data-state=ready]")
    document_id = urllib.parse.unquote(page.url.split("/documents/", 1)[1].split("#")[0])
    body = api(address, f"/api/documents/{urllib.parse.quote(document_id)}")
    assert body["events"], document_id
    marked = page.locator("mark[data-spans]").evaluate_all(
        "marks => marks.map(m => [m.dataset.spans, m.textContent])"
    )
    text = body["document"]["text"]
    for event in body["events"]:
        for role in ("source", "verb", "target"):
            wanted = text[event[f"{role}_start"] : event[f"{role}_end"]]
            key = f"{event['event_id']}:{role}"
            got = "".join(t for spans, t in marked if key in spans.split())
            assert got == wanted == event[f"{role}_text"], (event["event_id"], role)

    chosen = page.url.split("#event-")[1]
    page.wait_for_selector("#explanation:not([hidden])")
    why = api(address, f"/api/events/{chosen}/explain")
    assert why["parts"][1]["entry"] in page.locator("#explanation").inner_text()
    selected = page.locator("mark.selected").evaluate_all("ms => ms.map(m => m.dataset.spans)")
    assert selected and all(f"{chosen}:" in spans for spans in selected)

    other = body["events"][-1]["event_id"]
    page.locator(f"#event-list [data-event='{other}'] button").click()
    page.wait_for_function(f"location.hash === '#event-{other}'")
    page.wait_for_selector(f"#explanation:has-text('{other}')")

    # the places and times it names, as `parley places` / `parley times` list them
    where = api(address, "/api/places-and-times", document=document_id)
    assert where["places"] and where["times"], document_id
    page.wait_for_selector("#places li[data-start]", timeout=60_000)
    for kind in ("places", "times"):
        shown = page.locator(f"#{kind} li[data-start]").evaluate_all(
            "items => items.map(i => Number(i.dataset.start))"
        )
        assert shown == [found["start"] for found in where[kind]], kind
    country = next(p["country"] for p in where["places"] if p["country"])
    link = page.locator("#places a").first.get_attribute("href")
    assert link == f"/map?located_in={country}"


def test_timeline_draws_the_counts(page, address):
    screenshots.drawn(page, f"{address}/timeline?since=2024-01-01&by=month")
    counts = api(address, "/api/counts", by="month", since="2024-01-01")["rows"]
    shown = page.locator("#periods tbody tr").evaluate_all("rs => rs.map(r => r.dataset.period)")
    assert shown == [r["month"] for r in counts] and len(counts) > 1
    bars = page.locator("#chart a.bar").evaluate_all("bs => bs.map(b => b.dataset.period)")
    assert bars[0] == counts[0]["month"] and bars[-1] == counts[-1]["month"]
    assert set(shown) < set(bars)  # every month in between is drawn, empty or not
    conflict = page.locator("#chart rect[data-layer=material_conflict]").count()
    assert conflict == sum(1 for r in counts if r["material_conflict"])


def test_network_has_a_node_per_actor_and_an_arrow_per_pair(page, address):
    screenshots.drawn(page, f"{address}/network")
    rows = api(address, "/api/counts", by="dyad", limit=60)["rows"]
    edges = page.locator("#network a.edge").evaluate_all(
        "es => es.map(e => [e.dataset.source, e.dataset.target, Number(e.dataset.events)])"
    )
    pairs = sorted((r["source"], r["target"], r["events"]) for r in rows)
    assert sorted(map(tuple, edges)) == pairs
    nodes = page.locator("#network a.node").evaluate_all("ns => ns.map(n => n.dataset.actor)")
    assert sorted(nodes) == sorted({r["source"] for r in rows} | {r["target"] for r in rows})
    page.locator("#network a.node").first.click()
    page.wait_for_url("**/events?actor=*")


def test_map_places_the_located_events(page, address):
    screenshots.drawn(page, f"{address}/map")
    rows = [r for r in api(address, "/api/counts", by="location")["rows"] if r["geonames_id"]]
    places = page.locator("#map a.place").evaluate_all("ps => ps.map(p => Number(p.dataset.place))")
    assert sorted(places) == sorted(r["geonames_id"] for r in rows) and places
    assert page.locator("#map path.land").count() > 150  # the bundled country outlines


def test_a_file_added_from_the_page_is_coded_and_shown(page, address, tmp_path):
    article = tmp_path / "fisheries.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    wrong = tmp_path / "notes.docx"
    wrong.write_bytes(b"PK\x03\x04")
    screenshots.drawn(page, f"{address}/add")
    page.set_input_files("input[name=files]", [str(article), str(wrong)])
    page.evaluate("document.body.dataset.state = 'loading'")
    page.locator("#upload button[type=submit]").click()
    page.wait_for_selector("#results li[data-file='notes.docx']")
    # coded by the server's worker: the page asks for its status until it is done
    page.wait_for_selector("#results li.coded[data-file='fisheries.txt']", timeout=60_000)
    page.wait_for_selector("body[data-state=ready]")
    assert "sentences" in page.locator("#results li.coded").inner_text()
    assert "only .txt" in page.locator("#results li.refused").inner_text()
    page.set_input_files("input[name=files]", [str(article)])
    page.locator("#upload button[type=submit]").click()
    page.wait_for_selector("#results li.unchanged[data-file='fisheries.txt']", timeout=60_000)
    assert "already stored" in page.locator("#results li.unchanged").inner_text()
    page.locator("#results li.coded a").click()
    page.wait_for_url("**/documents/upload/fisheries.txt")
    page.wait_for_selector("body[data-state=ready]")
    assert page.locator("mark[data-spans]").count() > 0
    assert api(address, "/api/events", document="upload/fisheries.txt")["total"] > 0
    page.errors[:] = [e for e in page.errors if "status of 415" not in e]  # the .docx: expected


def test_a_bad_filter_is_one_line_on_the_page(page, address):
    screenshots.drawn(page, f"{address}/events?code=4x")
    assert "is not a CAMEO code" in page.locator("#error").inner_text()
    page.errors[:] = [e for e in page.errors if "status of 400" not in e]  # expected here
