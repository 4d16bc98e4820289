"""Screenshots of every page of `parley serve`, taken in a real headless Chromium.

Starts `parley serve` on a free loopback port over a database, opens each page in
Debian's Chromium (driven by Playwright, which is told where the browser is: it cannot
download its own here), waits until the page has drawn itself, and saves a PNG per
page. The end-to-end tests start the server and the browser with the same helpers.

    apt install chromium            # once: /usr/bin/chromium
    pip install playwright
    parley code examples/ --db examples.duckdb
    python tools/screenshots.py --db examples.duckdb --out docs/screenshots
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries Google's hosts at every start;
# the machines this runs on have no network beyond loopback.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = ("events", "timeline", "network", "map")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(db: Path, *options: str, timeout: float = 60.0) -> Iterator[str]:
    """`parley serve --db DB` on a free loopback port; yields its address."""
    port = free_port()
    command = [sys.executable, "-m", "parley", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen([*command, *options], stderr=subprocess.PIPE, text=True)
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"parley serve stopped: {server.stderr.read()}")
            try:
                with urllib.request.urlopen(f"{address}/openapi.json", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise RuntimeError("parley serve did not answer in time") from None
                time.sleep(0.2)
        yield address
    finally:
        server.terminate()
        server.wait(timeout=20)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (the system's) driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def drawn(page: Any, address: str) -> None:
    """Open `address` and wait until its script says it has drawn (or failed)."""
    page.goto(address)
    page.wait_for_selector("body[data-state=ready]", timeout=30_000)


def first_document(address: str) -> str:
    """The page of the document with the most events, on its first event."""
    import json

    query = f"{address}/api/counts?by=document&limit=1"
    with urllib.request.urlopen(query) as response:
        rows = json.load(response)["rows"]
    return f"/documents/{rows[0]['document_id']}" if rows else "/events"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a database `parley code` wrote")
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(args.db, "--read-only") as address, chromium() as browser:
        page = browser.new_page(viewport={"width": args.width, "height": 900})
        for name in PAGES:
            drawn(page, f"{address}/{name}")
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=True)
            print(args.out / f"{name}.png")
        drawn(page, address + first_document(address))
        page.locator("#event-list button").first.click()
        page.wait_for_selector("#explanation:not([hidden])")
        page.screenshot(path=str(args.out / "document.png"), full_page=True)
        print(args.out / "document.png")


if __name__ == "__main__":
    main()
